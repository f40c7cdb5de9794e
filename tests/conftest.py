"""Shared fixtures: the bundled corpus ingested once, and the one way tests reach the shared corpus.

The repository carries only the Leicester pack and the documents it typesets itself
(`corpus/typeset/`). Real council documents, the table set and the damaged files of the
`bad/` folder are read from the shared corpus: `$AGENDAPACK_SHARED`, by default `../shared`
beside the checkout. Tests that need it are skipped, with the path in the reason, when it is
absent.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.ingest import process_file
from pipeline.models import Line

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).parent / "gold"
LEICESTER = CORPUS / "leicester" / "leicester-phhi-2026-04-28-pack.pdf"

SHARED = Path(os.environ.get("AGENDAPACK_SHARED", ROOT.parent / "shared"))
SHARED_CORPUS = SHARED / "corpus"
KENT = SHARED_CORPUS / "real" / "kent"
US = SHARED_CORPUS / "real" / "us"
OTHER = SHARED_CORPUS / "real" / "other"
DEV = SHARED_CORPUS / "dev"
needs_shared = pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"the shared corpus is not at {SHARED_CORPUS} "
                                  "(set AGENDAPACK_SHARED)")

sys.path.insert(0, str(Path(__file__).parent))


def hand_line(text: str, i: int, bold: bool = False, size: float = 11, segments: tuple[str, ...] = ()) -> Line:
    """A line as layout builds one, on row i of page 1 in Arial: house styles the corpus lacks."""
    return Line(1, text, 72, 500, 100 + 15 * i, 111 + 15 * i, size, bold, "Arial", segments=segments or (text,))


def minutes_facts(pdf: Path) -> tuple[list, list]:
    """The votes and resolutions a PDF's minutes record, as ingest reads them."""
    doc = process_file(str(pdf))
    minutes = {i for i, s in enumerate(doc.sections) if s.kind == "minutes"}
    return [v for i, _, v in doc.votes if i in minutes], [r for i, _, r in doc.resolutions if i in minutes]


def gold_pdf(gold: Path) -> Path | None:
    """The PDF a gold file describes: bundled, else in the shared corpus, else None."""
    name = json.loads(gold.read_text())["file"]
    for root in (CORPUS, SHARED_CORPUS):
        found = next(root.rglob(name), None) if root.is_dir() else None
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory) -> Path:
    """Every PDF that has a top-level gold file and is at hand, ingested once."""
    db = tmp_path_factory.mktemp("gold") / "gold.db"
    pdfs = [str(p) for p in (gold_pdf(g) for g in sorted(GOLD.glob("*.gold.json"))) if p]
    result = CliRunner().invoke(cli, ["ingest", *pdfs, "--db", str(db), "--quiet", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def conn(gold_db):
    c = sqlite3.connect(gold_db)
    c.row_factory = sqlite3.Row
    yield c
    c.close()
