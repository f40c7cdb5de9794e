"""Lists, forms and boxed prose are set like tables but are not stored as tables; real tables in the
same documents still are (counts read by eye from the printed pages)."""

from __future__ import annotations

import pytest
from conftest import DEV, needs_shared

from pipeline.extract.table_parts import is_form, is_list
from pipeline.extract.tables import build_tables
from pipeline.layout import find_pages
from pipeline.read import read_pdf

pytestmark = needs_shared


def tables(path, pages: int):
    return build_tables(find_pages(list(read_pdf(DEV / path, max_pages=pages))))


def test_bullets_and_item_numbers_make_a_list_not_a_table():
    assert is_list([("\uf0b7", "Wood Middle School Playground"), ("\uf0b7", "Synthetic Turf")])
    assert is_list([("(iii)", "Disciplinary Policy"), ("(iv)", "Equal Opportunities Policy"), ("(v)", "Biodiversity Policy")])
    # numbered rows beside columns of figures are a table's rows
    assert not is_list([("1. Agriculture", "22260.55", "48.45"), ("2. Forests", "2863.09", "1.85"), ("3. Fisheries", "1", "2")])


def test_labelled_fields_make_a_form():
    assert is_form([("(a)", "Subject:", "20 mph Review"), ("(b)", "Ward:", "Citywide"), ("(c)", "Declarations of interest: None", "")])
    assert not is_form([("Year of death", "Cases"), ("2017-18", "1"), ("Total", "81")])


@pytest.mark.parametrize(
    "path, first, last",
    [
        ("us_alameda/Alameda_CitySchool_Subcommittee_2015-09-16_minutes.pdf", 1, 3),  # p3: five bulleted topics
        ("uk_parish/BurtonCumWalden_PC_2025-12-02_minutes.pdf", 1, 2),  # bullets, and (iii)-(viii) policies
        ("uk_bristol/Bristol_TCPC_2026-03-19_Decisions.pdf", 1, 8),  # (a) Subject: / (b) Ward: decision forms
        # the same project box (Project, Description, Funding awarded, Source:, Cost/ Spend:) box after box
        # (the cover sheet on page 1, label and value in one cell, is still stored: not yet told apart)
        ("uk_weca/WECA_Committee_2026-06-05_Delivery_assurance_report_pack.pdf", 2, 10),
        # justified prose whose runs of words sit on white boxes: the boxes' sides are no column borders
        ("uk_weca/WECA_Committee_2026-03-27_Public_questions_and_responses.pdf", 1, 5),
    ],
)
def test_no_table_stored_for_lists_forms_or_prose(path, first, last):
    got = [(t.page, t.header[:2], t.rows[:1]) for t in tables(path, last) if t.page >= first]
    assert got == []


def test_bulleted_amounts_are_a_list_and_the_figures_beside_them_still_tables():
    found = tables("uk_weca/WECA_Committee_2026-06-05_Investment_fund_report_pack.pdf", 4)
    assert [t for t in found if t.page == 3] == []  # "• Transforming Cities Funding (TCF) 80.0" ...
    fig1, fig2 = [t for t in found if t.page == 4]
    assert fig1.caption.startswith("Figure 1:") and len(fig1.rows) >= 15 and len(fig1.rows[0]) == 3
    assert fig2.caption.startswith("Figure 2:")
    assert fig2.header == ("Para", "Project/Programme", "Amount (£000’s)", "Change to Headroom to 27/28 (£000’s)",
                           "Running Headroom Balance (£m)")
    assert [r[1] for r in fig2.rows] == ["", "Nature Recovery Fund", "Change requests"]
