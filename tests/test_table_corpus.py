"""The table test set: ICDAR 2013 files cell for cell against their ground truth, the others pinned."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import SHARED_CORPUS, needs_shared

from pipeline.extract.tables import build_tables
from pipeline.layout import find_pages
from pipeline.read import read_pdf

TABLES = SHARED_CORPUS / "tables"
pytestmark = needs_shared


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def truth(name: str) -> dict[int, list[list[str]]]:
    """The ground truth's cells, row by row in column order, per page."""
    root = ET.parse(TABLES / f"{name}-str.xml").getroot()
    pages: dict[int, list[list[str]]] = {}
    for region in root.iter("region"):
        cells = sorted(
            (int(c.get("start-row")), int(c.get("start-col")), norm(c.find("content").text)) for c in region.iter("cell")
        )
        rows: dict[int, list[str]] = {}
        for r, _, text in cells:
            rows.setdefault(r, []).append(text)
        pages[int(region.get("page"))] = [rows[r] for r in sorted(rows)]
    return pages


@pytest.mark.parametrize("name", ["icdar2013_eu-009a", "icdar2013_us-030"])
def test_icdar_tables_match_their_ground_truth_cell_for_cell(name):
    pages = find_pages(list(read_pdf(TABLES / f"{name}.pdf")))
    for number, expected in truth(name).items():
        page = pages[number - 1]
        (raw,) = page.tables
        got = [[norm(c) for c in row if c] for row in raw.rows]
        got = [row for row in got if row]
        assert got == expected


@pytest.mark.parametrize(
    "name, pages, expected",
    [
        ("budget.pdf", None, [(1, 1, 9, 37)]),  # bold ministry totals stay inside the one table
        ("health.pdf", None, [(1, 1, 8, 26)]),  # eight columns: a shaded cell's inset fill is no column
        ("twotables_2.pdf", None, [(1, 1, 8, 11), (1, 1, 8, 11)]),  # four bold header rows
        ("nics-background-checks-2015-11.pdf", None, [(1, 1, 24, 56)]),  # rows with no rules between them; the labels under "Pre-Pawn" head
        ("WARN-Report-for-7-1-2015-to-03-25-2016.pdf", 4, [(1, 4, 7, 165)]),  # one table over four pages
        ("BurySOPN.pdf", 4, []),  # a printed web page of lists: no table
        ("RhonddaCynonTaf_polling_stations_and_uprns.pdf", 6, []),  # forms of labelled fields: no table
    ],
)
def test_table_set_yields_its_tables_and_no_spurious_ones(name, pages, expected):
    laid = find_pages(list(read_pdf(TABLES / name, max_pages=pages)))
    got = [(t.page, t.page_end, len(t.header), len(t.rows)) for t in build_tables(laid)]
    assert got == expected
