"""Decision labels as Scottish and combined-authority minutes print them: 'Decision' alone on its line,
and 'Decision' set over the 'RESOLVED:' that records it."""

from __future__ import annotations

from conftest import hand_line

from pipeline.extract.resolutions import extract_resolutions
from pipeline.models import Section


def _item(texts: list[str]) -> Section:
    lines = tuple(hand_line(t, i) for i, t in enumerate(["2. MINUTE OF PREVIOUS MEETING", *texts]))
    return Section(kind="minute_item", title="MINUTE OF PREVIOUS MEETING", number="2", page_start=1, page_end=1,
                   lines=lines)


def test_decision_alone_on_its_line_labels_the_decision_below():
    """Strathcairn (corpus/typeset, set 5)."""
    (r,) = extract_resolutions(_item(["The minute of the meeting of 23 April 2024 was submitted.", "Decision",
                                      "The Committee approved the minute as a correct record."]))
    assert r.text == "The Committee approved the minute as a correct record."


def test_decision_over_resolved_keeps_the_resolved_keyword_and_text():
    """Severnmoor (corpus/typeset, set 3)."""
    (r,) = extract_resolutions(_item(["Decision", "RESOLVED: That the minutes of the meeting held on 14 June 2024 be",
                                      "approved as a correct record."]))
    assert (r.keyword, r.text) == (
        "RESOLVED", "That the minutes of the meeting held on 14 June 2024 be approved as a correct record.")


def test_a_decision_heading_in_running_text_is_not_a_label():
    assert extract_resolutions(_item(["The decision was deferred to the next meeting."])) == []


def _said(texts: list[str]) -> list:
    return extract_resolutions(_item(texts))


def test_an_aside_before_the_decision_it_was_agreed():
    """Drumcarrow (corpus/typeset, set 5): an Irish municipal district's minutes."""
    (r,) = _said(["It was then agreed, on the proposal of Cllr Brennan, seconded by Cllr Costigan, that the General",
                  "Municipal Allocation 2024 be adopted as circulated."])
    assert (r.keyword, r.text) == ("agreed", "that the General Municipal Allocation 2024 be adopted as circulated.")


def test_the_motion_was_adopted_decides_the_motion_quoted_above():
    (r,) = _said(["\u201cThat Drumcarrow Municipal District requests Roscavan County Council to carry out a traffic",
                  "survey at the junction of the N30 and the Mill Road.\u201d",
                  "The motion was seconded by Cllr Brennan. Ms Whelan replied that a survey would be carried out",
                  "in September. The motion was adopted."])
    assert r.text == ("That Drumcarrow Municipal District requests Roscavan County Council to carry out a traffic "
                      "survey at the junction of the N30 and the Mill Road.")


def test_this_was_agreed_decides_the_request_before_it():
    (r,) = _said(["Cllr Furlong asked that the Municipal District write to the National Transport Authority (NTA)",
                  "regarding the reduced frequency of the bus service. This was agreed."])
    assert r.text == ("that the Municipal District write to the National Transport Authority (NTA) regarding the "
                      "reduced frequency of the bus service.")


def test_a_fate_with_no_motion_above_decides_nothing_of_its_own():
    assert _said(["The Clerk read a letter from the school. This was agreed."]) == []


def test_resolved_that_the_body_then_a_dash_announces_a_list():
    """Wyvernshire (corpus/typeset, set 6): 'RESOLVED that Cabinet –' over (a)-(c), one decision per entry."""
    found = _said(["RESOLVED that Cabinet \u2013",
                   "(a) approves the SEND Sufficiency Strategy 2024\u20132029 at Appendix 1 to the report;",
                   "(b) approves capital expenditure of \u00a314.6m; and",
                   "(c) delegates authority to the Executive Director of Children\u2019s Services."])
    assert [(r.number, r.text) for r in found] == [
        (1, "approves the SEND Sufficiency Strategy 2024\u20132029 at Appendix 1 to the report;"),
        (2, "approves capital expenditure of \u00a314.6m; and"),
        (3, "delegates authority to the Executive Director of Children\u2019s Services.")]


def test_a_numbered_resolution_with_its_movers_printed_under_it():
    """Waiaroha (set 6): 'Resolution number ICM/2024/12' / 'That ...' / 'Moved Cr A / Seconded Cr B' / 'CARRIED'."""
    (r,) = _said(["Resolution number ICM/2024/12",
                  "That the minutes of the meeting held on 8 February 2024 be confirmed as a true and correct record.",
                  "Moved Cr Thornbury / Seconded Cr Te Huia", "CARRIED"])
    assert r.text == "That the minutes of the meeting held on 8 February 2024 be confirmed as a true and correct record."
    assert r.resolution_number == "ICM/2024/12"


def test_moved_and_seconded_in_the_motions_own_line():
    """Alder Crossing (set 6): a British Columbia council prints the number, then 'It was moved and seconded THAT'."""
    (r,) = _said(["R-2024-214 It was moved and seconded THAT Council adopt the minutes of the Regular Council",
                  "Meeting held October 7, 2024.", "CARRIED"])
    assert r.text == "THAT Council adopt the minutes of the Regular Council Meeting held October 7, 2024."


def test_a_that_paragraph_with_no_mover_anywhere_is_not_a_decision():
    assert _said(["That the Council notes the report.", "Members discussed the report at length.", "CARRIED"]) == []


def test_proposed_seconded_and_resolved_then_the_quoted_resolution():
    """Carrigdown (set 6): 'Proposed by Cllr A, Seconded by Cllr B and Resolved:' over the resolution in quotes."""
    (r,) = _said(["Proposed by Cllr Teehan, Seconded by Cllr Egan and Resolved:",
                  "\u201cThat the minutes of the Monthly Meeting held on 9th September 2024, as",
                  "circulated, be confirmed and signed.\u201d"])
    assert (r.keyword, r.text) == (
        "Resolved", "That the minutes of the Monthly Meeting held on 9th September 2024, as circulated, be confirmed and signed.")
