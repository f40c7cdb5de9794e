"""House styles of typeset set 2 (measured once at 0.596, now developed on), read by general rules: hand-built
lines in each form, the typeset minutes themselves, and documents of sets 1 and 3 and the dev corpus that print
the same things another way and must not change."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import CORPUS, DEV, hand_line, minutes_facts, needs_shared

from pipeline.extract.attendees import extract_attendees, find_attendance
from pipeline.extract.resolutions import extract_resolutions
from pipeline.extract.votes import extract_votes
from pipeline.ingest import process_file
from pipeline.models import Section

TYPESET = CORPUS / "typeset"


def _item(texts: list[str], segments: dict[int, tuple[str, ...]] | None = None) -> Section:
    lines = tuple(hand_line(t, i, segments=(segments or {}).get(i, ())) for i, t in enumerate(["7. REPORT", *texts]))
    return Section(kind="minute_item", title="REPORT", number="7", page_start=1, page_end=1, lines=lines)


@cache
def _doc(name: str):
    return process_file(str(TYPESET / name))


def _people(name: str) -> dict[str, tuple[str, str | None]]:
    return {p.name: (p.status, p.role) for _, p in _doc(name).attendees}


# --- hand-built lines --------------------------------------------------------------------------------------------

def test_outcome_with_its_count_closes_a_motion_block():
    """'CARRIED 6/1' (Australian minutes): the motion is decided, and the count is the vote's."""
    texts = ["Moved: Cr J Smith      Seconded: Cr K Lee", "That Council accept the tender.", "CARRIED 6/1"]
    item = _item(texts, {1: ("Moved: Cr J Smith", "Seconded: Cr K Lee")})
    (decision,) = extract_resolutions(item)
    assert decision.text == "That Council accept the tender."
    (vote,), _ = extract_votes(item)
    assert (vote.for_count, vote.against_count, vote.result, vote.mover, vote.seconder) == (6, 1, "carried", "Cr J Smith", "Cr K Lee")


def test_lost_with_its_count_is_no_decision():
    item = _item(["Moved: Cr A Brown", "Seconded: Cr B Green", "That the item be deferred.", "LOST 2/5"])
    assert extract_resolutions(item) == []
    (vote,), _ = extract_votes(item)
    assert (vote.for_count, vote.against_count, vote.result) == (2, 5, "lost")


def test_a_date_after_an_outcome_word_is_no_count():
    votes, _ = extract_votes(_item(["The plan was approved 12/03/2024 by the Board."]))
    assert votes == []


def test_roll_call_with_each_status_after_a_dash():
    lines = [hand_line(t, i) for i, t in enumerate([
        "Roll call: President Laura Bennett – present; Clerk Diane Whitaker – present;",
        "Trustee Kevin Hart – present; Student Board Member Ava Martinez – absent."])]
    got = {p.name: (p.status, p.honorific, p.role) for p in find_attendance(lines)}
    assert got == {"Laura Bennett": ("present", None, "President"), "Diane Whitaker": ("present", None, "Clerk"),
                   "Kevin Hart": ("present", "Trustee", None), "Ava Martinez": ("absent", None, "Student Board Member")}


def test_clerk_line_under_the_lists_is_the_clerk_in_attendance():
    lines = [hand_line(t, i) for i, t in enumerate(["Present: Cllr Ann Parry (Mayor), Cllr Rhodri Evans.",
                                                    "Clerk: Mr Huw Bowen."])]
    got = {p.name: (p.status, p.role) for p in find_attendance(lines)}
    assert got == {"Ann Parry": ("present", "Mayor"), "Rhodri Evans": ("present", None), "Huw Bowen": ("in_attendance", "Clerk")}


def test_body_agreed_over_a_list_in_lower_case():
    texts = ["Following discussion, the Committee agreed:-", "(i) to note the projected overspend;",
             "(ii) to approve the budget virements; and", "(iii) to request a recovery plan."]
    got = [(r.number, r.text, r.keyword) for r in extract_resolutions(_item(texts))]
    assert got == [(1, "to note the projected overspend;", "agreed"), (2, "to approve the budget virements; and", "agreed"),
                   (3, "to request a recovery plan.", "agreed")]


