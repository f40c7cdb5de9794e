"""Tables and acronyms read from the real documents."""

from __future__ import annotations

import json

import pytest
from conftest import KENT, needs_shared

from pipeline.extract.acronyms import best_long_form, expansion, inline_definitions, is_short_form
from pipeline.extract.table_parts import flatten_header


def leicester_tables(conn):
    return conn.execute(
        "select t.* from pdf_tables t join documents d on d.id = t.document_id "
        "where d.filename like 'leicester%' order by t.page, t.id"
    ).fetchall()


def test_leicester_has_every_table(conn):
    assert len(leicester_tables(conn)) == 36


def test_glossary_table_continues_over_a_page_with_its_header_repeated(conn):
    t = leicester_tables(conn)[0]
    assert (t["page"], t["page_end"], t["n_rows"]) == (3, 4, 53)
    assert json.loads(t["header"]) == ["Acronym", "Meaning"]
    assert json.loads(t["rows"])[-1] == ["UHL", "University Hospitals of Leicester"]
    assert t["caption"] == "USEFUL ACRONYMS RELATING TO PUBLIC HEALTH AND HEALTH INTEGRATION SCRUTINY COMMISSION"


def test_two_row_header_is_flattened(conn):
    t = next(t for t in leicester_tables(conn) if (t["caption"] or "").startswith("Table 12."))
    assert json.loads(t["header"]) == [
        "Age at death", "No of cases 21/22", "No of cases 22/23", "No of cases 23/24", "No of cases 24/25"]
    assert json.loads(t["rows"])[0] == ["Born under 23 weeks gestation & died <1 day", "7", "20", "8", "18"]


def test_a_caption_above_an_explanatory_line(conn):
    captions = [t["caption"] for t in leicester_tables(conn) if t["page"] == 24]
    assert captions == ["Table 5. Domain B: Factors in the family/social environment 2024/25",
                        "Table 7. Domain D: Factors in service provision 2023/24"]


def test_tables_link_to_their_section_and_are_searchable(conn):
    row = conn.execute(
        "select s.kind, s.appendix from pdf_tables t join sections s on s.id = t.section_id "
        "where t.caption like 'Table 1.%'").fetchone()
    assert tuple(row) == ("report", "B")
    hits = conn.execute("select count(*) from pdf_tables_fts where pdf_tables_fts match 'breastfeeding'").fetchone()[0]
    assert hits == 1


def meanings(conn, where: str) -> dict[str, str]:
    """Acronym -> meaning for the acronyms rows that match a condition on `a` (acronyms) and `d` (documents)."""
    return dict(conn.execute(
        f"select a.acronym, a.meaning from acronyms a join documents d on d.id = a.document_id where {where}").fetchall())


def test_glossary_meanings_stop_before_their_descriptions(conn):
    rows = meanings(conn, "d.filename like 'leicester%' and a.page = 16")
    assert rows["IMD"] == "Index of Multiple Deprivation"
    assert rows["SUDI/C"] == "Sudden Unexplained Death in Infancy/Childhood"
    assert rows["UHL"] == "University Hospitals of Leicester NHS Trust"
    assert rows["MBRRACE-UK"] == "Mothers & Babies: Reducing Risk through Audit & Confidential Enquiries across the UK"


@needs_shared
def test_kent_inline_definitions(conn):
    rows = meanings(conn, "d.filename = 'KCC_Cabinet_2025-01-30_Printed_minutes.pdf' and a.source = 'inline'")
    assert rows["CCN"] == "County Council Network"
    assert rows["POPs"] == "persistent organic pollutants"
    assert rows["KCC ICS"] == "Kent County Council Integrated Care Strategy"
    assert len(rows) == 14


@pytest.mark.parametrize(
    "text, found",
    [
        ("the Child Death Overview Panel (CDOP) met", [("CDOP", "Child Death Overview Panel")]),
        ("CDOP (Child Death Overview Panel) met", [("CDOP", "Child Death Overview Panel")]),
        ("Mr Gough (Chairman) and item (a) and (blue combed)", []),
        ("with an Education, Health, and Care Plan (EHCP)", [("EHCP", "Education, Health, and Care Plan")]),
        ("the Integrated Care Board (\u201cICB\u201d) said", [("ICB", "Integrated Care Board")]),
        ("the Local Government Association (the LGA)", [("LGA", "Local Government Association")]),
    ],
)
def test_inline_definitions(text, found):
    assert inline_definitions(text) == found


