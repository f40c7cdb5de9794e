"""Decisions and votes as other countries print them: counts after the names, names in columns, motion blocks."""

from __future__ import annotations


import pytest
from conftest import CORPUS, hand_line, minutes_facts

from pipeline.extract.resolutions import extract_resolutions
from pipeline.extract.votes import extract_votes
from pipeline.models import Section

TYPESET = CORPUS / "typeset"


def _item(texts: list[str], segments: dict[int, tuple[str, ...]] | None = None) -> Section:
    segments = segments or {}
    lines = tuple(hand_line(t, i, segments=segments.get(i - 1, ())) for i, t in enumerate(["7. REPORT", *texts]))
    return Section(kind="minute_item", title="REPORT", number="7", page_start=1, page_end=1, lines=lines)


# --- hand-built forms ----------------------------------------------------------------------

def test_count_closes_the_names_beside_the_label_and_a_bare_outcome_follows():
    votes, _ = extract_votes(_item(["A recorded vote was requested.",
                                    "In favour: Trustees Beaumont, Chen and Gill (3)",
                                    "Opposed: Trustees Sutherland and Tremblay (2)", "CARRIED"]))
    (v,) = votes
    assert (v.for_count, v.against_count, v.abstain_count, v.result) == (3, 2, None, "carried")
    assert sorted((n, k) for n, _, k in v.records) == [
        ("Beaumont", "for"), ("Chen", "for"), ("Gill", "for"), ("Sutherland", "against"), ("Tremblay", "against")]


def test_plural_cr_heads_the_names_and_the_motion_is_declared_carried():
    votes, _ = extract_votes(_item(["For: Crs Ellison, Tipene and Oakes (3)", "Against: Crs Cole and Lyttle (2)",
                                    "The motion was declared CARRIED."]))
    (v,) = votes
    assert (v.for_count, v.against_count, v.result) == (3, 2, "carried")
    assert {n for n, _, _ in v.records} == {"Ellison", "Tipene", "Oakes", "Cole", "Lyttle"}


def test_names_in_columns_under_a_count_heading_with_a_colon():
    texts = ["For: (4)", "Cllr Brennan Cllr Flood", "Cllr Ní Bhriain Cllr Carty", "Against: (1)", "Cllr Fahy",
             "The Cathaoirleach declared the motion lost."]
    cols = {1: ("Cllr Brennan", "Cllr Flood"), 2: ("Cllr Ní Bhriain", "Cllr Carty")}
    votes, notes = extract_votes(_item(texts, cols))
    (v,) = votes
    assert (v.for_count, v.against_count, v.result) == (4, 1, "lost")
    assert sorted(n for n, _, k in v.records if k == "for") == ["Brennan", "Carty", "Flood", "Ní Bhriain"]
    assert notes == []


# --- the typeset minutes -------------------------------------------------------------------

def test_typeset_irish_division_with_names_in_three_columns():
    votes, _ = minutes_facts(TYPESET / "Kilbrannagh_CoCo_2024-06-10_minutes.pdf")
    (v,) = votes
    assert (v.minute_number, v.for_count, v.against_count, v.abstain_count, v.result) == ("6", 12, 7, 1, "carried")
    assert len(v.records) == 20 and ("Ó Dónaill", "Cllr", "abstain") in v.records


def test_typeset_nz_division_after_a_lettered_resolution():
    votes, _ = minutes_facts(TYPESET / "Kaiwhenua_DC_Council_2024-06-26_minutes.pdf")
    (v,) = votes
    assert (v.minute_number, v.for_count, v.against_count, v.result) == ("7.1", 6, 2, "carried")
    assert sorted(n for n, _, k in v.records if k == "against") == ["Cole", "Lyttle"]


def test_motion_block_with_moved_and_seconded_labels_on_one_line():
    texts = ["Resolution DC/2024/115", "Moved: Cr McKendry / Seconded: Cr Pohatu", "That the Council:",
             "a. receives the report;", "b. adopts the plan; and", "c. delegates minor amendments.", "CARRIED"]
    decisions = extract_resolutions(_item(texts))
    assert [(r.number, r.text) for r in decisions] == [
        (1, "receives the report;"), (2, "adopts the plan; and"), (3, "delegates minor amendments.")]
    assert {(r.resolution_number, r.mover, r.seconder) for r in decisions} == {("DC/2024/115", "Cr McKendry", "Cr Pohatu")}


def test_numbered_motion_in_capitals_stops_before_the_recorded_vote():
    texts = ["MOTION 24-035", "Moved by Trustee Gill, seconded by Trustee Beaumont,",
             "THAT the Board approve the report.", "A recorded vote was requested.",
             "In favour: Trustees Beaumont, Chen, Gill and Lavoie (4)", "Opposed: Trustees Sutherland and Tremblay (2)",
             "CARRIED"]
    (r,) = extract_resolutions(_item(texts))
    assert (r.text, r.resolution_number, r.mover, r.seconder) == (
        "THAT the Board approve the report.", "24-035", "Trustee Gill", "Trustee Beaumont")


def test_a_defeated_motion_block_and_a_bare_motion_count_record_nothing():
    texts = ["Motion 3", "Moved by Trustee Gill, seconded by Trustee Chen,", "THAT the review be deferred.", "DEFEATED"]
    assert extract_resolutions(_item(texts)) == []


def test_typeset_school_board_motions_keep_their_numbers():
    _, decisions = minutes_facts(TYPESET / "TamarackLakes_DSB_2024-04-23_minutes.pdf")
    assert [(r.minute_number, r.resolution_number) for r in decisions] == [
        ("3", "24-031"), ("5", "24-032"), ("7.1", "24-033"), ("7.2", "24-034"), ("7.3", "24-035"), ("9", "24-036")]
    assert decisions[4].text.endswith("effective September 1, 2025.")


def test_proposed_seconded_and_agreed_in_one_sentence():
    texts = ["It was proposed by Cllr Phelan, seconded by Cllr Kinsella and agreed that the Annual",
             "Financial Statement for 2023 be adopted."]
    (r,) = extract_resolutions(_item(texts))
    assert r.text == "that the Annual Financial Statement for 2023 be adopted."


@pytest.mark.parametrize(("text", "expected"), [
    ("Award of Contract – APPROVED 6-1 (Garcia no) (Motion: Patel / Second: Nguyen)",
     (6, 1, None, "carried", [("Garcia", "against")])),
    ("Tax Measure – FAILED 3-4 (Brooks, Nguyen, Patel yes)",
     (3, 4, None, "lost", [("Brooks", "for"), ("Nguyen", "for"), ("Patel", "for")])),
    ("Voting Delegate – APPROVED 6-0-1 (Tran abstain)", (6, 0, 1, "carried", [("Tran", "abstain")]))])
def test_action_minutes_name_the_voters_with_a_bare_vote_word(text, expected):
    (v,) = extract_votes(_item([text]))[0]
    assert (v.for_count, v.against_count, v.abstain_count, v.result, [(n, k) for n, _, k in v.records]) == expected
