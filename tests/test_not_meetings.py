"""Documents that are not meeting papers (data tables, damaged files) yield no meeting facts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED, needs_shared

from pipeline.cli import cli

FOLDERS = [SHARED / "corpus" / "tables", SHARED / "corpus" / "bad"]
PDFS = sorted(p for f in FOLDERS if f.exists() for p in f.rglob("*.pdf"))

pytestmark = needs_shared

def _param(pdf: Path):
    return pytest.param(pdf, id=pdf.name)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """Every PDF of the two folders, ingested once (damaged files fail, which is fine here)."""
    path = tmp_path_factory.mktemp("not_meetings") / "nm.db"
    result = CliRunner().invoke(cli, ["ingest", *map(str, PDFS), "--db", str(path), "--quiet", "--jobs", "2"])
    assert result.exit_code in (0, 1), result.output
    return path


FACTS = {
    "agenda_items": "SELECT count(*) FROM agenda_items WHERE document_id = ?",
    "minute_item sections": "SELECT count(*) FROM sections WHERE document_id = ? AND kind = 'minute_item'",
    "attendees": "SELECT count(*) FROM attendees WHERE document_id = ?",
    "resolutions": "SELECT count(*) FROM resolutions WHERE document_id = ?",
    "votes": "SELECT count(*) FROM votes WHERE document_id = ?",
    "sections linked to a meeting": "SELECT count(*) FROM sections WHERE document_id = ? AND meeting_id IS NOT NULL",
}


def test_the_folders_hold_pdfs():
    assert len(PDFS) >= 20


# A real agenda whose text is drawn as outlines: read with OCR (when Tesseract is installed) it
# names its printed meeting, which is a fact, not an invention; it is checked on its own below.
OUTLINED_AGENDA = "text-as-vector-outlines.pdf"


@pytest.mark.parametrize("pdf", [_param(p) for p in PDFS if p.name != OUTLINED_AGENDA])
def test_no_meeting_facts(db, pdf):
    with sqlite3.connect(db) as c:
        row = c.execute("SELECT id, meeting_id FROM documents WHERE path = ?", (str(pdf.resolve()),)).fetchone()
        assert row is not None, f"{pdf.name} was not recorded"
        doc_id, meeting_id = row
        found = {name: c.execute(sql, (doc_id,)).fetchone()[0] for name, sql in FACTS.items()}
    assert meeting_id is None, f"{pdf.name} is linked to meeting {meeting_id}"
    assert not any(found.values()), f"{pdf.name}: {found}"


def test_an_agenda_drawn_as_outlines_yields_only_what_it_prints(db):
    pdf = next(p for p in PDFS if p.name == OUTLINED_AGENDA)
    with sqlite3.connect(db) as c:
        doc_id, status, meeting_id = c.execute(
            "SELECT id, status, meeting_id FROM documents WHERE path = ?", (str(pdf.resolve()),)).fetchone()
        meeting = c.execute("SELECT council, body, date FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        found = {name: c.execute(sql, (doc_id,)).fetchone()[0] for name, sql in FACTS.items() if "meeting" not in name}
    if status == "no_text":  # no OCR here: nothing is read, nothing is stored
        assert meeting_id is None
    else:
        # The page prints 'CITY OF DUARTE PLANNING COMMISSION' and 'MONDAY, NOVEMBER 21, 2022' (a cancellation).
        assert meeting is None or (meeting[1].casefold(), meeting[2]) == ("planning commission", "2022-11-21")
    assert not any(found.values()), found