def test_short_forms_and_expansions():
    assert all(is_short_form(s) for s in ["CDOP", "LeDeR", "SUDI/C", "MBRRACE-UK", "TasP"])
    assert not any(is_short_form(s) for s in ["Acronym", "Chairman", "a", "LLR2024ABCDEF"])
    assert expansion("JAR", "Joint Agency Response A coordinated multiagency response to a death") == "Joint Agency Response"
    assert expansion("IDT", "Improved discharge pathways") == "Improved discharge pathways"
    assert best_long_form("CCN", "County Council Network") == "Council Network"  # plain S&H; initials win first


def test_flatten_header():
    assert flatten_header([["", "Your ICB", None, "England"], ["", "Infant deaths", "Rate", "Rate"]]) == (
        "", "Your ICB Infant deaths", "Your ICB Rate", "England Rate")


@needs_shared
def test_acronym_meanings_view_answers_what_an_acronym_means_across_the_corpus(conn):
    rows = conn.execute("select meaning, documents, sources from acronym_meanings where acronym = 'UHL'").fetchall()
    meanings = {r["meaning"]: (r["documents"], r["sources"]) for r in rows}
    assert meanings == {
        "University Hospitals of Leicester": (1, "glossary"),
        "University Hospitals of Leicester NHS Trust": (1, "glossary"),
    }
    cqc = conn.execute("select documents from acronym_meanings where acronym = 'CQC' and meaning = 'Care Quality Commission'").fetchone()
    assert cqc["documents"] == 2  # the Leicester glossary and the Kent Cabinet minutes


def test_a_glossary_printed_as_a_dashed_list():
    from pipeline.extract.acronyms import list_entries
    from pipeline.models import Line

    texts = ["Glossary", "ASC \u2013 Adult Social Care", "CYPE \u2013 Children, Young People and Education",
             "SEND: Special Educational Needs and Disabilities", "The Council agreed the budget."]
    lines = [Line(9, t, 72, 400, 100 + 14 * i, 111 + 14 * i, 11, False, "Arial") for i, t in enumerate(texts)]
    assert list_entries(lines) == [
        ("ASC", "Adult Social Care", 9),
        ("CYPE", "Children, Young People and Education", 9),
        ("SEND", "Special Educational Needs and Disabilities", 9),
    ]


def _page(path, number):
    from pipeline.layout import find_pages
    from pipeline.read import read_pdf

    return find_pages(list(read_pdf(path, max_pages=number)))[number - 1]


def test_a_table_read_by_whitespace_runs_through_a_list_under_one_row():
    from conftest import LEICESTER

    from pipeline.extract.text_tables import find_text_tables

    # Table 16 of the CDOP report, its ruling ignored: the bulleted list under "Sharing of
    # information/learning" sits in the first column and the rows go on after it.
    (table,) = find_text_tables(_page(LEICESTER, 33))
    assert table.header == ("Action undertaken", "Number of cases")
    assert len(table.rows) == 12
    assert table.rows[3] == ("- includes with:", "")
    assert table.rows[-1] == ("No Panel actions identified", "32")


@needs_shared
def test_justified_row_labels_are_one_column():

    from pipeline.extract.text_tables import find_text_tables

    tables = find_text_tables(_page(KENT / "KCC_24-00108_Finance_Monitoring_Report_Q3.pdf", 34))
    savings = next(t for t in tables if "Variance" in t.header)
    assert savings.header[:2] == ("", "2024-25 Savings Target")
    assert savings.rows[0][0] == "Adult Social Care - Consistently adhere"
    assert savings.rows[5] == ("relevant benefits; use of inhouse", "-851.4", "-108.7", "-", "-", "-108.7", "742.7", "480.0", "-262.7")
