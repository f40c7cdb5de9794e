"""Attendance as house styles outside the corpus print it: roll-call tables of marks, Legistar counts,
'Regrets:', substitutions, notes in brackets, and apologies said in a sentence."""

from __future__ import annotations

import os
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from conftest import CORPUS, hand_line

from pipeline.extract.attendance_tables import find_attendance_table
from pipeline.extract.attendees import extract_attendees, find_attendance
from pipeline.extract.people import is_note, parse_person
from pipeline.ingest import process_file
from pipeline.models import Line, Person
from pipeline.rules import pattern

SHARED = Path(os.environ.get("AGENDAPACK_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="the shared corpus (../shared) is not available")
TYPESET = CORPUS / "typeset"


@cache
def _attendees(name: str) -> tuple[Person, ...]:
    doc = process_file(str(TYPESET / name))
    return tuple(p for s in doc.sections if s.kind == "minutes" for p in extract_attendees(s))


def _by_name(name: str) -> dict[str, Person]:
    return {p.name: p for p in _attendees(name)}


def test_roll_call_table_of_marks_in_the_roll_call_item():
    """'II. ROLL CALL' after 'I. CALL TO ORDER': 'Commissioner | Present | Absent', an X per row."""
    people = _by_name("PineHollow_PlanningCommission_2024-06-11_minutes.pdf")
    assert people["Rosa Alvarez"].status == "present" and people["Rosa Alvarez"].role == "Chair"
    assert people["Priya Raman"].status == "present" and people["Priya Raman"].honorific == "Commissioner"
    assert people["Jacob Weller"].status == "absent"
    # 'Staff present: Nora Castillo, Community Development Director; ...' under the table
    assert people["Amy Tran"].status == "in_attendance" and people["Amy Tran"].role == "Assistant City Attorney"
    # the applicant and the speakers in the hearings are not attendees
    assert "Derek Lunden" not in people


def test_minute_numbers_with_a_slash_end_the_apologies_list():
    """'Apologies: Cllr L Grant (work commitments)' then '24/101 Apologies for absence': the
    minutes' text is not read as more apologies, and a reason in brackets is not a role."""
    people = _attendees("AshbyParva_PC_2024-07-08_minutes.pdf")
    apologies = [(p.name, p.role) for p in people if p.status == "apologies"]
    assert apologies == [("L Grant", None)]
    marsh = next(p for p in people if p.name == "P Marsh")
    assert marsh.status == "in_attendance" and marsh.role is None  # '(for items 24/101 to 24/106)'
    assert not any("public" in p.name.lower() for p in people)  # '2 members of the public'


def test_regrets_are_apologies_and_staff_keep_their_titles():
    people = _by_name("NorthFennick_Council_2024-05-14_minutes.pdf")
    assert people["Fiona Beaulieu"].status == "apologies"
    leclerc = people["Dana Leclerc"]
    assert leclerc.status == "in_attendance" and leclerc.role == "Director of Public Works"


def test_legistar_counted_lists_and_also_present_sentence():
    people = _by_name("Riverton_CityCouncil_2024-03-05_minutes.pdf")
    assert sorted(n for n, p in people.items() if p.status == "present") == ["Jones", "Lee", "Park", "Smith"]
    assert people["Ortiz"].status == "absent"
    assert people["Angela Duffy"].role == "City Recorder"
    assert "City Recorder" not in people


def test_a_listed_member_who_substituted_is_a_substitute_and_late_arrivals_stay_present():
    people = _by_name("Wexcombe_DC_Planning_2024-09-18_minutes.pdf")
    assert people["Zoe Hartley"].status == "substitute"  # 'Councillor Zoe Hartley substituted for ...'
    assert people["Ian Rutherford"].status == "apologies"
    assert people["Nigel Booth"].status == "present"  # arrived at 6.20 pm
    assert people["Graham Pryce"].status == "present"  # left at 7.55 pm


@needs_shared
def test_attended_as_substitute_in_real_minutes():
    """Bristol: 'Members Present:- Councillors: ... Jonathan Hucker' and, under apologies,
    'Councillor Hucker attended as substitute.'"""
    pdf = next((SHARED / "corpus").rglob("Bristol_TCPC_2025-10-23_Printed_minutes.pdf"), None)
    if pdf is None:
        pytest.skip("Bristol_TCPC_2025-10-23 is not in the shared corpus")
    doc = process_file(str(pdf))
    people = {p.name: p.status for s in doc.sections if s.kind == "minutes" for p in extract_attendees(s)}
    assert people["Jonathan Hucker"] == "substitute"
    assert people["Ed Plowden"] == "present"


def _row(text: str, i: int, cells: list[tuple[str, float, float]], bold: bool = False) -> Line:
    return replace(hand_line(text, i, bold=bold, segments=tuple(c[0] for c in cells)),
                   segment_spans=tuple((c[1], c[2]) for c in cells))


def test_table_of_marks_by_hand():
    lines = [
        _row("Member Present Apologies", 0,
             [("Member", 72, 140), ("Present", 300, 340), ("Apologies", 360, 410)], bold=True),
        _row("Cllr A Jones \u2713", 1, [("Cllr A Jones", 72, 150), ("\u2713", 315, 322)]),
        _row("Cllr B Patel \u2713", 2, [("Cllr B Patel", 72, 150), ("\u2713", 380, 387)]),
        _row("Cllr C Oduya both", 3, [("Cllr C Oduya", 72, 150), ("\u2713", 315, 322), ("\u2713", 380, 387)]),
    ]
    people = find_attendance_table(lines)
    # the row marked twice ends the table: which mark is true is not for the reader to guess
    assert [(p.name, p.status) for p in people] == [("A Jones", "present"), ("B Patel", "apologies")]


def test_a_mark_that_is_not_a_mark_is_not_a_status():
    lines = [
        _row("Councillor Present Absent", 0, [("Councillor", 72, 140), ("Present", 300, 340), ("Absent", 360, 400)]),
        _row("Cllr A Jones 7pm", 1, [("Cllr A Jones", 72, 150), ("7pm", 310, 330)]),
    ]
    assert find_attendance_table(lines) == []


def test_slash_numbered_item_ends_a_list_by_hand():
    lines = [hand_line("Apologies: Cllr L Grant", 0), hand_line("24/101 Apologies for absence", 1, bold=True),
             hand_line("Proposed by Cllr Brennan, seconded by Cllr Hughes", 2)]
    assert [(p.name, p.status) for p in find_attendance(lines)] == [("L Grant", "apologies")]


@pytest.mark.parametrize("bracket, note", [
    ("work commitments", True), ("for items 24/101 to 24/106", True), ("arrived 7.45 pm", True),
    ("Chair", False), ("chair", False), ("Head of Planning", False), ("clerk", False),
])
def test_notes_in_brackets_are_not_roles(bracket, note):
    assert is_note(bracket) is note
    assert (parse_person(f"Cllr L Grant ({bracket})")[2] is None) is note


@pytest.mark.parametrize("names, kept", [
    ("Cllr Grant for the reason given", "Cllr Grant"),
    ("Councillor Lee, who was on holiday", "Councillor Lee"),
    ("Councillors Karen Doyle and Ian Rutherford", "Councillors Karen Doyle and Ian Rutherford"),
    ("Cllr de Souza and Mr van Dyk", "Cllr de Souza and Mr van Dyk"),
])
def test_apology_sentence_names_end_at_the_reason(names, kept):
    assert pattern("people", "apology_names_end").sub("", names) == kept


def test_legistar_counts_and_excused_by_hand():
    lines = [hand_line("Present: 4 - Jones, Smith, Lee and Park", 0), hand_line("Excused: 1 - Ortiz", 1)]
    people = [(p.name, p.status) for p in find_attendance(lines)]
    assert people == [("Jones", "present"), ("Smith", "present"), ("Lee", "present"), ("Park", "present"),
                      ("Ortiz", "absent")]
