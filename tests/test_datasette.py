"""Datasette with the real metadata.yml, plugins and templates: every table, column, facet and query answers."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
import yaml
from conftest import ROOT, needs_shared
from datasette.app import Datasette

METADATA = yaml.safe_load((ROOT / "pipeline" / "site" / "metadata.yml").read_text())
QUERY_EXAMPLES = {
    "meeting_decisions": {"council": "Leicester", "body": "", "date": "2026-03-24"},
    "search_decisions": {"q": "meningitis"},
    "search_decisions_feed": {"q": "meningitis"},
    "newest_resolutions": {},
    "who_attended": {"name": "Gough"},
    "how_members_voted": {"subject": "budget"},
    "lookup_acronym": {"acronym": "UHL"},
    "tables_in_document": {"filename": "leicester"},
}


@pytest.fixture(scope="module")
def ds(gold_db):
    copy = gold_db.parent / "agendas.db"
    if not copy.exists():
        with sqlite3.connect(gold_db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
    return Datasette(
        [str(copy)], metadata=METADATA, plugins_dir=str(ROOT / "pipeline" / "site" / "plugins"), template_dir=str(ROOT / "pipeline" / "site" / "templates")
    )


def get(ds: Datasette, path: str, **params):
    return asyncio.run(ds.client.get(path, params=params or None))


def test_every_table_column_facet_and_label_in_metadata_exists(ds):
    for database, dbmeta in METADATA["databases"].items():
        for table, tmeta in dbmeta["tables"].items():
            r = get(ds, f"/{database}/{table}.json", _size="1")
            assert r.status_code == 200, (table, r.text[:200])
            columns = r.json()["columns"]
            assert set(tmeta["columns"]) == set(columns) - {"rowid"}, table  # every column is described
            for facet in tmeta.get("facets", []):
                assert facet in columns, (table, facet)
            if "label_column" in tmeta:
                assert tmeta["label_column"] in columns


@needs_shared
def test_every_canned_query_answers_an_example(ds):
    queries = METADATA["databases"]["agendas"]["queries"]
    assert set(queries) == set(QUERY_EXAMPLES)
    for name in queries:
        r = get(ds, f"/agendas/{name}.json", _shape="array", **QUERY_EXAMPLES[name])
        assert r.status_code == 200, (name, r.text[:300])
        assert r.json(), f"{name} returned no rows for its example"


def test_decisions_of_a_meeting_in_minute_order(ds):
    rows = get(ds, "/agendas/meeting_decisions.json", _shape="array", **QUERY_EXAMPLES["meeting_decisions"]).json()
    assert [(r["minute_number"], r["number"]) for r in rows][:3] == [("17", None), ("21", 1), ("21", 2)]


def test_search_shows_why_a_row_matched_and_links_its_page(ds):
    html = get(ds, "/agendas/search_decisions", q="meningitis vaccine").text
    assert "<mark>Meningitis</mark>" in html and "<mark>vaccine</mark>" in html
    assert '<a href="/-/pdf/' in html and "#page=9" in html


def test_atom_feeds(ds):
    r = get(ds, "/agendas/search_decisions_feed.atom", q="meningitis")
    assert r.status_code == 200 and "<feed" in r.text and "Meningitis" in r.text
    assert "<entry>" in get(ds, "/agendas/newest_resolutions.atom").text


def test_search_all_tables_at_once(ds):
    r = get(ds, "/search", q="meningitis")
    assert r.status_code == 200 and "<mark>" in r.text


def test_a_row_page_carries_a_citation(ds, gold_db):
    with sqlite3.connect(gold_db) as c:
        rid, page = c.execute("select r.id, r.page from resolutions r where r.text like '%Meningitis vaccine uptake%'").fetchone()
    html = get(ds, f"/agendas/resolutions/{rid}").text
    assert 'id="citation"' in html
    assert "Leicester City Council, PUBLIC HEALTH AND HEALTH INTEGRATION SCRUTINY COMMISSION, meeting of 2026-03-24" in html
    assert f"leicester-phhi-2026-04-28-pack.pdf), page {page}." in html and f"#page={page}" in html


def test_the_pdf_is_served_for_its_page_links(ds):
    r = get(ds, "/-/pdf/1")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf" and r.content[:5] == b"%PDF-"
    assert get(ds, "/-/pdf/999999").status_code == 404


def test_nothing_can_be_written_through_the_web(ds):
    r = get(ds, "/agendas.json", sql="delete from documents")
    assert r.status_code in (400, 403) or "error" in r.json() and r.json()["error"]
