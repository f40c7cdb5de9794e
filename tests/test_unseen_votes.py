"""Votes and decisions printed in house styles the real corpus lacks (issue 12): hand-built lines in each form,
the project's typeset minutes (corpus/typeset) and the real Kent 'For (N)' blocks they must not disturb."""

from __future__ import annotations


import pytest
from conftest import CORPUS, KENT, hand_line, minutes_facts, needs_shared

from pipeline.extract.resolutions import extract_resolutions
from pipeline.extract.votes import extract_votes
from pipeline.models import Section

TYPESET = CORPUS / "typeset"


def _item(texts: list[str]) -> Section:
    lines = tuple(hand_line(t, i) for i, t in enumerate(["7. REPORT", *texts]))
    return Section(kind="minute_item", title="REPORT", number="7", page_start=1, page_end=1, lines=lines)


def _votes(texts: list[str]) -> list[tuple]:
    votes, _ = extract_votes(_item(texts))
    return [(v.for_count, v.against_count, v.abstain_count, v.result, sorted(v.records)) for v in votes]


def _names(records: list[tuple[str, str | None, str]]) -> list[tuple[str, str]]:
    return sorted((name, vote) for name, _, vote in records)


# --- hand-built forms ----------------------------------------------------------------------

def test_count_heading_with_its_names_in_the_next_cell():
    votes, _ = extract_votes(_item(["The voting was as follows:", "For (2): Councillors Adeyemi and Webb",
                                    "Against (1): Councillor Lister", "Abstain (0): None",
                                    "RESOLVED – that the report be noted."]))
    (v,) = votes
    assert (v.for_count, v.against_count, v.abstain_count) == (2, 1, 0)
    assert _names(v.records) == [("Adeyemi", "for"), ("Lister", "against"), ("Webb", "for")]


def test_legistar_roll_call_prints_the_count_before_the_names():
    votes, _ = extract_votes(_item(["A motion was made by Councilmember Lee, seconded by Councilmember Park, that the",
                                    "Minutes be Approved. The motion failed by the following vote:",
                                    "Aye: 2 - Jones and Smith", "Nay: 2 - Lee and Park", "Absent: 1 - Ortiz"]))
    (v,) = votes
    assert (v.for_count, v.against_count, v.abstain_count, v.result) == (2, 2, None, "lost")
    assert _names(v.records) == [("Jones", "for"), ("Lee", "against"), ("Park", "against"), ("Smith", "for")]
    assert v.subject == "that the Minutes be Approved."
    assert (v.mover, v.seconder) == ("Councilmember Lee", "Councilmember Park")


def test_a_nay_line_with_a_zero_count_and_no_names():
    votes, _ = extract_votes(_item(["The motion carried by the following vote:", "Aye: 3 - Jones, Lee and Park", "Nay: 0"]))
    assert [(v.for_count, v.against_count, v.result) for v in votes] == [(3, 0, "carried")]


def test_recorded_vote_in_one_sentence_with_its_outcome_below():
    votes, _ = extract_votes(_item(["Recorded vote: Yeas (3): Mayor Drummond, Councillors Reyes and Tam; Nays (1):",
                                    "Councillor Sharma.", "Defeated"]))
    (v,) = votes
    assert (v.for_count, v.against_count, v.abstain_count, v.result) == (3, 1, None, "lost")
    assert _names(v.records) == [("Drummond", "for"), ("Reyes", "for"), ("Sharma", "against"), ("Tam", "for")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Motion failed 2-3 (Alvarez, Boyd and Kowalski opposed).",
         (2, 3, None, "lost", [("Alvarez", "against"), ("Boyd", "against"), ("Kowalski", "against")])),
        ("Motion carried 4-0-1 (Raman abstained, absent from that meeting).", (4, 0, 1, "carried", [("Raman", "abstain")])),
        # A third figure with no abstainer named is not read (it means 'absent' in other minutes).
        ("Motion carried 4-0-1.", (4, 0, None, "carried", [])),
        # Fewer names than the count: the names are not kept.
        ("Motion failed 2-3 (Alvarez opposed).", (2, 3, None, "lost", [])),
    ],
)
def test_us_tally_with_members_named_in_a_bracket(text, expected):
    ((f, a, ab, result, records),) = _votes(["Motion by Commissioner Boyd, seconded by Commissioner Raman, to deny.", text])
    assert (f, a, ab, result, _names(records)) == expected


def test_a_us_motion_is_a_vote_and_its_subject_the_motion():
    item = _item(["Motion by Commissioner Boyd, seconded by Commissioner Raman, to approve", "the agenda as presented. Motion carried 5-0."])
    (v,), _ = extract_votes(item)
    assert (v.subject, v.for_count, v.against_count) == ("to approve the agenda as presented.", 5, 0)
    assert extract_resolutions(item) == []