def test_agreed_in_running_text_is_no_label():
    """Lower case counts only before its colon: 'the Committee agreed to' is prose, read as before."""
    got = extract_resolutions(_item(["The Committee agreed that the report be noted."]))
    assert [r.text for r in got] == ["that the report be noted."]


def test_division_between_motion_and_amendment():
    texts = ["For the motion (5)", "Councillors Grieve, MacLeod, Rennie, Sutherland and Yeaman.",
             "For the amendment (3)", "Councillors Nicol, Ure and Wallace.",
             "The motion was accordingly carried and the Committee agreed to approve the programme."]
    (vote,), notes = extract_votes(_item(texts))
    assert (vote.for_count, vote.against_count, vote.result) == (5, 3, "carried")
    assert sorted(n for n, _, v in vote.records if v == "against") == ["Nicol", "Ure", "Wallace"]
    assert notes == []


def test_roll_call_after_a_tally_names_its_voters():
    texts = ["It was moved by Trustee Whitaker and seconded by Trustee Hart that the Board approve the calendar.",
             "Motion carried 4-1 (Trustee Thompson no).", "Ayes: Bennett, Hart, Whitaker, Zhou. Noes: Thompson."]
    (vote,), notes = extract_votes(_item(texts))
    assert (vote.for_count, vote.against_count, vote.subject) == (4, 1, "that the Board approve the calendar.")
    assert sorted((n, v) for n, _, v in vote.records) == [
        ("Bennett", "for"), ("Hart", "for"), ("Thompson", "against"), ("Whitaker", "for"), ("Zhou", "for")]
    assert notes == []


def test_counts_spelt_out():
    texts = ["On being put to the vote there were three votes for and three against."]
    (vote,), _ = extract_votes(_item(texts))
    assert (vote.for_count, vote.against_count) == (3, 3)


def test_resolved_unanimously_after_another_sentence():
    texts = ["(a) 24/0612/FUL – Extension to dwelling. Resolved unanimously to", "support the application."]
    assert [r.text for r in extract_resolutions(_item(texts))] == ["to support the application."]


def test_bold_run_in_heading_ends_a_decision():
    item = _item(["Decision:", "That the report be approved.", "Reasons for decision:", "The law requires it."])
    lines = list(item.lines)
    lines[1] = hand_line("Decision:", 1, bold=True)
    lines[3] = hand_line("Reasons for decision:", 3, bold=True)
    got = extract_resolutions(Section(kind="minute_item", title="REPORT", number="7", page_start=1, page_end=1,
                                      lines=tuple(lines)))
    assert [(r.text, r.keyword) for r in got] == [("That the report be approved.", "Decision")]


# --- typeset set 2 -----------------------------------------------------------------------------------------------

def test_lists_in_a_later_opening_item_and_leave_of_absence():
    people = _people("Yarrabin_Shire_OCM_2024-08-21_minutes.pdf")
    assert people["G Tulloch"] == ("present", "Shire President")
    assert people["P Hollis"] == ("absent", None)
    assert people["J Barnes"] == ("in_attendance", "Governance Officer (Minutes)")
    assert len(people) == 13


def test_attendance_table_under_a_label():
    people = _people("Eastmoor_CC_Cabinet_2024-10-15_decisions.pdf")
    assert not {"Name", "Role", "Present", "Apologies"} & set(people)
    assert people["Joanna Keyes"] == ("apologies", "Cabinet Member for Children’s Services")
    assert people["Dev Anand"] == ("present", "Cabinet Member for Highways and Transport")
    assert people["Sam Oduya"] == ("in_attendance", "Democratic Services Officer")


def test_record_of_decisions():
    doc = _doc("Eastmoor_CC_Cabinet_2024-10-15_decisions.pdf")
    m = doc.meeting
    assert (m.body, m.date, m.time, m.place) == ("Cabinet", "2024-10-15", "10:00", "Committee Room 1, County Hall, Northgate, Eastmoor")
    decided = [(r.minute_number, r.number) for _, _, r in doc.resolutions]
    assert decided == [("3", None), ("5", 1), ("5", 2), ("5", 3), ("6", 1), ("6", 2), ("7", 1), ("7", 2), ("7", 3), ("8", None), ("9", None)]
    assert not any("Reasons for decision" in r.text for _, _, r in doc.resolutions)


