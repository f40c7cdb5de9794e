"""Datasette with the real metadata.yml and plugin: every table it names answers."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import yaml
from conftest import ROOT
from datasette.app import Datasette


def app(db: Path) -> Datasette:
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    copy = db.parent / "agendas.db"
    if not copy.exists():
        with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
    return Datasette([str(copy)], metadata=metadata, plugins_dir=str(ROOT / "plugins"))


def get(ds: Datasette, path: str):
    return asyncio.run(ds.client.get(path))


def test_every_table_and_facet_in_metadata_answers(gold_db):
    ds = app(gold_db)
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    for database, dbmeta in metadata["databases"].items():
        for table, tmeta in dbmeta["tables"].items():
            r = get(ds, f"/{database}/{table}.json?_size=1")
            assert r.status_code == 200, (table, r.text[:200])
            columns = r.json()["columns"]
            for facet in tmeta.get("facets", []):
                assert facet in columns, (table, facet)
            if "label_column" in tmeta:
                assert tmeta["label_column"] in columns


def test_page_numbers_link_to_the_pdf_at_that_page(gold_db):
    ds = app(gold_db)
    html = get(ds, "/agendas/agenda_items?number=9").text
    assert '<a href="/-/pdf/' in html and "#page=5" in html
    r = get(ds, "/-/pdf/1")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.content[:5] == b"%PDF-"
