"""The outline: numbering labels read as blocks, items as the outer list, sub-items under them."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from conftest import SHARED, hand_line, needs_shared

from pipeline.blocks import find_blocks, read_label
from pipeline.cli import cli
from pipeline.ingest import process_file
from pipeline.items import find_agenda_items, find_minute_items

DEV = SHARED / "corpus" / "dev"


@pytest.mark.parametrize(
    "text, printed, kinds, title",
    [
        ("283. Apologies for Absence", "283", {"dec"}, "Apologies for Absence"),
        ("21.01.01 Election of Chair", "21.01.01", {"dec"}, "Election of Chair"),
        ("V. COMMITTEE REPORTS", "V", {"ALPHA", "ROMAN"}, "COMMITTEE REPORTS"),
        ("8a. Motion to Waive Full Reading", "8a", {"alpha"}, "Motion to Waive Full Reading"),
        ("A-1 READ AND APPROVE THE MINUTES", "A-1", {"dec"}, "READ AND APPROVE THE MINUTES"),
        ("(21-324) Public Hearing to Consider", "21-324", {"dec"}, "Public Hearing to Consider"),
        ("Item 5 - Amendment to the By-law", "Item 5", {"item"}, "Amendment to the By-law"),
        ("8 20 mph Review", "8", {"dec"}, "20 mph Review"),
        ("Minute No. 46: Minutes of the last meeting", "Minute No. 46", {"item"}, "Minutes of the last meeting"),
    ],
)
def test_numbering_labels(text, printed, kinds, title):
    labels, found = read_label(text)
    assert {label.printed for label in labels} == {printed}
    assert {label.kind for label in labels} == kinds
    assert found == title


@pytest.mark.parametrize("text", ["7.30pm This is a Zoom Meeting", "I am here", "e. the thing", "A Member asked"])
def test_words_that_are_not_labels(text):
    assert read_label(text)[0] == []


def _lines(specs):
    """(text, bold, indent) -> hand-built lines, one per row."""
    lines, row = [], 0
    for text, bold, indent, *gap in specs:
        row += gap[0] if gap else 0  # extra empty rows above the line
        lines.append(_indent(hand_line(text, row, bold=bold), indent))
        row += 1
    return lines


def _indent(line, indent):
    from dataclasses import replace

    return replace(line, x0=line.x0 + indent)


def test_numbered_paragraphs_inside_a_minute_are_not_items():
    # Kent's printed minutes: bold minute numbers, plain numbered paragraphs under them (and two before).
    specs = [("1. Mr Gough proposed that Mr Cooke take the Chair.", False, 36),
             ("2. RESOLVED that Mr Cooke be elected to Chair the meeting.", False, 36),
             ("283. Apologies for Absence", True, 0), ("There were none.", False, 36),
             ("284. Declarations of Interest", True, 0), ("None.", False, 36),
             ("285. English Devolution White Paper", True, 0)]
    specs += [(f"{n}) Mr Gough said more about devolution.", False, 36) for n in range(1, 27)]
    items = find_minute_items(_lines(specs), 11)
    assert [i.number for i in items] == ["283", "284", "285"]
    assert len(items[2].lines) == 27  # the paragraphs are the item's body


def test_an_agenda_outline_numbered_afresh_under_each_item():
    # Cuyahoga's agenda: I.-VI., lettered committees under V, numbered items under V.C.
    specs = [("I. ROLL CALL", True, 0), ("II. ELECTION OF OFFICERS", True, 0),
             ("III. APPROVAL OF THE MINUTES", True, 0), ("IV. EXECUTIVE OFFICER REPORTS", True, 0),
             ("V. COMMITTEE REPORTS", True, 0), ("A. COMMUNITY AFFAIRS", False, 20),
             ("1. Approval of Educational Grants", False, 30), ("B. ACCESS, LEARNING AND SUCCESS", False, 20),
             ("C. MANAGEMENT", False, 20), ("1. Approval of Unum Life Insurance", False, 30),
             ("2. Medical Mutual of Ohio Services", False, 30), ("D. INVESTMENT", False, 20),
             ("VI. ADJOURNMENT", True, 0)]
    items = find_agenda_items(_lines(specs), 11)
    assert [(i.number, i.level) for i in items] == [
        ("I", 1), ("II", 1), ("III", 1), ("IV", 1), ("V", 1), ("V.A", 2), ("V.A.1", 3), ("V.B", 2), ("V.C", 2),
        ("V.C.1", 3), ("V.C.2", 3), ("V.D", 2), ("VI", 1)]
    assert items[10].parent == 8 and items[8].parent == 4 and items[4].parent is None


def test_sub_items_that_print_their_whole_path():
    specs = [("1 CALL TO ORDER", True, 0), ("2 CONSENT AGENDA", True, 0), ("2-A Resolution Adopting the Minutes", False, 0),
             ("2-B Resolution Adopting the Minutes", False, 0), ("3 UNFINISHED BUSINESS", True, 0)]
    items = find_minute_items(_lines(specs), 11)
    assert [(i.number, i.level, i.parent) for i in items] == [
        ("1", 1, None), ("2", 1, None), ("2-A", 2, 1), ("2-B", 2, 1), ("3", 1, None)]


def test_parish_minute_numbers_with_year_and_month():
    specs = [(f"21.01.{n:02d} Heading {n}", False, 0) for n in range(1, 6)]
    blocks = find_blocks(_lines(specs), 11)
    assert all(b.kind == "numbered" for b in blocks)
    assert [i.number for i in find_minute_items(_lines(specs), 11)] == [f"21.01.{n:02d}" for n in range(1, 6)]


def _items(name: str) -> list[tuple[str, str, int]]:
    doc = process_file(str(next(DEV.rglob(name))))
    return [(c.number, c.title, c.level) for s in doc.sections for c in s.children]


@needs_shared
def test_kent_minutes_are_cut_at_minute_numbers_not_paragraphs():
    assert [n for n, _, _ in _items("KCC_CountyCouncil_2025-01-09_Printed_minutes.pdf")] == ["283", "284", "285"]


@needs_shared
def test_bristol_items_outnumbered_by_a_table_of_statements():
    # 36 public statements numbered 01-36 in a table inside item 6 do not displace the bold items 1-11.
    items = _items("Bristol_TCPC_2026-03-19_Printed_minutes.pdf")
    assert [n for n, _, _ in items] == [str(n) for n in range(1, 12)]
    assert items[7][1] == "20 mph Review"


@needs_shared
def test_titles_stop_where_the_description_starts():
    # Burbank: title and description on one line with a wider gap between them.
    titles = {n: t for n, t, _ in _items("burbank_agenda_1.pdf")}
    assert titles["4"] == "Approval of Minutes"
    assert titles["3"] == "Brace Canyon Park Ballfield Life Cycle Assessment and Triple Bottom Line Analysis"
    # Milburn: a long heading line whose next line's first word would have fitted is not wrapped.
    titles = {n: t for n, t, _ in _items("Milburn_PC_2021-01-26_minutes.pdf")}
    assert titles["21.01.05"] == "Discussion regarding the procurement of the Village Green"


@needs_shared
def test_agenda_items_stored_as_a_tree(tmp_path):
    db = tmp_path / "t.db"
    pdf = next(DEV.rglob("cuya_community_college_agenda.pdf"))
    assert CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(db), "--quiet"]).exit_code == 0
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "select a.number, a.level, p.number from agenda_items a left join agenda_items p on p.id = a.parent_id"
    ).fetchall()
    assert ("V.C.13", 3, "V.C") in rows and ("V.C", 2, "V") in rows and ("VI", 1, None) in rows
    nested = conn.execute(
        "select p.number from sections s join sections p on p.id = s.parent_id where s.number = 'V.C.1'"
    ).fetchone()
    assert nested == ("V.C",)


def test_minutes_sub_items_numbered_afresh_under_a_lettered_section():
    # Alameda's subcommittee minutes: 'A.'/'B.' sections, '1.', '2.' headings with text under them.
    specs = [("A. CALL TO ORDER:", True, 0), ("1. Traffic Impacts on Bay Farm Island", False, 20, 1),
             ("The Subcommittee discussed the traffic on the bridge.", False, 30, 1),
             ("The study could include a bus route.", False, 30),
             ("2. Swim Center Improvements Update", False, 20, 1),
             ("The Subcommittee reviewed the swim center plans.", False, 30, 1),
             ("More was said about it.", False, 30), ("B. NEW BUSINESS:", True, 0), ("None.", False, 20)]
    assert [i.number for i in find_minute_items(_lines(specs), 11)] == ["A", "A.1", "A.2", "B"]


def test_minutes_lists_that_are_content_are_not_sub_items():
    # A list completing a sentence ('the following policies:'), and numbered decisions ending in
    # full stops, belong to the item's text.
    specs = [("5. Council Policies", True, 0), ("The Council considered the following policies:", False, 0),
             ("(i) Risk Assessment", False, 20), ("(ii) Disciplinary Policy", False, 20),
             ("RESOLVED: To approve the policies.", False, 0),
             ("6. Schedule of Meetings", True, 0), ("That the Committee:", False, 0),
             ("a. Approved the schedule of meetings for the year.", False, 20),
             ("b. Noted the dates of the recess.", False, 20), ("7. Close", True, 0)]
    assert [i.number for i in find_minute_items(_lines(specs), 11)] == ["5", "6", "7"]


@needs_shared
def test_minutes_behind_a_resolution_that_adopts_them():
    # Page 1 is a scanned resolution ('RESOLUTION NO. 16-01 ... ADOPTING MINUTES OF THE ANNUAL
    # MEETING') from a later meeting; pages 2-3 are the minutes, whose meeting the file is for.
    doc = process_file(str(next(DEV.rglob("Alameda_SAOB_2015-09-16_minutes.pdf"))))
    kinds = [(s.kind, s.page_start) for s in doc.sections]
    assert kinds[-1] == ("minutes", 2) and all(k == "other" for k, _ in kinds[:-1])
    assert (doc.meeting.date, doc.meeting.time) == ("2015-09-16", "18:00")


@needs_shared
def test_officer_reports_and_question_papers_name_no_meeting_of_their_own():
    # A report cover prints 'DATE: 27 MARCH 2026' (the meeting's), yet the paper is a report; a
    # paper of public questions and answers is neither agenda nor minutes.
    for name, kind in (("WECA_Committee_2026-03-27_Transport_report_pack.pdf", "report"),
                       ("WECA_Committee_2026-03-27_Public_questions_and_responses.pdf", "other")):
        doc = process_file(str(next(DEV.rglob(name))), max_pages=3)
        assert doc.sections[0].kind == kind and doc.meeting is None
        assert not any(s.children for s in doc.sections)


def test_point_zero_items_and_their_numbered_paragraphs():
    # '1.0 Apologies', '2.0 Minutes' are items 1 and 2; in minutes, '2.1 The minutes were ...'
    # is a numbered paragraph of item 2, while a heading printed '2.1 Matters Arising' is a sub-item.
    specs = [("1.0 Apologies", True, 0), ("None were received.", False, 0),
             ("2.0 Minutes of the last meeting", True, 0), ("2.1 The minutes were agreed as a correct record.", False, 0),
             ("2.2 The Chair signed them.", False, 0), ("3.0 Finance", True, 0), ("3.1 Budget Monitoring", False, 0),
             ("The report was noted.", False, 0, 1), ("3.2 Grant Applications", False, 0, 1), ("4.0 Close", True, 0, 1)]
    items = find_minute_items(_lines(specs), 11)
    assert [(i.number, i.level) for i in items] == [("1.0", 1), ("2.0", 1), ("3.0", 1), ("3.1", 2), ("3.2", 2), ("4.0", 1)]


def test_bracketed_file_numbers_identify_items_and_comments_are_not_items():
    # Legistar minutes: '(22-013)' file numbers only increase; a numbered paragraph of prose
    # (a public comment) is not an item.
    specs = [("(22-007) Bill Ng, Alameda, discussed rent increases in Alameda; questioned the", False, 0),
             ("progress being made.", False, 0, 1),
             ("(22-013) Recommendation to Accept a Report Regarding the Budget", False, 0, 1),
             ("The report was presented.", False, 0, 1),
             ("(22-017) Recommendation to Approve Findings to Allow City Meetings", False, 0, 1),
             ("Approved.", False, 0, 1), ("(22-021) Public Hearing to Consider an Ordinance", False, 0, 1)]
    assert [i.number for i in find_minute_items(_lines(specs), 11)] == ["22-013", "22-017", "22-021"]


def test_pack_bookmarks_start_documents_only_in_packs_and_where_the_page_agrees():
    from pipeline.models import Bookmark, Line, Page
    from pipeline.sections import bookmark_starts

    def page(n, text):
        return Page(n, 595, 842, (Line(n, text, 72, 500, 100, 111, 11, False, "Arial"),))

    pages = [page(1, "Agenda"), page(2, "Report of the Director"), page(3, "Ministerial letter text"),
             page(4, "Devolution framework table")]
    marks = [Bookmark(0, "Agenda", 1), Bookmark(0, "3 Devolution Report", 2), Bookmark(1, "1. Background", 2),
             Bookmark(1, "Appendix A - Ministerial Letter", 3), Bookmark(1, "Appendix B - Something Stale", 4)]
    # The section bookmark '1. Background' is not a document; 'Appendix B' names nothing page 4 prints.
    assert bookmark_starts(marks, pages) == {1: None, 2: None, 3: "A"}
    # A report's own bookmarks (no agenda first) start nothing.
    assert bookmark_starts([Bookmark(0, "1 | Introduction", 1), Bookmark(0, "2 | Recommendations", 3)], pages) == {}
