"""The site shows current versions of republished packs, plain CSV, source URLs from the command line,
one spelling of a meeting whatever the order files arrive in, and a person printed two ways linked."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, needs_shared
from datasette.app import Datasette
from hostile import _first_pages

from pipeline.cli import cli
from pipeline.models import Document, Meeting
from pipeline.store import open_db, save_document

SITE = ROOT / "pipeline" / "site"
KENT = Meeting("Kent County Council", "County Council", "2025-02-13")
DECISION = "That the revenue budget for 2025-26 be approved."


def site(db: Path) -> Datasette:
    return Datasette([str(db)], metadata=yaml.safe_load((SITE / "metadata.yml").read_text()),
                     plugins_dir=str(SITE / "plugins"), template_dir=str(SITE / "templates"),
                     settings={"suggest_facets": False})


def get(ds: Datasette, path: str, **params):
    return asyncio.run(ds.client.get(path, params=params or None))


def _pdf(path: Path, body: str) -> Document:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"%PDF-1.4\n{body}\n%%EOF\n".encode())
    return Document(str(path), path.name, hashlib.sha256(path.read_bytes()).hexdigest(), 1, "ok", meeting=KENT)


def _facts(db, document_id: int) -> None:
    """One printed page's facts, as the pipeline stores them: attendance, a decision, a recorded vote."""
    meeting_id = db.execute("select meeting_id from documents where id = ?", [document_id]).fetchone()[0]
    row = {"meeting_id": meeting_id, "document_id": document_id}
    db["pages"].insert({"document_id": document_id, "page": 1, "text": f"RESOLVED: {DECISION}", "is_ocr": 0})
    db["attendees"].insert({**row, "name": "Roger Gough", "honorific": "Mr", "status": "present", "page": 1})
    db["resolutions"].insert({**row, "minute_number": "7", "item_title": "Revenue budget", "text": DECISION,
                              "keyword": "RESOLVED", "page": 1})
    vote_id = db["votes"].insert({**row, "minute_number": "7", "subject": "The revenue budget 2025-26",
                                  "for_count": 50, "against_count": 12, "result": "carried", "page": 1}).last_pk
    db["vote_records"].insert({"vote_id": vote_id, "name": "Roger Gough", "honorific": "Mr", "vote": "for"})


@pytest.fixture(scope="module")
def republished(tmp_path_factory):
    """minutes.pdf of one meeting stored, then republished with other bytes: two versions, the second current."""
    folder = tmp_path_factory.mktemp("versions")
    db = open_db(folder / "agendas.db")
    for body in ("as first published", "corrected"):
        _facts(db, save_document(db, _pdf(folder / "minutes.pdf", body)))
    assert [tuple(r) for r in db.execute("select id, replaces_id, is_current from documents")] == [(1, None, 0), (2, 1, 1)]
    meeting_id = db.execute("select id from meetings").fetchone()[0]
    db.conn.close()
    return site(folder / "agendas.db"), meeting_id


@pytest.mark.parametrize("page", ["meeting", "person", "search"])
def test_every_page_lists_a_republished_decision_once_unless_all_versions(republished, page):
    ds, meeting_id = republished
    path, params, text = {
        "meeting": (f"/meeting/{meeting_id}", {}, DECISION),
        "person": ("/person/roger gough", {}, "The revenue budget 2025-26"),
        "search": ("/search", {"q": "revenue budget"}, "/agendas/resolutions/"),
    }[page]
    current = get(ds, path, **params)
    assert current.status_code == 200, current.text[:300]
    assert current.text.count(text) == 1, page
    every = get(ds, path, versions="all", **params)
    assert every.text.count(text) == 2, page


def test_the_meeting_page_says_an_earlier_version_is_left_out(republished):
    ds, meeting_id = republished
    html = get(ds, f"/meeting/{meeting_id}").text
    assert "1 earlier version left out" in html and f'href="/meeting/{meeting_id}?versions=all"' in html
    assert "Present (1)" in html
    assert "superseded" in get(ds, f"/meeting/{meeting_id}", versions="all").text


def test_the_person_page_counts_current_versions(republished):
    ds, _ = republished
    html = get(ds, "/person/roger gough").text
    assert "Recorded votes (1)" in html and "Meetings (1)" in html
    assert "Recorded votes (2)" in get(ds, "/person/roger gough", versions="all").text


def test_ingest_source_url_fills_the_document_and_its_citations(tmp_path):
    pdf, db = tmp_path / "Public reports pack.pdf", tmp_path / "agendas.db"
    with _first_pages(2) as p:
        p.save(pdf)
    url = "https://democracy.leicester.gov.uk/documents/g1/Public%20reports%20pack.pdf"
    result = CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(db), "--quiet", "--jobs", "1", "--source-url", url])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as c:
        assert c.execute("select source_url from documents").fetchall() == [(url,)]
        sid, page = c.execute("select id, page_start from sections order by id").fetchone()
    assert f"{url}#page={page}" in get(site(db), f"/agendas/sections/{sid}").text
    # A folder, or two files, cannot share one URL.
    for paths in ([str(tmp_path)], [str(pdf), str(pdf)]):
        result = CliRunner().invoke(cli, ["ingest", *paths, "--db", str(db), "--source-url", url])
        assert result.exit_code == 2 and "exactly one PDF file" in result.output
    result = CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(db), "--source-url", "file:///etc/passwd"])
    assert result.exit_code == 2


