"""Stored PDFs served safely, SQL that cannot outlast its limit, republished packs as versions.

Every input is built at test time: a two-page PDF cut from the Leicester pack, links to
/etc/passwd, tampered copies in the store, and documents saved straight into a database.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from conftest import ROOT
from datasette.app import Datasette
from hostile import _first_pages

from pipeline.cli import cli
from pipeline.filestore import files_dir, stored_path
from pipeline.models import Document, Meeting
from pipeline.pdf_response import byte_range, content_disposition, Unsatisfiable
from pipeline.schema import migrations
from pipeline.store import note_seen_again, open_db, save_document

PLUGINS = ROOT / "pipeline" / "site" / "plugins"
NAME = "Août – réunion \"spéciale\".pdf"
KENT = Meeting("Kent County Council", "Cabinet", "2025-01-30")
SURREY = Meeting("Surrey County Council", "Cabinet", "2025-01-30")


def serve(db: Path) -> Datasette:
    return Datasette([str(db)], plugins_dir=str(PLUGINS), settings={"sql_time_limit_ms": 3000})


def get(ds: Datasette, path: str, headers: dict | None = None, **params):
    return asyncio.run(ds.client.get(path, params=params or None, headers=headers))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """A PDF and a .pdf link to /etc/passwd ingested; then the PDF's path is made to point at /etc/passwd."""
    folder = tmp_path_factory.mktemp("store")
    pdf = folder / "in" / NAME
    pdf.parent.mkdir()
    with _first_pages(2) as p:
        p.save(pdf)
    original = pdf.read_bytes()
    (folder / "in" / "passwd.pdf").symlink_to("/etc/passwd")
    db = folder / "agendas.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder / "in"), "--db", str(db), "--quiet", "--jobs", "1"])
    assert "2 documents" in result.output, result.output
    pdf.unlink()
    pdf.symlink_to("/etc/passwd")
    with sqlite3.connect(db) as c:
        ids = dict(c.execute("select filename, id from documents"))
    return db, original, ids


def test_the_stored_bytes_are_served_after_the_original_path_points_elsewhere(ingested):
    db, original, ids = ingested
    kept = stored_path(files_dir(db), hashlib.sha256(original).hexdigest())
    assert kept.read_bytes() == original and not kept.is_symlink()
    r = get(serve(db), f"/-/pdf/{ids[NAME]}")
    assert r.status_code == 200 and r.content == original
    assert r.headers["content-type"] == "application/pdf" and r.headers["accept-ranges"] == "bytes"
    assert r.headers["content-length"] == str(len(original))


def test_a_byte_range_is_answered_with_exactly_those_bytes(ingested):
    db, original, ids = ingested
    ds, url, size = serve(db), f"/-/pdf/{ids[NAME]}", len(original)
    r = get(ds, url, headers={"Range": "bytes=100-1123"})
    assert r.status_code == 206 and r.content == original[100:1124]
    assert r.headers["content-range"] == f"bytes 100-1123/{size}"
    r = get(ds, url, headers={"Range": "bytes=-500"})
    assert r.status_code == 206 and r.content == original[-500:]
    r = get(ds, url, headers={"Range": f"bytes={size - 10}-"})
    assert r.status_code == 206 and r.content == original[-10:]
    for bad in (f"bytes={size}-", "bytes=9-3", "bytes=-0", "bytes=abc"):
        r = get(ds, url, headers={"Range": bad})
        assert r.status_code == 416 and r.headers["content-range"] == f"bytes */{size}", bad


def test_a_non_pdf_is_never_served(ingested):
    db, original, ids = ingested
    ds = serve(db)
    r = get(ds, f"/-/pdf/{ids['passwd.pdf']}")
    assert r.status_code == 404 and b"root:" not in r.content
    assert not any(b"root:" in f.read_bytes() for f in files_dir(db).iterdir())
    assert get(ds, "/-/pdf/999999").status_code == 404
    assert get(ds, "/-/pdf/99999999999999999999999").status_code == 404


@pytest.mark.parametrize("tamper", ["other_bytes", "not_a_pdf", "symlink"])
def test_a_kept_file_that_no_longer_matches_its_hash_is_not_served(tmp_path, tamper):
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(b"%PDF-1.4\nthe pack\n%%EOF\n")
    db = tmp_path / "agendas.db"
    document_id = save_document(open_db(db), _doc(pdf, KENT))
    kept = stored_path(files_dir(db), _sha(pdf))
    kept.chmod(0o644)
    if tamper == "symlink":
        kept.unlink()
        kept.symlink_to(pdf)  # the very bytes, but through a link: still refused
    else:
        kept.write_bytes(b"%PDF-1.4\nother bytes\n%%EOF\n" if tamper == "other_bytes" else b"root:x:0:0\n")
    assert get(serve(db), f"/-/pdf/{document_id}").status_code == 404


