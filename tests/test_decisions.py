"""Decisions and votes: labelled and prose resolutions, tallies in sentences, roll calls with each member's vote."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest
from conftest import OTHER, SHARED, hand_line, needs_shared

from pipeline.extract.resolutions import extract_resolutions
from pipeline.extract.votes import extract_votes
from pipeline.ingest import process_file
from pipeline.models import Document, Section

DEV = SHARED / "corpus" / "dev"


@cache
def _doc(relative: str) -> Document:
    return process_file(str(DEV / relative))


def _resolutions(relative: str) -> list[tuple[int | None, str, str]]:
    return [(r.number, r.keyword, r.text) for _, _, r in _doc(relative).resolutions]


def _read_whole(relative: str) -> list[tuple[int | None, str, str]]:
    """The decisions of the minutes read as one record, whatever items the outline finds."""
    minutes = next(s for s in _doc(relative).sections if s.kind == "minutes")
    whole = dataclasses.replace(minutes, children=())
    return [(r.number, r.keyword, r.text) for r in extract_resolutions(whole)]


def _item(texts: list[str]) -> Section:
    lines = tuple(hand_line(t, i) for i, t in enumerate(["7. REPORT", *texts]))
    return Section(kind="minute_item", title="REPORT", number="7", page_start=1, page_end=1, lines=lines)


# --- real documents -------------------------------------------------------------------------

@needs_shared
def test_summary_list_numbers_leaves_and_passes_over_group_headings():
    got = _read_whole("uk_bristol/Bristol_TCPC_2024-09-12_Printed_minutes.pdf")
    summary = [(n, t) for n, k, t in got if k == "RESOLVED" and n is not None]
    assert [n for n, _ in summary] == list(range(1, 12))
    assert summary[1][1] == "Approve and implement increase of £56 to £124 for first vehicle permit tariffs."
    assert not any(t.startswith("Residents Parking") and len(t) < 20 for _, t in summary)  # "2. Residents Parking" heads a group
    # "It was APPROVED" over one entry ("2a. Residents Parking - Approve ..."): the entry, unnumbered.
    assert (None, "APPROVED", "Residents Parking - Approve and implement increase of £56 to £124 for first vehicle permit tariffs.") in got


@needs_shared
def test_outcome_then_that_stem_and_a_rejected_recommendation():
    got = _read_whole("uk_bristol/Bristol_TCPC_2026-03-19_Printed_minutes.pdf")
    texts = [t for _, _, t in got]
    assert "The minutes of the previous meeting were agreed as accurate." in texts
    assert any(k == "CARRIED" and n == 1 and t.startswith("Noted the proposed indicative funding allocations") for n, k, t in got)
    # "Recommendation 3 was not approved: 3. Authorise ..." is not a decision.
    assert not any(t.startswith("Authorise the Executive Director for Growth & Regeneration") for t in texts)
    assert "That the Committee for Transport and Connectivity:" not in texts


@needs_shared
def test_parish_decisions_told_in_prose():
    got = {t for _, _, t in _resolutions("uk_parish/Newbiggin_PC_2019-09-03_minutes.pdf")}
    assert got == {
        "All agreed this was a true record and were signed and approved.",
        "The Councillors agreed all satisfactory.",
        "to pay £ 65.00",  # the end of an invoice row: "Donation requested, agreed to pay £ 65.00"
        "to pay all of the above.",
        "to retain the Financial Policy already in place for Newbiggin Parish Council.",
        "that although the four priorities listed are important, Eden is very much a rural area within Cumbria "
        "with farming at the forefront, the Councillors decided that there should be more emphasis on the highways "
        "system, enabling all those, young and old, to be able to travel to the local towns using public transport, "
        "thereby supporting the local shopping areas, who in turn support the local farmers and craftsmen.",
    }


@needs_shared
def test_further_resolved_and_bullets_carried_over_a_page():
    got = [t for _, _, t in _resolutions("uk_parish/BurtonCumWalden_PC_2025-11-04_minutes.pdf")]
    assert "That the Clerk be instructed to communicate these views to YDNPA Planning Team." in got
    assert got[-1].endswith("brought forward: Items for the January 2026 Parish Newsletter Land at Flanders Hall")


@needs_shared
def test_agreed_unanimously_stores_the_motion_and_the_chair_elected_before_item_one():
    got = [(r.minute_number, r.text) for _, _, r in _doc("released/KCC_CountyCouncil_2025-01-09_Printed_minutes.pdf").resolutions]
    assert got[:2] == [(None, "that Mr G Cooke be elected to Chair the meeting."),
                       (None, "that Mr Cooke be elected to Chair the meeting.")]
    assert "Agreed unanimously." not in [t for _, t in got]


@needs_shared
def test_legistar_adoption_records_the_item_title():
    got = [t for _, _, t in _resolutions("us_alameda/Alameda_SAOB_2013-09-12_minutes.pdf")]
    assert "Resolution Adopting the Minutes of the April 9, 2013 Annual Meeting." in got
    assert "The consent agenda was approved by unanimous consent." in got
    assert not any(t.startswith("2013-") for t in got)  # the file number is not part of the title adopted


@needs_shared
def test_tallies_in_sentences_over_wrapped_lines():
    votes = [(v.for_count, v.against_count, v.abstain_count, v.result)
             for _, _, v in _doc("uk_bristol/Bristol_TCPC_2024-09-12_Printed_minutes.pdf").votes]
    # "(6 members voting in favour, none against with 3 / abstentions)", "(5 ... and 1 against. There / were 3 abstentions)"
    assert votes == [(6, 0, 3, "carried"), (5, 1, 3, "carried"), (8, 0, 1, "carried"), (4, 5, None, "lost"),
                     (2, 7, None, "lost"), (4, 5, None, "lost"), (7, 0, 2, "carried"), (8, 1, None, "carried")]


@needs_shared
def test_roll_call_sentence_with_each_members_vote():
    (vote,) = [v for _, _, v in _doc("us_alameda/Alameda_CityCouncil_2021-05-11_special_minutes.pdf").votes]
    assert (vote.for_count, vote.against_count, vote.result) == (5, None, "carried")
    assert [r[0] for r in vote.records] == ["Daysog", "Herrera Spencer", "Knox White", "Vella", "Ezzy Ashcraft"]


@needs_shared
def test_hansard_division_numbered_by_its_motion():
    (vote,) = [v for _, _, v in _doc("released/winnipeg_hansard_2014-04-30_regular.pdf").votes]
    assert (vote.minute_number, vote.result, vote.for_count) == ("Motion No. 3", "lost", None)
    assert ("Sharma", "Councillor", "against") in vote.records  # "Madam Speaker Councillor Sharma"
    assert len(vote.records) == 16


# --- house styles on hand-built lines -------------------------------------------------------

@pytest.mark.parametrize(
    "texts, expected",
    [
        (["After discussion it was resolved to apply for £4500 precept."], [("resolved", "to apply for £4500 precept.")]),
        (["Officers agreed to return to the Committee with proposals."], []),
        (["The Chair agreed to raise this point with officers."], []),
        (["The Chairman put the amendment to the vote and it was agreed."], []),
        (["At the last meeting, it had provisionally agreed a figure of £7,700.00."], []),
        (["The anomaly was identified by residents after the scheme was agreed."], []),
        (["Minutes: The Minutes of the Meeting held on 5th December 2022 were agreed"],
         [("agreed", "The Minutes of the Meeting held on 5th December 2022 were agreed")]),
        (["THEREFORE BE IT RESOLVED that the City write to the Minister."], []),
    ],
)
def test_decisions_in_prose(texts, expected):
    assert [(r.keyword, r.text) for r in extract_resolutions(_item(texts))] == expected


def test_flat_numbered_list_keeps_printed_numbers():
    item = _item(["It was APPROVED;", "3. Approved the progression to Stage One.", "4. Costs to be funded through CAZ."])
    got = [(r.number, r.text) for r in extract_resolutions(item)]
    assert got == [(3, "Approved the progression to Stage One."), (4, "Costs to be funded through CAZ.")]


def test_us_counts_after_the_outcome():
    item = _item(["Motion by Smith, seconded by Jones, to approve the contract. Motion carried 5-0."])
    (vote,), _ = extract_votes(item)
    assert (vote.for_count, vote.against_count, vote.abstain_count, vote.result) == (5, 0, None, "carried")


def test_outcome_is_read_in_the_tallys_own_sentence_and_a_label_may_follow_it():
    item = _item(["On being put to the vote the amendment FELL with 2 voting FOR and 7 AGAINST.",
                  "On being put to the vote the substantive recommendations were CARRIED with 4 members voting FOR, 1",
                  "AGAINST and 4 ABSTAINING. It was APPROVED that;",
                  "1. Approved the submission of the Full Business Case."])
    votes, _ = extract_votes(item)
    assert [(v.for_count, v.against_count, v.abstain_count, v.result) for v in votes] == [(2, 7, None, "lost"), (4, 1, 4, "carried")]
    assert [(r.keyword, r.text) for r in extract_resolutions(item)] == [("APPROVED", "Approved the submission of the Full Business Case.")]


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["Moved by: Councillor Smith", "Seconded by: Councillor Jones", "That the report be received for information.", "Carried"],
         [("Carried", "That the report be received for information.")]),
        (["Moved by: Councillor Smith", "Seconded by: Councillor Jones", "That the fees be doubled.", "Defeated"], []),
        # A US motion and its outcome are a vote, not a resolution (the US convention of the gold files).
        (["Motion by Lee, seconded by Park, to approve the consent calendar. Motion carried 5-0."], []),
        (["Motion by Lee, seconded by Park, to approve the contract. Motion failed 2-3."], []),
        (["It was moved by Lee, seconded by Park, and carried unanimously to adopt the budget."],
         [("carried", "to adopt the budget.")]),
        (["On motion of Lee, seconded by Park, the following resolution was adopted:", "RESOLVED, that the audit be accepted."],
         [("RESOLVED", "that the audit be accepted.")]),
    ],
)
def test_motions_moved_seconded_and_carried(texts, expected):
    assert [(r.keyword, r.text) for r in extract_resolutions(_item(texts))] == expected


# --- decisions printed in the general shapes of unseen councils ----------------------------

@needs_shared
def test_numbered_resolution_adopted_with_a_three_figure_tally():
    doc = _doc("us_alameda/Alameda_SAOB_2015-09-16_minutes.pdf")
    assert not [p for p in doc.problems if p.code == "stage_error"]  # the scanned form on page 1 is read without error
    got = {r.minute_number: r.text for _, _, r in doc.resolutions}
    assert got["4b"] == "Resolution Naming Officers for the Period September 16, 2015 – June 30, 2016"
    assert "2" not in got  # 'Resolution (15-05) adopted' under 'CONSENT AGENDA' is not the heading's decision
    votes = {v.minute_number: (v.for_count, v.against_count, v.abstain_count, v.result) for _, _, v in doc.votes}
    # '4-0-3' counts ayes, noes and absent members: the third figure is not read as abstentions.
    assert votes["4a"] == votes["4b"] == (4, 0, None, "carried")
    assert all(v.page > 1 for _, _, v in doc.votes)  # the form's illegible roll call records no vote


@needs_shared
def test_heading_that_states_its_outcome_and_members_approving():
    tay = [(r.minute_number, r.keyword, r.text) for _, _, r in _doc("uk_scotland_cc/Tayport_CC_2023-10-02_Inaugural_minutes.pdf").resolutions]
    assert ("3", "Adopted", "Constitution and Standing Orders Adopted") in tay
    assert not any(n == "4" for n, _, _ in tay)  # 'Office Bearers Appointed': 'appointed' is not a decision keyword
    school = [r.text for _, _, r in _doc("us_alameda/Alameda_CitySchool_Subcommittee_2015-09-16_minutes.pdf").resolutions]
    assert "The City Council and Board members approved the minutes from the March 4, 2014 City/School Subcommittee Meeting." in school


@needs_shared
def test_entry_running_on_into_lettered_parts_is_one_decision():
    got = [(r.minute_number, r.number, r.text) for _, _, r in _doc("uk_bristol/Bristol_TCPC_2025-05-15_Printed_minutes.pdf").resolutions]
    ten = [(n, t) for m, n, t in got if m == "10"]
    assert [n for n, _ in ten] == [1, 2]
    assert ten[1][1].endswith("by the MCA to a. Take all steps required to accept and invest the CRSTS funding amount as set "
                              "out in this report and appendices b. Procure and award all necessary contracts for this project "
                              "(including any over £500k), in line with the maximum budget envelope outlined in this report")
    assert any(m == "18" and t.startswith("The Policy Committee for Transport and Connectivity noted the report and agreed") for m, _, t in got)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Resolution (15-05) adopted by unanimous consent, 4-0-3.", (4, 0, None, "carried")),
        ("Resolution (15-06) adopted (Spencer/Potter and passed unanimously, 4-0-3).", (4, 0, None, "carried")),
        ("The ordinance was approved on a 4-1 vote.", (4, 1, None, "carried")),
        ("The motion failed 2-3 (Smith absent).", (2, 3, None, "lost")),
        ("Council approved Resolution 15-05 at its last meeting.", None),
        ("The plan was adopted 5-12-2015 by the Board.", None),
        ("Staff approved the 2015-16 budget.", None),
    ],
)
def test_us_tallies_after_the_outcome_and_words_about_the_vote(text, expected):
    votes, _ = extract_votes(_item([text]))
    assert ((votes[0].for_count, votes[0].against_count, votes[0].abstain_count, votes[0].result) if votes else None) == expected


@pytest.mark.parametrize(
    "title, text, expected",
    [
        ("Resolution Naming Officers", "Resolution (15-07) adopted (Kahn/Potter and passed unanimously, 4-0-3).", ["Resolution Naming Officers"]),
        ("Ordinance Amending Chapter 30", "Ordinance No. 3155 was adopted.", ["Ordinance Amending Chapter 30"]),
        ("CONSENT AGENDA", "Resolution (15-05) adopted by unanimous consent, 4-0-3.", []),
        ("Liquor Licence", "Ordinance #39394 passed July 17, 2012.", []),
    ],
)
def test_item_adopted_by_its_number(title, text, expected):
    item = dataclasses.replace(_item([text]), title=title)
    assert [r.text for r in extract_resolutions(item)] == expected


@pytest.mark.parametrize(
    "heading, body, expected",
    [
        ("3. Minutes of the Last Meeting Approved", [], ["Minutes of the Last Meeting Approved"]),
        ("3. Minutes of the Last Meeting to be Approved", [], []),
        ("3. Office Bearers Appointed", [], []),
        ("3. Standing Orders Adopted", ["RESOLVED that the revised Standing Orders be adopted."], ["that the revised Standing Orders be adopted."]),
    ],
)
def test_heading_stating_its_outcome(heading, body, expected):
    lines = tuple(hand_line(t, i) for i, t in enumerate([heading, *body]))
    item = Section(kind="minute_item", title=heading[3:], number="3", page_start=1, page_end=1, lines=lines)
    assert [r.text for r in extract_resolutions(item)] == expected


def test_lead_in_entry_takes_its_lettered_parts_but_a_group_heading_does_not():
    run_on = _item(["RESOLVED that:", "1. Approved the plan.", "2. Authorised the Director to", "a. sign the contract;",
                    "b. publish the notice.", "3. Noted the risks."])
    assert [(r.number, r.text) for r in extract_resolutions(run_on)] == [
        (1, "Approved the plan."), (2, "Authorised the Director to a. sign the contract; b. publish the notice."), (3, "Noted the risks.")]
    grouped = _item(["RESOLVED that:", "1. Residents Parking", "a. Approve the tariff.", "b. Review the zones."])
    assert [r.text for r in extract_resolutions(grouped)] == ["Approve the tariff.", "Review the zones."]  # the heading is passed over


MOTION = ["Motion No. 1", "Moved by Councillor A,", "WHEREAS the by-law requires a member;",
          "THEREFORE BE IT RESOLVED that section 6(2) be amended;",
          "AND BE IT FURTHER RESOLVED that Council make the following appointments:",
          "Speaker    Councillor B", "Councillor C: I will place the motion for the vote."]


@pytest.mark.parametrize(("after", "expected"), [
    (["The vote, Yeas 13, Nays 3. The motion is carried."], ["that section 6(2) be amended;",
                                                            "that Council make the following appointments:"]),
    (["Motion is defeated."], []),
    (["All those in favour? Contrary? Carried."], []),  # a voice vote on something unnamed (a notice of motion)
    (["Motion No. 2", "Moved by Councillor D,", "Motion carried."], []),  # the outcome belongs to the next motion
])
def test_motion_clauses_are_decisions_only_once_the_motion_carried(after, expected):
    # Each printed line its own paragraph (a blank line between), as the motion is set out on the page.
    lines = tuple(hand_line(t, 2 * i) for i, t in enumerate([*MOTION, *after]))
    found = extract_resolutions(Section(kind="minutes", title="MINUTES", number=None, page_start=1, page_end=1, lines=lines))
    assert [r.text for r in found] == expected
    assert all(r.minute_number == "Motion No. 1" for r in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("L’ordre du jour de la séance est adopté.", "adopté"),
    ("Les procès-verbaux des séances précédentes sont approuvés à l’unanimité.", "approuvés"),
    ("La séance est ouverte à 16h00.", None),
    ("Le règlement n’est pas adopté.", None),
    ("Le règlement sera adopté à la prochaine séance.", None),
])
def test_french_passive_decisions(text, expected):
    found = extract_resolutions(_item([text]))
    assert [r.keyword for r in found] == ([expected] if expected else [])


@needs_shared
def test_adopted_motion_in_a_hansard_records_its_clauses():
    doc = process_file(str(OTHER / "winnipeg_hansard_2013-11-06_special.pdf"))
    found = [(r.minute_number, r.text[:40]) for _, _, r in doc.resolutions]
    assert found == [("Motion No. 1", "that section 6(2) of the City Organizati"),
                     ("Motion No. 1", "that Council make the following appointm")]


@needs_shared
def test_french_minutes_record_the_agenda_adopted_and_the_resolution():
    doc = process_file(str(OTHER / "2023-06-20-PV.pdf"))
    found = [(r.minute_number, r.text[:30]) for _, _, r in doc.resolutions]
    assert found == [("2", "L’ordre du jour de la séance e"), ("4", "D’APPROUVER la demande de démo")]
