"""Tables scored as the ICDAR 2013 competition scores them, the Leicester pack read with its rules
ignored, and numbered paragraphs that are not tables."""

from __future__ import annotations

import importlib.util
import json
from unittest import mock

import pytest
from conftest import DEV, LEICESTER, SHARED, SHARED_CORPUS, needs_shared
from icdar import Cell, relations, score, stored_relations, truth_relations

import pipeline.read
from pipeline.extract.tables import build_tables
from pipeline.layout import find_pages
from pipeline.read import read_pdf

ICDAR = sorted((SHARED_CORPUS / "tables").glob("icdar2013_*-str.xml"))


def test_adjacency_relations_skip_blank_cells_and_follow_spans():
    cells = [Cell(0, 0, 0, 1, "Year"), Cell(1, 0, 1, 0, "a"), Cell(1, 1, 1, 1, ""), Cell(2, 0, 2, 0, "b"),
             Cell(2, 1, 2, 1, "2")]
    assert relations(cells) == {("Year", "a", "v"), ("Year", "2", "v"), ("a", "b", "v"), ("b", "2", "h")}
    assert score({("a", "b", "v"), ("b", "2", "h")}, {("a", "b", "v")}) == (1.0, 0.5, 2 / 3)


@needs_shared
@pytest.mark.parametrize("xml", ICDAR, ids=lambda p: p.name)
def test_icdar_cell_adjacency_f1(xml):
    pdf = xml.with_name(xml.name.replace("-str.xml", ".pdf"))
    got = stored_relations(build_tables(find_pages(list(read_pdf(pdf)))))
    precision, recall, f1 = score(truth_relations(xml), got)
    assert f1 >= 0.95, (precision, recall)


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_leicester_tables_read_with_their_rules_ignored():
    # The unruled proxy: no page is handed to the ruled-table finder, so every table is read
    # from the alignment of its text alone.
    with mock.patch.object(pipeline.read, "_has_rules", lambda page: False):
        pages = find_pages(list(read_pdf(LEICESTER)))
    assert not any(p.tables for p in pages)
    pred = [{"page": t.page, "caption": t.caption, "header": json.dumps(t.header), "rows": json.dumps(t.rows)}
            for t in build_tables(pages)]
    gold = json.loads((LEICESTER.parents[2] / "tests" / "gold" / f"{LEICESTER.stem}.gold.json").read_text())
    assert _scorer().score_tables(gold["tables"], pred, False).f1 >= 0.95


def test_spanning_labels_head_the_row_of_labels_under_them():
    with mock.patch.object(pipeline.read, "_has_rules", lambda page: False):
        pages = find_pages(list(read_pdf(LEICESTER, max_pages=46)))
    (t12, t13) = [t for t in build_tables(pages[28:29])]
    # "No of cases" printed once over four year columns; "% of cases ..." over three each.
    assert t12.header == ("Age at death", "No of cases 21/22", "No of cases 22/23", "No of cases 23/24",
                          "No of cases 24/25")
    assert t13.header[3] == "% of cases under 1 yr of age 24/25"
    assert t13.header[4:6] == ("% of cases under 1 yr of age where modifiable factors identified by category 22/23",
                               "% of cases under 1 yr of age where modifiable factors identified by category 23/24")
    icb = build_tables(pages[45:46])[0]
    assert icb.header == ("", "Your ICB Infant deaths", "Your ICB Rate per 1,000 infants",
                          "England Rate per 1,000 infants")


@needs_shared
def test_numbered_agenda_paragraphs_are_not_tables():
    # Alameda SAOB minutes, page 2 (checked by eye): "2 CONSENT AGENDA", "2-A 2013-96 Resolution
    # Adopting the Minutes ..." in a hanging indent: items, not a table.
    pages = find_pages(list(read_pdf(DEV / "us_alameda" / "Alameda_SAOB_2013-09-12_minutes.pdf")))
    assert build_tables(pages) == []