def test_content_disposition_carries_any_name():
    header = content_disposition(NAME)
    assert header.startswith('inline; filename="Aout _ reunion _speciale_.pdf"; ')
    assert header.endswith("filename*=UTF-8''Ao%C3%BBt%20%E2%80%93%20r%C3%A9union%20%22sp%C3%A9ciale%22.pdf")
    header.encode("latin-1")  # a header must be sendable
    # A name that is not UTF-8 (kept losslessly with surrogate escapes) is shown with replacement characters.
    odd = b"caf\xe9\r\nX-Evil: 1.pdf".decode("utf-8", "surrogateescape")
    header = content_disposition(odd)
    assert "\r" not in header and "\n" not in header and "%EF%BF%BD" in header


def test_byte_ranges():
    assert byte_range(None, 10) is None and byte_range("bytes=0-1,4-5", 10) is None and byte_range("pages=1-2", 10) is None
    assert byte_range("bytes=0-", 10) == (0, 9) and byte_range("bytes=5-100", 10) == (5, 9)
    assert byte_range("bytes=-100", 10) == (0, 9)
    with pytest.raises(Unsatisfiable):
        byte_range("bytes=" + "9" * 40 + "-", 10)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # Datasette prints the refusal
def test_a_query_cannot_build_gigabytes(tmp_path):
    db = tmp_path / "agendas.db"
    open_db(db)
    ds = serve(db)
    bomb = "length(printf('%.*c', 999999999, 'x'))"
    r = get(ds, "/agendas.json", sql=f"select {bomb} as a, {bomb} as b, {bomb} as c, {bomb} as d", _shape="array")
    # Refused before SQLite starts (unguarded: 27 s and 4 GB; with the length limit alone: 17 s per call).
    assert r.status_code == 400 and "user-defined function raised exception" in r.json()["error"], r.text[:300]
    r = get(ds, "/agendas.json", sql="select printf('%s: %.*c', 'ok', 3, 'x') as a", _shape="array")
    assert r.json() == [{"a": "ok: xxx"}]
    r = get(ds, "/agendas.json", sql="select length(zeroblob(100000000)) as n", _shape="array")
    assert r.status_code == 400 and "too big" in r.text
    limits = asyncio.run(ds.get_database("agendas").execute_fn(
        lambda c: (c.getlimit(sqlite3.SQLITE_LIMIT_LENGTH), c.execute("pragma hard_heap_limit").fetchone()[0])))
    assert limits[0] <= 64 << 20 and 0 < limits[1] <= 1 << 30  # on every served connection


