"""Files a pipeline must survive: every one is accounted for, the batch goes on, nothing is half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
import hostile
from conftest import CORPUS, ROOT, SHARED_CORPUS, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import cli
from pipeline.extract.dates import parse_date, parse_time
from pipeline.extract.people import parse_person, split_outside_brackets
from pipeline.extract.resolutions import extract_resolutions
from pipeline.extract.votes import extract_votes
from pipeline.ingest import _status, process_file
from pipeline.models import Line, Page, Section
from pipeline.ocr import ocr_available

BAD = SHARED_CORPUS / "bad"  # damaged files found in the wild, read from the shared corpus

# Files built at test time from the Leicester pack (tests/hostile.py): status and problem code.
BUILT = {
    "zero-bytes.pdf": ("failed", "empty_file"),
    "not-a-pdf.pdf": ("failed", "not_a_pdf"),
    "encrypted.pdf": ("failed", "encrypted"),
    "owner-password-only.pdf": ("ok", None),  # only an owner password: opens without one
    "blank-page.pdf": ("no_text", None),
    "corrupt-streams.pdf": ("no_text", None),  # PDFium draws nothing from the noise
    "truncated.pdf": ("partial", "repaired"),  # qpdf rebuilds its cross-reference table
}
BUILT_SURVIVE = {"fuzzed.pdf"}  # any status will do, as long as it is accounted for
BUILT_OCR = {"image-only.pdf"}

# The shared corpus's bad/ folder.
EXPECTED = {
    "zero-bytes.pdf": ("failed", "empty_file"),
    "not-a-pdf-macos-alias.pdf": ("failed", "not_a_pdf"),
    "password-example.pdf": ("failed", "encrypted"),
    "health_protected.pdf": ("failed", "encrypted"),
    # PDFium opens these damaged files and finds one blank page each.
    "PDFBOX-4352-0.pdf": ("no_text", None),
    "GHOSTSCRIPT-698804-1-fuzzed.pdf": ("no_text", None),
    "REDHAT-1531897-0.pdf": ("failed", None),
    "corrupt-streams.pdf": ("no_text", "repaired"),  # qpdf repairs it; PDFium draws nothing from its streams
    "blank-page.pdf": ("no_text", None),
    "empty_protected.pdf": ("no_text", None),  # only an owner password: opens without one
    "malformed-from-issue-932.pdf": ("ok", None),
    "unreadablemetadata.pdf": ("ok", None),
}
NEEDS_OCR = {"scanned-council-document.pdf", "text-as-vector-outlines.pdf", "image-only-table.pdf"}


def _ingest(folder: Path, db: Path):
    return CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--quiet", "--jobs", "2"])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return hostile.build_all(tmp_path_factory.mktemp("hostile") / "files")


@pytest.fixture(scope="module")
def built_db(built, tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile_db") / "bad.db"
    return db, _ingest(next(iter(built.values())).parent, db)


@pytest.fixture(scope="module")
def bad_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("bad") / "bad.db"
    return db, _ingest(BAD, db)


def _check_statuses(db: Path, folder: Path, expected: dict, survive: set, ocr: set) -> None:
    c = sqlite3.connect(db)
    rows = {r[0]: r[1:] for r in c.execute("select filename, status, error, id from documents")}
    assert set(rows) == {p.name for p in folder.glob("*.pdf")}
    for name, (status, code) in expected.items():
        assert rows[name][0] == status, (name, rows[name])
        if status != "ok":
            assert rows[name][1].startswith(name), rows[name][1]  # one line that names the file
        if code:
            codes = {r[0] for r in c.execute("select code from problems where document_id = ?", [rows[name][2]])}
            assert code in codes, (name, codes)
    for name in survive:
        assert rows[name][0] in {"ok", "partial", "no_text", "failed"}, (name, rows[name])
    for name in ocr:
        assert rows[name][0] == ("ok" if ocr_available() else "no_text"), (name, rows[name])


def _check_report(result, folder: Path, expected: dict) -> None:
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith(f"{len(list(folder.glob('*.pdf')))} documents: ")
    assert lines[-1].endswith("(see problems)")
    failed = [ln for ln in lines if ln.startswith("failed: ")]
    assert len(failed) >= sum(1 for s, _ in expected.values() if s == "failed")
    assert not any("Traceback" in ln for ln in lines)


def test_every_hostile_file_is_accounted_for_with_its_status(built, built_db):
    db, result = built_db
    assert result.exit_code == 1
    folder = next(iter(built.values())).parent
    _check_statuses(db, folder, BUILT, BUILT_SURVIVE, BUILT_OCR)
    _check_report(result, folder, BUILT)


@needs_shared
def test_every_bad_file_is_accounted_for_with_its_status(bad_db):
    db, result = bad_db
    assert result.exit_code == 1
    _check_statuses(db, BAD, EXPECTED, set(), NEEDS_OCR)


@needs_shared
def test_one_line_per_bad_file_and_a_summary(bad_db):
    _, result = bad_db
    _check_report(result, BAD, EXPECTED)
    failed = [ln for ln in result.output.strip().splitlines() if ln.startswith("failed: ")]
    assert len(failed) == sum(1 for s, _ in EXPECTED.values() if s == "failed")


@needs_shared
@pytest.mark.skipif(not ocr_available(), reason="Tesseract is not installed")
def test_text_drawn_as_outlines_is_read_with_ocr():
    doc = process_file(str(BAD / "text-as-vector-outlines.pdf"))
    assert doc.status == "ok" and doc.pages[0].is_ocr
    assert "PLANNING COMMISSION" in doc.pages[0].text


@needs_shared
@pytest.mark.parametrize("name, password", [("password-example.pdf", "test"), ("health_protected.pdf", "userpass")])
def test_a_password_opens_an_encrypted_file(name, password):
    doc = process_file(str(BAD / name), password=password)
    assert doc.status == "ok" and doc.page_count >= 1
    assert any(p.text.strip() for p in doc.pages)


def test_a_password_opens_a_file_encrypted_at_test_time(built):
    doc = process_file(str(built["encrypted.pdf"]), password=hostile.USER_PASSWORD)
    assert doc.status == "ok" and doc.page_count == 2
    assert "Leicester" in doc.pages[0].text


def test_a_failed_page_makes_a_document_partial_not_failed():
    line = Line(1, "Minutes", 10, 100, 10, 20, 11, False, "Arial")
    pages = [Page(1, 595, 842, (line,)), Page(2, 595, 842, (), error="ValueError: bad stream")]
    from pipeline.models import Problem

    status, error = _status("pack.pdf", pages, [Problem("read", "page_error", "pack.pdf: page 2: bad stream", 2)])
    assert (status, error) == ("partial", "pack.pdf: page 2: bad stream")


def test_time_limit_keeps_the_pages_read(tmp_path):
    doc = process_file(str(CORPUS / "leicester" / "leicester-phhi-2026-04-28-pack.pdf"), time_limit=0.0)
    assert doc.status == "failed" and "time limit" in doc.error
    doc = process_file(str(CORPUS / "leicester" / "leicester-phhi-2026-04-28-pack.pdf"), max_pages=3)
    assert doc.page_count == 3 and doc.status == "partial" and "first 3 of" in doc.error


def test_killed_ingest_leaves_a_consistent_database_and_a_rerun_finishes(tmp_path):
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(CORPUS), "--db", str(db), "--quiet", "--jobs", "1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    if c.execute("select count(*) from documents").fetchone()[0] >= 3:
                        break
            except sqlite3.Error:
                pass
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    c = sqlite3.connect(db)
    assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert c.execute("pragma foreign_key_check").fetchall() == []
    half = c.execute(
        "select d.filename from documents d where d.status != 'failed' and d.page_count != "
        "(select count(*) from pages p where p.document_id = d.id)"
    ).fetchall()
    assert half == []
    stored = c.execute("select count(*) from documents").fetchone()[0]
    assert 3 <= stored < len(list(CORPUS.rglob("*.pdf")))
    c.close()
    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-500:]
    assert f"{stored} skipped" in rerun.stderr
    c = sqlite3.connect(db)
    assert c.execute("select count(*) from documents").fetchone()[0] == len(list(CORPUS.rglob("*.pdf")))
    assert c.execute("pragma integrity_check").fetchone()[0] == "ok"


def _line(text: str, top: float) -> Line:
    return Line(1, text, 72, 500, top, top + 12, 12, False, "Arial")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_text_extractors_never_crash_on_arbitrary_text(text):
    parse_date(text)
    parse_time(text)
    parse_person(text)
    split_outside_brackets(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from(
    ["AGREED:", "RESOLVED that:", "1) That the report be noted.", "(a)", "For (3)", "Against (0)", "Mr A, Mr B",
     "Motion carried.", "AYES: Smith, Jones", "RESULT: FAILED [1-2]", "Abstain (1)", "Yeas", "Nays"])), max_size=25))
def test_minute_extractors_never_crash_on_arbitrary_lines(texts):
    lines = (_line("12. An item", 0),) + tuple(_line(t, 20 + 15 * i) for i, t in enumerate(texts))
    item = Section("minute_item", "An item", 1, 1, number="12", lines=lines)
    extract_resolutions(item)
    extract_votes(item)


@pytest.mark.skipif(not ocr_available(), reason="Tesseract is not installed")
def test_scanned_pages_read_in_parallel_give_the_same_text(built):
    one = process_file(str(built["image-only.pdf"]), ocr_threads=1)
    two = process_file(str(built["image-only.pdf"]), ocr_threads=2)
    assert [p.text for p in one.pages] == [p.text for p in two.pages]
    assert all(p.is_ocr for p in two.pages) and "Leicester" in two.pages[0].text
