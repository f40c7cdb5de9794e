"""Shared fixtures: the bundled corpus ingested once into a temporary database."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.models import Line

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).parent / "gold"
LEICESTER = CORPUS / "leicester" / "leicester-phhi-2026-04-28-pack.pdf"
KENT = CORPUS / "kent"

sys.path.insert(0, str(Path(__file__).parent))


def hand_line(text: str, i: int, bold: bool = False, size: float = 11, segments: tuple[str, ...] = ()) -> Line:
    """A line as layout builds one, on row i of page 1 in Arial: house styles the corpus lacks."""
    return Line(1, text, 72, 500, 100 + 15 * i, 111 + 15 * i, size, bold, "Arial", segments=segments or (text,))


def gold_pdf(gold: Path) -> Path:
    """The bundled PDF a gold file describes."""
    name = json.loads(gold.read_text())["file"]
    return next(CORPUS.rglob(name))


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory) -> Path:
    """Every PDF that has a gold file, ingested once."""
    db = tmp_path_factory.mktemp("gold") / "gold.db"
    pdfs = [str(gold_pdf(g)) for g in sorted(GOLD.glob("*.gold.json"))]
    result = CliRunner().invoke(cli, ["ingest", *pdfs, "--db", str(db), "--quiet", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def conn(gold_db):
    c = sqlite3.connect(gold_db)
    c.row_factory = sqlite3.Row
    yield c
    c.close()
