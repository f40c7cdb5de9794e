"""Attendance and membership lists in the house styles of parish, community, US and Hansard
minutes: offices before and after names, run-on lists, roll calls, and where a list ends."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import hand_line

from pipeline.extract.attendees import extract_attendees, find_attendance
from pipeline.extract.members import extract_members
from pipeline.extract.people import parse_person
from pipeline.ingest import process_file
from pipeline.models import Section

SHARED = Path(os.environ.get("AGENDAPACK_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
DEV = SHARED / "corpus" / "dev"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="the shared corpus (../shared) is not available")


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
    assert len(people) == 15  # Wyatt is named only in the closing roll call


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