def test_the_canned_search_csv_is_plain_and_its_page_marks_the_words(republished):
    ds, _ = republished
    r = get(ds, "/agendas/search_decisions.csv", q="revenue budgets")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["matched"] for row in rows] == [DECISION]  # no [[…]] nor control characters; current version only
    html = get(ds, "/agendas/search_decisions", q="revenue budgets").text
    assert "<mark>revenue</mark> <mark>budget</mark>" in html  # porter stems, as the index matched
    assert "<mark>" not in get(ds, "/agendas/search_decisions", q="").text


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_meeting_is_spelled_the_same_whatever_order_its_papers_are_stored_in(tmp_path, order):
    """Kent's agenda prints 'COUNTY COUNCIL', its minutes 'County Council': one meeting, one spelling."""
    papers = [("agenda.pdf", Meeting("KENT COUNTY COUNCIL", "COUNTY COUNCIL", "2025-02-13", time="10:00")),
              ("minutes.pdf", Meeting("Kent County Council", "County Council", "2025-02-13", place="Maidstone"))]
    db = open_db(tmp_path / "agendas.db")
    for i in order:
        name, meeting = papers[i]
        doc = _pdf(tmp_path / name, name)
        save_document(db, Document(doc.path, doc.filename, doc.sha256, 1, "ok", meeting=meeting))
    rows = [tuple(r) for r in db.execute("select council, body, date, time, place, label from meetings")]
    assert rows == [("Kent County Council", "County Council", "2025-02-13", "10:00", "Maidstone",
                     "Kent County Council · County Council · 13 Feb 2025")]
    assert db.execute("select count(distinct meeting_id) from documents").fetchone()[0] == 1


@needs_shared
def test_a_surname_in_the_votes_links_the_one_full_name_in_attendance(gold_db):
    """Kent's minutes print 'M Baldock' in attendance and 'Baldock' in the recorded votes; two Wrights stay apart."""
    ds = site(gold_db)
    baldock = get(ds, "/person/baldock").text.lower()  # the council is printed in capitals on these minutes
    assert 'also printed as <a href="/person/m%20baldock">m baldock</a> in kent county council' in baldock
    assert 'Also printed as <a href="/person/baldock">Baldock</a>' in get(ds, "/person/m baldock").text
    for name in ("wright", "j wright", "l wright"):  # J Wright and L Wright both attend: 'Wright' is ambiguous
        html = get(ds, f"/person/{name}")
        assert html.status_code == 200 and "Also printed as" not in html.text, name


def test_a_surname_is_linked_within_one_council_only_when_one_full_name_has_it(tmp_path):
    db = open_db(tmp_path / "agendas.db")
    meetings = {c: db["meetings"].insert({"council": c, "body": "Cabinet", "date": "2025-01-30"}).last_pk
                for c in ("Kent County Council", "Surrey County Council")}
    for council, attended, voted in (("Kent County Council", ["M Baldock", "A Hills"], ["Baldock", "Hills"]),
                                     ("Surrey County Council", ["P Baldock", "R Hills", "S Hills"], ["Hills"])):
        for name in attended:
            db["attendees"].insert({"meeting_id": meetings[council], "name": name, "status": "present"})
        vote_id = db["votes"].insert({"meeting_id": meetings[council], "subject": "Budget"}).last_pk
        for name in voted:
            db["vote_records"].insert({"vote_id": vote_id, "name": name, "vote": "for"})
    db.conn.close()
    ds = site(tmp_path / "agendas.db")
    also = lambda name: re.findall(r"Also printed as <a[^>]*>([^<]*)</a> in ([^:]*):", get(ds, f"/person/{name}").text)  # noqa: E731
    assert also("baldock") == [("M Baldock", "Kent County Council")]  # Surrey's P Baldock never voted as 'Baldock'
    assert also("m baldock") == [("Baldock", "Kent County Council")]
    assert also("p baldock") == []
    assert also("hills") == [("A Hills", "Kent County Council")]  # Surrey's two Hills: no link there
    assert also("r hills") == []


def test_a_table_search_looks_at_the_newest_matches_only(tmp_path):
    """`pages?_search=` counts and sorts only the newest 1,000 matches (all of them cost seconds at scale)."""
    db = open_db(tmp_path / "agendas.db")
    db["documents"].insert({"id": 1, "sha256": "0" * 64, "filename": "pack.pdf"})
    db["pages"].insert_all({"document_id": 1, "page": n, "text": "budget" if n % 2 else "minutes", "is_ocr": 0}
                           for n in range(1, 2102))
    db.conn.close()
    ds = site(tmp_path / "agendas.db")
    r = get(ds, "/agendas/pages.json", _search="budget", _shape="objects", _size="max")
    assert r.status_code == 200 and r.json()["filtered_table_rows_count"] == 1000
    assert min(row["page"] for row in r.json()["rows"]) == 2101 - 2 * 999  # the newest 1,000 budget pages
    assert "among the newest 1,000 matches" in get(ds, "/agendas/pages", _search="budget").text
    r = get(ds, "/agendas/pages.json", _search='"unclosed', _searchmode="raw")  # a bad raw query: Datasette's message
    assert r.status_code == 400
