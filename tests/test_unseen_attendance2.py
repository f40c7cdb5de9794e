"""Attendance as the rest of the world prints it: New Zealand 'Cr' and 'His Worship the Mayor', Irish
'Cathaoirleach:' and 'Officials Present:', a Canadian board's side-by-side 'Trustees present:' /
'Administration:' columns, a combined authority's 'Name | Representing' table and '(substitute)'."""

from __future__ import annotations

from functools import cache

from conftest import CORPUS, hand_line

from pipeline.extract.attendance_lists import block_people, semicolon_entries
from pipeline.extract.attendance_tables import find_attendance_table
from pipeline.extract.attendees import extract_attendees, find_attendance, unfold_columns
from pipeline.extract.people import is_note, parse_person
from pipeline.ingest import process_file
from pipeline.models import Line, Person, Section

TYPESET = CORPUS / "typeset"


@cache
def _attendees(name: str) -> tuple[Person, ...]:
    doc = process_file(str(TYPESET / name))
    return tuple(p for s in doc.sections if s.kind == "minutes" for p in extract_attendees(s))


def _rows(name: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.status) for p in _attendees(name)]


def _columns(cells: list[tuple[str, float]], i: int, bold: bool = False) -> Line:
    """A line of cells, each at its own x, as layout builds a row of side-by-side columns."""
    spans = tuple((x, x + 6.0 * len(t)) for t, x in cells)
    return Line(1, " ".join(t for t, _ in cells), spans[0][0], spans[-1][1], 100 + 15 * i, 111 + 15 * i, 11, bold,
                "Arial", segments=tuple(t for t, _ in cells), segment_spans=spans)


# --- real documents the project typesets --------------------------------------------------------------

def test_new_zealand_councillors_and_his_worship_the_mayor():
    rows = _rows("Kaiwhenua_DC_Council_2024-06-26_minutes.pdf")
    assert ("Grant Ellison", "Chairperson", "present") in rows
    assert ("Aroha Tipene", "Deputy Mayor", "present") in rows  # 'Deputy Mayor Cr Aroha Tipene'
    assert ("Rebecca Oakes", None, "present") in rows  # '... and Cr Rebecca Oakes'
    assert ("Group Manager Community and Strategy" in {r for _, r, _ in rows})
    # apologies said only in the resolution under 'Apologies'
    assert [n for n, _, s in rows if s == "apologies"] == ["Murray Dalziel", "Ngaire Stott"]
    assert not any("Cr " in n for n, _, _ in rows)
    assert not any("Rāwiri" in n for n, _, _ in rows)  # the public forum speaker is no attendee


def test_irish_chair_line_and_officials_present():
    rows = _rows("Kilbrannagh_CoCo_2024-06-10_minutes.pdf")
    assert ("Pádraig Ó Dónaill", "Cathaoirleach", "present") in rows
    assert ("Tomás Gallagher", "Leas-Chathaoirleach", "present") in rows
    officials = [(n, r) for n, r, s in rows if s == "in_attendance"]
    assert ("Liam Furlong", "Director of Services, Housing") in officials  # the title keeps its comma
    assert ("Deirdre Mooney", "Head of Finance") in officials
    assert len(officials) == 5
    assert sum(s == "present" for _, _, s in rows) == 20


def test_side_by_side_columns_of_a_school_board():
    rows = _rows("TamarackLakes_DSB_2024-04-23_minutes.pdf")
    assert ("Lise Beaumont", "Chair", "present") in rows
    assert ("Daniel Chen", None, "present") in rows
    assert ("Jordan Okafor", "Student Trustee", "present") in rows
    assert ("Heather MacNeil", None, "apologies") in rows
    assert ("Paul Kowalski", "Director of Education", "in_attendance") in rows
    assert ("Colette Arsenault", "Recording Secretary", "in_attendance") in rows
    assert len(rows) == 12


def test_representing_table_and_officers_separated_by_semicolons():
    rows = _rows("Severnmoor_CA_Board_2024-07-19_minutes.pdf")
    assert ("Rachel Okonjo", "Chair", "present") in rows
    assert ("Meera Shah", None, "present") in rows  # the Representing column is not her role
    assert ("Steve Rand", None, "substitute") in rows  # 'Cllr Steve Rand (substitute)'
    assert ("Anthony Gale", None, "present") in rows
    assert ("Gavin Pike", "Governance Manager", "in_attendance") in rows  # 'Gavin' / 'Pike' wrapped
    assert ("Helen Marsh", None, "apologies") in rows  # '(Portmead Borough Council)' is not an office
    assert len(rows) == 13


# --- hand-built lines: house styles the corpus lacks ------------------------------------------------

def test_semicolon_entries_keep_titles_with_commas_and_refuse_runs_of_names():
    assert semicolon_entries("Ms A Kiely, Chief Executive; Mr L Furlong, Director of Services, Housing.") == [
        "Ms A Kiely (Chief Executive)", "Mr L Furlong (Director of Services, Housing)"]
    assert semicolon_entries("Jo Hart \u2013 Head of Legal; Sam Bell \u2013 Clerk") == [
        "Jo Hart \u2013 Head of Legal", "Sam Bell \u2013 Clerk"]
    # a comma between two names is not a title
    assert semicolon_entries("Cllr A Smith, Cllr B Jones; Cllr C Brown") is None
    assert semicolon_entries("Cllr A Smith, Cllr B Jones") is None


