"""Decisions and votes as other countries print them: counts after the names, names in columns, motion blocks."""

from __future__ import annotations

from pathlib import Path

from conftest import CORPUS, hand_line

from pipeline.extract.resolutions import extract_resolutions
from pipeline.extract.votes import extract_votes
from pipeline.ingest import _parts, process_file
from pipeline.models import Section

TYPESET = CORPUS / "typeset"


def _item(texts: list[str], segments: dict[int, tuple[str, ...]] | None = None) -> Section:
    segments = segments or {}
    lines = tuple(hand_line(t, i, segments=segments.get(i - 1, ())) for i, t in enumerate(["7. REPORT", *texts]))
    return Section(kind="minute_item", title="REPORT", number="7", page_start=1, page_end=1, lines=lines)


def _read(pdf: Path) -> tuple[list, list]:
    doc = process_file(str(pdf))
    votes, decisions = [], []
    for section in doc.sections:
        if section.kind != "minutes":
            continue
        for _, part in _parts(section):
            votes += extract_votes(part)[0]
            decisions += extract_resolutions(part)
    return votes, decisions


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
    votes, _ = _read(TYPESET / "Kilbrannagh_CoCo_2024-06-10_minutes.pdf")
    (v,) = votes
    assert (v.minute_number, v.for_count, v.against_count, v.abstain_count, v.result) == ("6", 12, 7, 1, "carried")
    assert len(v.records) == 20 and ("Ó Dónaill", "Cllr", "abstain") in v.records


def test_typeset_nz_division_after_a_lettered_resolution():
    votes, _ = _read(TYPESET / "Kaiwhenua_DC_Council_2024-06-26_minutes.pdf")
    (v,) = votes
    assert (v.minute_number, v.for_count, v.against_count, v.result) == ("7.1", 6, 2, "carried")
    assert sorted(n for n, _, k in v.records if k == "against") == ["Cole", "Lyttle"]
