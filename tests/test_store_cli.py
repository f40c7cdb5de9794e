"""The database and the command line: schema, full-text search, idempotent ingest, bad files."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from conftest import KENT, LEICESTER, needs_shared

from pipeline.cli import cli
from pipeline.ingest import ingest_file

FRONT = KENT / "KCC_Cabinet_2025-01-30_Agenda_frontsheet.pdf"
MINUTES = KENT / "KCC_Cabinet_2025-01-30_Printed_minutes.pdf"
CONTRACT = {
    "documents", "pages", "meetings", "sections", "agenda_items", "members", "attendees",
    "resolutions", "votes", "vote_records", "acronyms", "pdf_tables", "problems",
}


def ingest(db, *paths, extra=()):
    return CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), "--quiet", "--jobs", "1", *extra])


def snapshot(db: Path) -> dict:
    c = sqlite3.connect(db)
    out = {}
    for table in ("documents", "pages", "meetings", "sections", "agenda_items", "problems"):
        cols = [r[1] for r in c.execute(f"pragma table_info({table})") if r[1] != "ingested_at"]
        out[table] = c.execute(f"select {', '.join(cols)} from {table} order by 1, 2").fetchall()
    c.close()
    return out


def test_schema_has_the_contract_tables_and_foreign_keys(conn):
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    assert CONTRACT <= tables
    fks = {(r["table"], r["from"]) for r in conn.execute("select * from pragma_foreign_key_list('sections')")}
    assert fks >= {("documents", "document_id"), ("sections", "parent_id")}
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_full_text_search_finds_a_page_and_a_section(conn):
    page = conn.execute(
        "select p.page from pages_fts f join pages p on p.rowid = f.rowid where pages_fts match 'meningococcal'"
    ).fetchall()
    assert [r[0] for r in page] == [8]
    titles = conn.execute(
        "select s.title from sections_fts f join sections s on s.rowid = f.rowid where sections_fts match 'rheumatology'"
    ).fetchall()
    assert "RHEUMATOLOGY" in [r[0] for r in titles]


def test_agenda_items_point_at_the_papers_they_introduce(conn):
    rows = conn.execute(
        "select a.number, s.kind, s.page_start from agenda_items a join sections s on s.id = a.section_id "
        "join documents d on d.id = a.document_id where d.filename like 'leicester%' order by a.id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("3", "minutes", 7), ("9", "report", 13), ("10", "report", 65), ("11", "work_programme", 92)]


def test_minutes_in_a_pack_belong_to_the_earlier_meeting(conn):
    row = conn.execute(
        "select m.date, m.time, m.body from sections s join meetings m on m.id = s.meeting_id "
        "join documents d on d.id = s.document_id where d.filename like 'leicester%' and s.kind = 'minutes'"
    ).fetchone()
    assert tuple(row) == ("2026-03-24", "17:30", "PUBLIC HEALTH AND HEALTH INTEGRATION SCRUTINY COMMISSION")


@needs_shared
def test_ingesting_twice_changes_nothing(tmp_path):
    db = tmp_path / "a.db"
    assert ingest(db, FRONT, MINUTES).exit_code == 0
    before = snapshot(db)
    again = ingest(db, FRONT, MINUTES)
    assert again.exit_code == 0
    assert "2 skipped" in again.output
    assert snapshot(db) == before


@needs_shared
def test_force_reingest_keeps_every_id(tmp_path):
    db = tmp_path / "a.db"
    ingest(db, MINUTES)
    before = snapshot(db)
    assert ingest(db, MINUTES, extra=["--force"]).exit_code == 0
    assert snapshot(db) == before


@needs_shared
def test_the_same_meeting_from_two_documents_is_one_row(tmp_path):
    db = tmp_path / "a.db"
    ingest(db, FRONT, MINUTES)
    c = sqlite3.connect(db)
    assert c.execute("select count(*) from meetings where date = '2025-01-30'").fetchone()[0] == 1
    assert c.execute("select count(distinct meeting_id) from documents").fetchone()[0] == 1


@needs_shared
def test_a_bad_file_is_accounted_for_and_the_batch_goes_on(tmp_path):
    empty = tmp_path / "zero-bytes.pdf"
    empty.write_bytes(b"")
    notpdf = tmp_path / "notes.pdf"
    notpdf.write_text("this is not a PDF")
    db = tmp_path / "a.db"
    result = ingest(db, empty, notpdf, FRONT)
    assert result.exit_code == 1
    assert "zero-bytes.pdf" in result.output and "empty" in result.output
    assert "3 documents: 1 ok, 2 failed (see problems)" in result.output
    c = sqlite3.connect(db)
    rows = dict(c.execute("select filename, status from documents").fetchall())
    assert rows == {"zero-bytes.pdf": "failed", "notes.pdf": "failed", FRONT.name: "ok"}
    codes = {r[0] for r in c.execute("select code from problems")}
    assert codes == {"empty_file", "not_a_pdf"}


@needs_shared
def test_republished_file_replaces_the_earlier_one(tmp_path):
    db = tmp_path / "a.db"
    pack = tmp_path / "pack.pdf"
    pack.write_bytes(FRONT.read_bytes())
    ingest(db, pack)
    pack.write_bytes(MINUTES.read_bytes())
    ingest(db, pack)
    c = sqlite3.connect(db)
    rows = c.execute("select id, replaces_id from documents order by id").fetchall()
    assert rows == [(1, None), (2, 1)]
    assert c.execute("select count(*) from sections where document_id = 1").fetchone()[0] > 0


@needs_shared
def test_show_prints_the_tree_without_a_database():
    result = CliRunner().invoke(cli, ["show", str(LEICESTER)])
    assert result.exit_code == 0
    assert "minutes [A] p7-12" in result.output
    assert "  minute_item 21 p8-9: HEALTH PROTECTION" in result.output
    data = json.loads(CliRunner().invoke(cli, ["show", str(FRONT), "--json"]).output)
    assert data["meeting"]["date"] == "2025-01-30"
    assert [c["number"] for c in data["sections"][0]["children"]] == [str(n) for n in range(1, 10)]


def crashing_ingest(path, *args):
    """A worker that dies on one file, as on a segfault in the PDF library (module level: workers import it)."""
    if path.endswith("crash.pdf"):
        os._exit(1)
    return ingest_file(path, *args)


@needs_shared
def test_a_file_that_crashes_its_worker_is_failed_and_the_batch_goes_on(tmp_path, monkeypatch):
    import pipeline.cli as cli_module

    monkeypatch.setattr(cli_module, "ingest_file", crashing_ingest)
    crash = tmp_path / "crash.pdf"
    crash.write_bytes(FRONT.read_bytes() + b"%")  # other bytes than FRONT
    db = tmp_path / "a.db"
    result = ingest(db, crash, FRONT, MINUTES, extra=["--jobs", "2"])
    assert result.exit_code == 1
    c = sqlite3.connect(db)
    rows = dict(c.execute("select filename, status from documents").fetchall())
    assert rows == {"crash.pdf": "failed", FRONT.name: "ok", MINUTES.name: "ok"}


@needs_shared
def test_a_file_stored_by_another_pipeline_version_is_read_again_with_its_ids(tmp_path):
    db = tmp_path / "a.db"
    ingest(db, MINUTES)
    before = snapshot(db)
    with sqlite3.connect(db) as con:
        con.execute("update documents set pipeline_version = '0.0.1'")
    again = ingest(db, MINUTES)
    assert again.exit_code == 0 and "skipped" not in again.output
    assert snapshot(db) == before
    with sqlite3.connect(db) as con:
        assert con.execute("select pipeline_version from documents").fetchone()[0] != "0.0.1"