def test_the_site_queries_read_the_longest_stored_values(tmp_path):
    """A whole page's text, a section's text and a table's JSON come back intact under the limits."""
    db = tmp_path / "agendas.db"
    open_db(db)
    # 1 MB, far longer than any real page (7 KB in the corpus); one match, as FTS5's snippet() is slow on many.
    text = "the report be noted " * 50_000 + "The committee RESOLVED that the report be noted."
    with sqlite3.connect(db) as c:
        c.execute("insert into documents (id, sha256, filename) values (1, ?, 'big.pdf')", ["0" * 64])
        c.execute("insert into pages (document_id, page, text, is_ocr) values (1, 1, ?, 0)", [text])
    ds = serve(db)
    r = get(ds, "/agendas/pages.json", _shape="array")
    assert r.status_code == 200 and r.json()[0]["text"] == text
    r = get(ds, "/agendas.json", sql="select snippet(pages_fts, 0, '[', ']', '…', 8) as s from pages_fts where pages_fts match 'resolved'", _shape="array")
    assert r.status_code == 200 and "[RESOLVED]" in r.json()[0]["s"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _doc(path: Path, meeting: Meeting | None, source_url: str | None = None, name: str | None = None) -> Document:
    return Document(str(path), name or path.name, _sha(path), 1, "ok", meeting=meeting, source_url=source_url)


def _pdf(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"%PDF-1.4\n{body}\n%%EOF\n".encode())
    return path


def _versions(db: sqlite_utils.Database) -> list[tuple]:
    return [tuple(r) for r in db.execute("select id, replaces_id, is_current from documents order by id")]


def test_two_councils_minutes_are_not_versions_of_each_other(tmp_path):
    db = open_db(tmp_path / "agendas.db")
    save_document(db, _doc(_pdf(tmp_path / "kent" / "minutes.pdf", "Kent"), KENT))
    save_document(db, _doc(_pdf(tmp_path / "surrey" / "minutes.pdf", "Surrey"), SURREY))
    save_document(db, _doc(_pdf(tmp_path / "x" / "minutes.pdf", "no meeting found"), None))
    assert _versions(db) == [(1, None, 1), (2, None, 1), (3, None, 1)]


def test_a_republished_pack_is_a_version_and_the_latest_is_current(tmp_path):
    db = open_db(tmp_path / "agendas.db")
    pack = tmp_path / "minutes.pdf"
    first = _doc(_pdf(pack, "as first published"), KENT)
    save_document(db, first)
    save_document(db, _doc(_pdf(pack, "corrected"), KENT))
    assert _versions(db) == [(1, None, 0), (2, 1, 1)]
    # The council reverts: the original's bytes are met again at the same path, and are current again.
    _pdf(pack, "as first published")
    note_seen_again(db, 1, str(pack))
    assert _versions(db) == [(1, None, 1), (2, 1, 0)]
    # An archive copy of the corrected one, elsewhere, does not flip it back; a forced re-read at the path does.
    note_seen_again(db, 2, str(tmp_path / "archive" / "minutes.pdf"))
    assert _versions(db) == [(1, None, 1), (2, 1, 0)]
    # Both versions' bytes stay in the store.
    assert len(list(files_dir(tmp_path / "agendas.db").glob("*.pdf"))) == 2


def test_the_same_source_url_makes_a_version_whatever_the_name(tmp_path):
    db = open_db(tmp_path / "agendas.db")
    url = "https://democracy.kent.gov.uk/documents/g9999/Printed%20minutes.pdf"
    save_document(db, _doc(_pdf(tmp_path / "a.pdf", "one"), None, url))
    save_document(db, _doc(_pdf(tmp_path / "b.pdf", "two"), SURREY, url))
    assert _versions(db) == [(1, None, 0), (2, 1, 1)]


def test_decision_queries_show_current_versions_unless_asked(tmp_path):
    db = open_db(tmp_path / "agendas.db")
    pack = tmp_path / "minutes.pdf"
    for body in ("first", "second"):
        document_id = save_document(db, _doc(_pdf(pack, body), KENT))
        meeting_id = db.execute("select meeting_id from documents where id = ?", [document_id]).fetchone()[0]
        db["resolutions"].insert({"meeting_id": meeting_id, "document_id": document_id, "minute_number": "1",
                                  "text": "That the report be noted.", "keyword": "RESOLVED", "page": 1})
    import yaml  # noqa: PLC0415

    metadata = yaml.safe_load((ROOT / "pipeline" / "site" / "metadata.yml").read_text())
    ds = Datasette([str(tmp_path / "agendas.db")], metadata=metadata, plugins_dir=str(PLUGINS))
    args = {"council": "Kent", "body": "", "date": "2025-01-30", "_shape": "array"}
    rows = get(ds, "/agendas/meeting_decisions.json", **args).json()
    assert [r["document_id"] for r in rows] == [2]
    rows = get(ds, "/agendas/meeting_decisions.json", versions="all", **args).json()
    assert sorted(r["document_id"] for r in rows) == [1, 2]


def test_an_old_database_migrates(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m006_versions")
    kent = old["meetings"].insert({"council": "Kent County Council", "body": "Cabinet", "date": "2025-01-30"}).last_pk
    surrey = old["meetings"].insert({"council": "Surrey County Council", "body": "Cabinet", "date": "2025-01-30"}).last_pk
    # Matched on file name alone, as before: Surrey's minutes.pdf became a version of Kent's.
    for i, meeting, replaces in ((1, kent, None), (2, surrey, 1), (3, kent, 2)):
        old["documents"].insert({"id": i, "sha256": f"{i:064x}", "filename": "minutes.pdf", "meeting_id": meeting,
                                 "replaces_id": replaces, "status": "ok"})
    old.conn.close()
    db = open_db(path)
    assert _versions(db) == [(1, None, 0), (2, None, 1), (3, 1, 1)]
    assert "is_current" in db["documents"].columns_dict


def test_ingest_records_the_republished_pack_and_the_original_again_as_current(tmp_path):
    db, pack = tmp_path / "agendas.db", tmp_path / "pack.pdf"
    versions = {}
    for n in (2, 3):
        with _first_pages(n) as p:
            p.save(pack)
        versions[n] = pack.read_bytes()
    for n in (2, 3, 2):  # first published, corrected, reverted to the original
        pack.write_bytes(versions[n])  # in place, as `curl -o` does
        result = CliRunner().invoke(cli, ["ingest", str(pack), "--db", str(db), "--quiet", "--jobs", "1"])
        assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as c:
        assert c.execute("select id, replaces_id, is_current from documents order by id").fetchall() == [(1, None, 1), (2, 1, 0)]
        kept = {sha: stored_path(files_dir(db), sha).read_bytes() for (sha,) in c.execute("select sha256 from documents")}
    assert sorted(kept.values()) == sorted([versions[2], versions[3]])  # both versions' bytes kept, not the last only