def test_office_named_as_mover():
    item = _item(["The Chair moved, and the Vice-Chair seconded, the officer recommendation. The voting was:",
                  "For (1): Councillor Webb", "Against (0): None"])
    (v,), _ = extract_votes(item)
    assert (v.mover, v.seconder) == ("The Chair", "the Vice-Chair")


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["Apologies were received from Cllr Grant. It was RESOLVED to", "accept the apologies."],
         [("RESOLVED", "to accept the apologies.")]),
        (["On being put to the vote there were 4 for, 2 against, 1", "abstention and it was RESOLVED to object to the application."],
         [("RESOLVED", "to object to the application.")]),
        (["b. Proposed by Cllr Patel, seconded by Cllr Whitmore, and RESOLVED that the", "following payments be approved:",
          "Payee Detail Amount", "K Addison Salary £612.50", "c. It was RESOLVED to adopt the Financial Regulations."],
         [("RESOLVED", "that the following payments be approved:"), ("RESOLVED", "to adopt the Financial Regulations.")]),
        (["RESOLVED – that", "(1) permission be granted;", "(2) authority be delegated."],
         [("RESOLVED", "permission be granted;"), ("RESOLVED", "authority be delegated.")]),
        # Reported, not decided here: no capitals after 'it was'.
        (["It was resolved at the last meeting to defer the matter."], []),
    ],
)
def test_decisions_in_parish_and_district_forms(texts, expected):
    assert [(r.keyword, r.text) for r in extract_resolutions(_item(texts))] == expected


def test_adopted_resolution_block_and_its_roll_call():
    texts = ["On motion of Commissioner Kowalski, seconded by Commissioner Boyd, the", "following resolution was adopted:",
             "RESOLUTION NO. 2024-15", "WHEREAS, the applicant has applied for a permit; and",
             "NOW, THEREFORE, BE IT RESOLVED that the Commission approves the permit.",
             "AYES: Alvarez, Boyd", "NOES: None", "ABSENT: Weller", "ABSTAIN: None"]
    got = [(r.text, r.resolution_number, r.mover, r.seconder) for r in extract_resolutions(_item(texts))]
    assert got == [("that the Commission approves the permit.", "2024-15", "Commissioner Kowalski", "Commissioner Boyd")]
    (v,), _ = extract_votes(_item(texts))
    assert (v.for_count, v.against_count, _names(v.records)) == (None, None, [("Alvarez", "for"), ("Boyd", "for")])


# --- the typeset minutes -------------------------------------------------------------------

def test_typeset_district_recorded_votes_and_numbered_resolution():
    votes, decisions = minutes_facts(TYPESET / "Wexcombe_DC_Planning_2024-09-18_minutes.pdf")
    assert [(v.minute_number, v.for_count, v.against_count, v.abstain_count, v.result) for v in votes] == [
        ("34", 6, 3, 0, None), ("35", 3, 6, 1, "lost")]
    assert ("Iqbal", "Councillor", "abstain") in votes[1].records
    listed = [(r.number, r.text[:25]) for r in decisions if r.minute_number == "34"]
    assert listed == [(1, "planning permission be gr"), (2, "the grant of permission b"), (3, "authority be delegated to")]


def test_typeset_township_recorded_votes_and_motion_text_without_the_vote():
    votes, decisions = minutes_facts(TYPESET / "NorthFennick_Council_2024-05-14_minutes.pdf")
    assert [(v.minute_number, v.for_count, v.against_count, v.result) for v in votes] == [("7.2", 5, 2, "carried"), ("7.3", 2, 4, "lost")]
    (allocated,) = [r for r in decisions if r.minute_number == "7.2"]
    assert allocated.text.endswith("to the Working Capital Reserve.")


def test_typeset_legistar_votes():
    votes, _ = minutes_facts(TYPESET / "Riverton_CityCouncil_2024-03-05_minutes.pdf")
    assert [(v.for_count, v.against_count, v.result) for v in votes] == [
        (4, None, "carried"), (4, 0, "carried"), (4, 0, "carried"), (2, 2, "lost"), (3, 1, "carried"), (4, 0, "carried")]


# --- real documents the new forms must leave alone -----------------------------------------

@needs_shared
def test_kent_count_headings_with_names_below_stillminutes_facts():
    votes, _ = minutes_facts(KENT / "KCC_CountyCouncil_2025-02-13_Printed_minutes.pdf")
    counted = [(v.for_count, v.against_count, v.abstain_count) for v in votes]
    assert (57, 0, 2) in counted and (12, 42, 7) in counted
    first = next(v for v in votes if (v.for_count, v.against_count) == (57, 0))
    assert len([r for r in first.records if r[2] == "for"]) == 57


def test_consent_calendar_vote_after_its_last_entry_is_not_the_entrys():
    texts = ["A motion was made by Councilmember Smith, seconded by Councilmember Jones, that the",
             "Consent Calendar be Approved. The motion carried by the following vote:", "Aye: 4 - Jones, Smith, Lee and Park"]
    (v,), _ = extract_votes(_item(texts))
    assert (v.minute_number, v.for_count) == (None, 4)
    calendar = Section(kind="minute_item", title="CONSENT CALENDAR", number="4", page_start=1, page_end=1,
                       lines=tuple(hand_line(t, i) for i, t in enumerate(["4. CONSENT CALENDAR", *texts])))
    assert [v.minute_number for v in extract_votes(calendar)[0]] == ["4"]
