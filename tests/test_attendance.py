"""Attendance and membership lists in the house styles of parish, community, US and Hansard
minutes: offices before and after names, run-on lists, roll calls, and where a list ends."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import SHARED, hand_line, needs_shared

from pipeline.extract.attendees import extract_attendees, find_attendance
from pipeline.extract.members import extract_members
from pipeline.extract.people import parse_person
from pipeline.ingest import process_file
from pipeline.models import Section

DEV = SHARED / "corpus" / "dev"


@pytest.mark.parametrize(
    "entry, parsed",
    [
        ("Clerk Mrs J Todd", ("Mrs", "J Todd", "Clerk")),
        ("Secretary G M Beat", (None, "G M Beat", "Secretary")),
        ("Chair: Mrs S Walker", ("Mrs", "S Walker", "Chair")),
        ("Eden District Councillor A Armstrong", (None, "A Armstrong", "Eden District Councillor")),
        ("His Worship Mayor Katz", ("His Worship Mayor", "Katz", "Mayor")),
        ("Madam Speaker Councillor Sharma", ("Madam Speaker Councillor", "Sharma", "Speaker")),
        ("C0uncillor J Tepp", ("C0uncillor", "J Tepp", None)),  # a zero for an 'o', as printed
        ("PC Gavin Dunn", ("PC", "Gavin Dunn", None)),
        ("Councillor A Connell plus ten guests", ("Councillor", "A Connell", None)),
        ("Mayor Ezzy Ashcraft – 5. [Note: The meeting was conducted via Zoom]", ("Mayor", "Ezzy Ashcraft", "Mayor")),
    ],
)
def test_offices_printed_around_a_name(entry, parsed):
    assert parse_person(entry) == parsed


def _minutes(texts: list[tuple[str, tuple[str, ...]]], x0: list[float] | None = None) -> Section:
    lines = [hand_line(t, i, segments=s) for i, (t, s) in enumerate(texts)]
    if x0:
        lines = [replace(ln, x0=x) for ln, x in zip(lines, x0)]
    item_lines = (hand_line("1. MINUTES", len(lines), bold=True), hand_line("The minutes were agreed.", len(lines) + 1))
    item = Section(kind="minute_item", title="MINUTES", number="1", page_start=1, page_end=1, text="", lines=item_lines)
    return Section(kind="minutes", title="Minutes", page_start=1, page_end=1, text="",
                   lines=(*lines, *item_lines), children=(item,))


def _people(minutes: Section) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.status) for p in extract_attendees(minutes)]


def test_a_run_on_parish_list_splits_at_offices_and_honorifics():
    minutes = _minutes([
        ("Present", ()),
        ("Councillors B Hale (Chair), K. Ford, T Lund and P Mears Clerk Mrs R Oakes Wealden District", ()),
        ("Councillor F Marsh and Councillor S Pike plus four members of the public", ()),
    ])
    assert _people(minutes) == [
        ("B Hale", "Chair", "present"), ("K. Ford", None, "present"), ("T Lund", None, "present"),
        ("P Mears", None, "present"), ("R Oakes", "Clerk", "present"),
        ("F Marsh", "Wealden District Councillor", "present"), ("S Pike", None, "present"),
    ]


def test_a_designation_after_the_names_is_not_a_person():
    minutes = _minutes([
        ("Present: Mrs Ann Vale, Mr Tom Reed and Mr Ian Lowe, Councillors, and Mrs Jo Pratt, Clerk", ()),
        ("Also present: Ms Kay Dunn, NALC", ()),
    ])
    assert _people(minutes) == [
        ("Ann Vale", None, "present"), ("Tom Reed", None, "present"), ("Ian Lowe", None, "present"),
        ("Jo Pratt", "Clerk", "present"), ("Kay Dunn", "NALC", "in_attendance"),
    ]


def test_name_and_title_lines_and_a_heading_beside_the_list_end_it():
    lines = [hand_line(t, i, segments=s) for i, (t, s) in enumerate([
        ("Staff in attendance:", ()),
        ("Jane Roe, City Attorney", ()),
        ("Mark Poe, Director of Public Works", ()),
        ("Apologies: Mr D Lamb , Treasurer A Wood", ("Apologies:", "Mr D Lamb , Treasurer A Wood")),
        ("Declarations of Interest : Nil", ()),
    ])]
    assert [(p.name, p.role, p.status) for p in find_attendance(lines)] == [
        ("Jane Roe", "City Attorney", "in_attendance"), ("Mark Poe", "Director of Public Works", "in_attendance"),
        ("D Lamb", None, "apologies"), ("A Wood", "Treasurer", "apologies"),
    ]


def test_a_list_ends_at_a_line_left_of_its_label_and_at_none():
    minutes = _minutes([
        ("ROLL CALL - Present: Councilmembers Ortega, Lum and Mayor Pratt – 3.", ("ROLL CALL -", "Present:", "Councilmembers Ortega, Lum and Mayor Pratt – 3.")),
        ("Absent: None.", ("Absent:", "None.")),
        ("CONSENT CALENDAR", ()),
        ("Approve the Agreements, Contracts and Budget Amendments.", ()),
    ], x0=[72, 180, 72, 72])
    assert _people(minutes) == [("Ortega", None, "present"), ("Lum", None, "present"), ("Pratt", "Mayor", "present")]


@needs_shared
def test_community_council_hanging_lists():
    doc = process_file(str(DEV / "uk_scotland_cc" / "Tayport_CC_2023-02-06_minutes.pdf"))
    people = {(p.name, p.status): p.role for p in extract_attendees(doc.sections[0])}
    assert people[("S Walker", "present")] == "Chair" and people[("J Kinnear", "present")] == "Treasurer"
    assert {("B de Smid", "present"), ("N Sneddon", "present"), ("J Tepp", "in_attendance"),
            ("Gavin Dunn", "in_attendance"), ("D Myles", "apologies")} <= set(people)
    assert len(people) == 13


@needs_shared
def test_legistar_roll_call_inside_the_first_item():
    doc = process_file(str(DEV / "us_alameda" / "Alameda_SAOB_2013-09-12_minutes.pdf"))
    people = [(p.name, p.role, p.status) for p in extract_attendees(doc.sections[0])]
    assert [n for n, _, s in people if s == "absent"] == ["Gerhard", "Ortiz", "Russo"]
    assert ("Craig Labadie", "Oversight Board Counsel", "in_attendance") in people
    assert len(people) == 11


@needs_shared
def test_hansard_roll_call_read_by_the_clerk():
    doc = process_file(str(DEV / "released" / "winnipeg_hansard_2014-04-30_regular.pdf"))
    people = {p.name: p.role for p in extract_attendees(doc.sections[0]) if p.status == "present"}
    assert people["Sharma"] == "Speaker" and people["Katz"] == "Mayor" and "Clerk" not in people
    assert len(people) == 16 and "Wyatt" in people  # Wyatt, late, is named only in the closing roll call


@needs_shared
def test_members_listed_with_their_telephone_numbers():
    doc = process_file(str(DEV / "uk_parish" / "Milburn_PC_2021-01-26_agenda.pdf"))
    members = [(p.name, p.role) for p in extract_members(doc.sections[0].lines)]
    assert members == [("Dennis Richardson", "Chairman"), ("Michael Armstrong", None), ("Neil Cresswell", None),
                       ("Ray Healey", None), ("Pauline Moran", None)]


def test_a_role_wrapped_onto_the_next_line_stays_with_its_name():
    lines = [hand_line("IN ATTENDANCE: Mr J Pike (Democratic Services Manager) and Mr B Hart", 0),
             hand_line("(General Counsel)", 1)]
    assert [(p.name, p.role) for p in find_attendance(lines)] == [
        ("J Pike", "Democratic Services Manager"), ("B Hart", "General Counsel")]


def test_a_line_break_between_two_whole_names_separates_them():
    minutes = _minutes([
        ("Present", ()),
        ("Councillors A Bell (Chair) B Cole, C Dunn and D Eade", ()),
        ("Fred Gray, EDC and Clerk G Hart", ()),
        ("Members of the Public - Two", ()),
    ])
    assert _people(minutes) == [
        ("A Bell", "Chair", "present"), ("B Cole", None, "present"), ("C Dunn", None, "present"),
        ("D Eade", None, "present"), ("Fred Gray", "EDC", "present"), ("G Hart", "Clerk", "present"),
    ]
    # a plural honorific names the councillors, not the officers printed after them
    assert [p.honorific for p in extract_attendees(minutes)][-2:] == [None, None]


def test_a_surname_wrapped_alone_stays_with_its_name():
    minutes = _minutes([
        ("Present: Mr Tom Reed, Mrs Sally Sahin and Mrs Ann", ()),
        ("Vale, Councillors, and Mr Ian Lowe, Clerk", ()),
    ])
    assert _people(minutes) == [
        ("Tom Reed", None, "present"), ("Sally Sahin", None, "present"), ("Ann Vale", None, "present"),
        ("Ian Lowe", "Clerk", "present"),
    ]


def test_name_dash_title_lines_under_an_attendance_heading():
    lines = [hand_line(t, i) for i, t in enumerate([
        "ATTENDANCE:",
        "Ann Vale – Mayor, City of Elmford",
        "Tom Reed – Recreation and Parks Director",
        "Kay Dunn – Interim CBO, Elmford USD",
    ])]
    assert [(p.name, p.role, p.status) for p in find_attendance(lines)] == [
        ("Ann Vale", "Mayor, City of Elmford", "present"),
        ("Tom Reed", "Recreation and Parks Director", "present"),
        ("Kay Dunn", "Interim CBO, Elmford USD", "present"),
    ]


def test_us_roll_call_with_titles_before_surnames():
    lines = [hand_line(t, i) for i, t in enumerate([
        "Members present: Chair Dale; Members Kahn, Potter, and Sims.",
        "Members absent: Vice Chair Ortiz and Member Chan.",
        "Vacancy: One (Elmford Community College District)",
        "Board staff: Board Counsel Lane, Board Secretary Vance, and Successor",
        "Agency Financial Consultant Dorn.",
        "Also in attendance was City Finance Director Elena Adair.",
    ])]
    assert [(p.name, p.role, p.status) for p in find_attendance(lines)] == [
        ("Dale", "Chair", "present"), ("Kahn", None, "present"), ("Potter", None, "present"),
        ("Sims", None, "present"), ("Ortiz", "Vice Chair", "absent"), ("Chan", None, "absent"),
        ("Lane", "Board Counsel", "in_attendance"), ("Vance", "Board Secretary", "in_attendance"),
        ("Dorn", "Successor Agency Financial Consultant", "in_attendance"),
        ("Elena Adair", "City Finance Director", "in_attendance"),
    ]


def _item(number: str, title: str, body: list[str], row: int) -> Section:
    lines = (hand_line(f"{number}. {title}", row, bold=True),
             *(hand_line(t, row + 1 + i) for i, t in enumerate(body)))
    return Section(kind="minute_item", title=title, number=number, page_start=1, page_end=1, text="", lines=lines)


def test_an_opening_item_of_names_alone_lists_those_present():
    welcome = _item("1", "Welcome and Introductions.", ["Chair: Councillor: L Hale", "Ann Vale", "Tom Reed"], 0)
    apologies = _item("2", "Apologies for Absence", ["Ian Lowe", "R Healey, Councillor"], 10)
    minutes = Section(kind="minutes", title="Minutes", page_start=1, page_end=1, text="",
                      lines=(*welcome.lines, *apologies.lines), children=(welcome, apologies))
    assert _people(minutes) == [
        ("L Hale", "Chair", "present"), ("Ann Vale", None, "present"), ("Tom Reed", None, "present"),
        ("Ian Lowe", None, "apologies"), ("R Healey", None, "apologies"),
    ]
    # an opening item that says anything besides names lists no one
    welcome = _item("1", "Welcome", ["The Chair welcomed everyone.", "Ann Vale", "Tom Reed"], 0)
    assert _people(replace(minutes, children=(welcome,), lines=welcome.lines)) == []


def test_a_surname_alone_in_an_apologies_sentence_is_the_listed_person():
    minutes = _minutes([("Apologies: Mr Andrew Lamb", ())])
    item = _item("1", "Apologies", ["Apologies were received from Councillor Lamb."], 5)
    minutes = replace(minutes, lines=(*minutes.lines, *item.lines), children=(item, *minutes.children))
    assert _people(minutes) == [("Andrew Lamb", None, "apologies")]


@needs_shared
@pytest.mark.parametrize("path, expected", [
    ("uk_parish/Milburn_PC_2018-03-06_minutes.pdf",
     {("D Richardson", "Chair", "present"), ("P Moran", None, "present"), ("Alan Armstrong", "EDC", "present"),
      ("J Connelly", "Clerk", "present"), ("R Healey", None, "apologies")}),
    ("us_alameda/Alameda_CitySchool_Subcommittee_2015-09-16_minutes.pdf",
     {("Trish Spencer", "Mayor, City of Alameda", "present"), ("Shariq Khan", "Interim CBO, Alameda USD", "present")}),
    ("us_alameda/Alameda_SAOB_2015-09-16_minutes.pdf",
     {("Kahn", None, "present"), ("Chan", None, "absent"), ("Labadie", "Board Counsel", "in_attendance"),
      ("Elena Adair", "City Finance Director", "in_attendance")}),
    ("uk_scotland_cc/Tayport_CC_2023-10-02_Inaugural_minutes.pdf",
     {("L Kennedy-Dalby", "Chair", "present"), ("Sally Walker", None, "present"), ("J Tepp", None, "apologies")}),
])
def test_attendance_in_minutes_the_rules_were_not_written_from(path, expected):
    doc = process_file(str(DEV / path))
    people = [(p.name, p.role, p.status) for s in doc.sections if s.kind == "minutes" for p in extract_attendees(s)]
    assert expected <= set(people)
    assert not [n for n, _, _ in people if len(n.split()) > 3]  # no names run together