@pytest.mark.parametrize("name, expected", [
    ("Yarrabin_Shire_OCM_2024-08-21_minutes.pdf", ("SHIRE OF YARRABIN", "Council", "Council Chambers, 14 Forrest Street, Yarrabin")),
    ("Glenmorvan_PolicyResources_2024-09-05_minute.pdf",
     ("GLENMORVAN COUNCIL", "POLICY AND RESOURCES COMMITTEE", "Council Chamber, Municipal Buildings, Kirkton Road, Inverallan")),
    ("CedarBluff_USD_Board_2024-04-18_minutes.pdf",
     ("Cedar Bluff Unified School District", "Board of Trustees", "District Office Board Room, 1450 Orchard Lane, Cedar Bluff, California")),
    ("Tolliver_County_BOS_2024-11-12_agenda.pdf", ("TOLLIVER COUNTY", "BOARD OF SUPERVISORS",
     "Board Chambers, County Administration Center, 220 Juniper Street, Alder Springs, California")),
])
def test_meeting_in_unseen_headings(name, expected):
    m = _doc(name).meeting
    assert (m.council, m.body, m.place) == expected


def test_yarrabin_votes_and_decisions():
    votes, decisions = minutes_facts(TYPESET / "Yarrabin_Shire_OCM_2024-08-21_minutes.pdf")
    assert [(v.minute_number, v.for_count, v.against_count, v.result) for v in votes] == [
        ("5.1", 7, 0, "carried"), ("6", 7, 0, "carried"), ("7.1", 6, 1, "carried"), ("7.2", 6, 0, "carried"),
        ("7.3", 7, 0, "carried"), ("7.4", 7, 0, "carried"), ("7.5", 2, 5, "lost"), ("7.5", 5, 2, "carried")]
    assert [(r.minute_number, r.number) for r in decisions] == [
        ("5.1", None), ("6", None), ("7.1", 1), ("7.1", 2), ("7.2", None), ("7.3", None), ("7.4", None), ("7.5", None)]
    assert not any("For:" in r.text for r in decisions)


# --- the same things printed in sets 1 and 3 and the dev corpus, unchanged ----------------------------------------

def test_severnmoor_representing_table_unchanged():
    people = _people("Severnmoor_CA_Board_2024-07-19_minutes.pdf")
    assert people and all(status in ("present", "substitute", "in_attendance", "apologies", "absent") for status, _ in people.values())
    assert not {"Name", "Representing"} & set(people)


def test_kaiwhenua_division_counts_unchanged():
    votes, _ = minutes_facts(TYPESET / "Kaiwhenua_DC_Council_2024-06-26_minutes.pdf")
    assert (6, 2) in [(v.for_count, v.against_count) for v in votes]


@needs_shared
def test_bristol_bold_list_entries_keep_their_wrapped_lines():
    """Bold entries whose lines wrap back left of the text's tab stop: each entry whole, numbered as printed."""
    pdf = next((DEV / "uk_bristol").rglob("Bristol_TCPC_2024-09-12_Printed_minutes.pdf"))
    _, decisions = minutes_facts(pdf)
    item8 = [(r.number, r.text) for r in decisions if r.minute_number == "8"]
    assert [n for n, _ in item8] == [1, 2, 3]
    assert [t.endswith(end) for (_, t), end in zip(item8, ("Supported Bus Services Task and Finish Group.",
                                                        "included in the committee decision paper.",
                                                        "meetings to inform the Terms of Reference"))] == [True] * 3


@needs_shared
def test_hansard_clerk_roll_call_unchanged():
    """'Clerk: His Worship Mayor Katz, Councillors ...' is a roll call the clerk reads, not one clerk attending."""
    pdf = next(DEV.parent.rglob("winnipeg_hansard_2014-04-30_regular.pdf"), None)
    if pdf is None:
        pytest.skip("the Winnipeg Hansard is not in the shared corpus")
    minutes = next(s for s in process_file(str(pdf)).sections if s.kind == "minutes")
    people = {p.name: (p.status, p.role) for p in extract_attendees(minutes)}
    assert people["Sharma"] == ("present", "Speaker") and people["Katz"] == ("present", "Mayor")
    assert not any(role == "Clerk" for _, role in people.values())