def test_labels_side_by_side_read_down_each_column():
    lines = [
        _columns([("Members present:", 70), ("Officers:", 320)], 0, bold=True),
        _columns([("Ann Vale, Chair", 70), ("Tom Reed, Town Clerk", 320)], 1),
        _columns([("Ian Lowe", 70), ("Kay Dunn, Treasurer", 320)], 2),
        _columns([("Apologies:", 70)], 3, bold=True),
        _columns([("Rita Marsh", 70)], 4),
    ]
    assert [ln.text for ln in unfold_columns(lines)] == [
        "Members present:", "Ann Vale, Chair", "Ian Lowe", "Apologies:", "Rita Marsh",
        "Officers:", "Tom Reed, Town Clerk", "Kay Dunn, Treasurer"]
    got = [(p.name, p.role, p.status) for p in find_attendance(lines)]
    assert got == [("Ann Vale", "Chair", "present"), ("Ian Lowe", None, "present"), ("Rita Marsh", None, "apologies"),
                   ("Tom Reed", "Town Clerk", "in_attendance"), ("Kay Dunn", "Treasurer", "in_attendance")]
    # a label beside ordinary text is not a pair of columns
    plain = [_columns([("Present:", 70), ("Cllr A Smith, Cllr B Jones", 160)], 0)]
    assert [ln.text for ln in unfold_columns(plain)] == ["Present: Cllr A Smith, Cllr B Jones"]


def test_one_person_a_line_with_some_offices_after_a_comma():
    block = [hand_line(t, i) for i, t in enumerate(["Lise Beaumont, Chair", "Daniel Chen", "Jo Okafor, Student Trustee"])]
    assert [(p.name, p.role) for p in block_people(block, "present")] == [
        ("Lise Beaumont", "Chair"), ("Daniel Chen", None), ("Jo Okafor", "Student Trustee")]
    # the wrapped end of an office is not a person ('Sue Chandler, Cabinet Member for ...' / 'Services.')
    wrapped = [hand_line("Sue Chandler, Cabinet Member for Integrated Children's", 0), hand_line("Services.", 1)]
    assert [(p.name, p.role) for p in block_people(wrapped, "in_attendance")] == [
        ("Sue Chandler", "Cabinet Member for Integrated Children's Services")]


def test_name_representing_table_lists_those_present():
    lines = [
        _columns([("Name", 62), ("Representing", 300)], 0, bold=True),
        _columns([("Cllr Ann Vale (Chair)", 62), ("Northfield Borough Council", 300)], 1),
        _columns([("Cllr Tom Reed (substitute)", 62), ("Eastby District Council", 300)], 2),
        _columns([("Officers in attendance", 57)], 3, bold=True),
    ]
    got = [(p.honorific, p.name, p.role, p.status) for p in find_attendance_table(lines)]
    assert got == [("Cllr", "Ann Vale", "Chair", "present"), ("Cllr", "Tom Reed", None, "substitute")]
    # a table of figures with a 'Name' column is not a roll call
    figures = [_columns([("Name", 62), ("FBC Date", 200), ("Cost", 300)], 0),
               _columns([("Station Gateway", 62), ("2025", 200), ("4.2", 300)], 1)]
    assert find_attendance_table(figures) == []


def test_substitute_note_in_a_present_list_and_council_brackets():
    lines = [hand_line("Present: Cllr A Vale (Chair), Cllr T Reed (substitute for Cllr Marsh) and Cr J Cole", 0)]
    got = [(p.honorific, p.name, p.role, p.status) for p in find_attendance(lines)]
    assert got == [("Cllr", "A Vale", "Chair", "present"), ("Cllr", "T Reed", None, "substitute"),
                   ("Cr", "J Cole", None, "present")]
    assert is_note("Portmead Borough Council") and not is_note("Head of Planning")
    assert parse_person("Crs Cole")[0] == "Cr"
    assert parse_person("His Worship the Mayor Grant Ellison (Chairperson)") == (
        "His Worship the Mayor", "Grant Ellison", "Chairperson")


def _minutes(head: list[str], item_lines: list[str]) -> Section:
    lines = [hand_line(t, i) for i, t in enumerate(head)]
    item_lines_ = [hand_line(t, len(head) + i, bold=(i == 0)) for i, t in enumerate(item_lines)]
    item = Section(kind="minute_item", title=item_lines[0], page_start=1, page_end=1, text="", lines=tuple(item_lines_))
    return Section(kind="minutes", title="Minutes", page_start=1, page_end=1, text="",
                   lines=(*lines, *item_lines_), children=(item,))


def test_a_chair_line_names_the_chair_only_with_an_honorific():
    minutes = _minutes(["Cathaoirleach: Cllr P Dunne presided.", "Members Present: Cllrs A Bell and C Ryan."],
                       ["1. Minutes", "The minutes were agreed."])
    assert [(p.name, p.role, p.status) for p in extract_attendees(minutes)] == [
        ("P Dunne", "Cathaoirleach", "present"), ("A Bell", None, "present"), ("C Ryan", None, "present")]
    unsigned = _minutes(["Chairman: Report of the Clerk", "Present: Cllr A Bell"], ["1. Minutes", "Agreed."])
    assert [p.name for p in extract_attendees(unsigned)] == ["A Bell"]
