"""Minute items and meeting headings in house styles the development corpus lacks (corpus/typeset):
parish minute numbers with the year first ('24/101'), Legistar file numbers ('24-0312'), a resolution
quoted at the top of a page, Ontario and US minutes headings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.extract.meeting import _body_from_title
from pipeline.ingest import process_file
from pipeline.items import find_minute_items
from pipeline.sections import PageCue, _title_kind
from tests.conftest import hand_line

TYPESET = Path(__file__).resolve().parents[1] / "corpus" / "typeset"


def _items(doc) -> list[tuple[str, str]]:
    return [(c.number, c.title) for s in doc.sections for c in s.children]


@pytest.fixture(scope="module")
def docs() -> dict[str, object]:
    names = ["AshbyParva_PC_2024-07-08_minutes", "Riverton_CityCouncil_2024-03-05_minutes",
             "PineHollow_PlanningCommission_2024-06-11_minutes", "NorthFennick_Council_2024-05-14_minutes"]
    return {n.split("_")[0]: process_file(str(TYPESET / f"{n}.pdf")) for n in names}


# Hand-built lines


def test_minute_numbers_with_the_year_first_are_one_run():
    texts = [("24/101 Apologies for absence", True), ("Apologies were received from Cllr Grant.", False),
             ("24/102 Declarations of interest", True), ("None were declared.", False),
             ("a. 24/00831/HH Rose Cottage: no objection.", False),
             ("24/103 Planning", True), ("The Council considered two applications.", False)]
    items = find_minute_items([hand_line(t, i, b) for i, (t, b) in enumerate(texts)], 11)
    assert [(s.number, s.title) for s in items] == [
        ("24/101", "Apologies for absence"), ("24/102", "Declarations of interest"), ("24/103", "Planning")]


def test_file_numbers_identify_items_and_only_increase():
    texts = [("APPROVAL OF MINUTES", True), ("24-0298 Minutes of the February 20, 2024 Regular Meeting", True),
             ("A motion was made that the Minutes be Approved.", False), ("CONSENT CALENDAR", True),
             ("24-0305 Approval of a Professional Services Agreement", True), ("Attachments: Staff Report", False),
             ("24-0309 Acceptance of a State Library Grant", True), ("The motion carried.", False)]
    # A caps heading is short, so the numbered line under it does not run on from it; lines are
    # set a blank line apart, so no title runs into the paragraph under it.
    lines = [replace(hand_line(t, 2 * i, b), x1=72 + 6 * len(t)) for i, (t, b) in enumerate(texts)]
    items = find_minute_items(lines, 11)
    assert [s.number for s in items] == ["24-0298", "24-0305", "24-0309"]
    assert items[1].title == "Approval of a Professional Services Agreement"


def _cue(opening: tuple[str, ...]) -> PageCue:
    return PageCue(number=3, is_landscape=False, label=None, title="", opening=opening)


def test_a_resolution_quoted_in_minutes_starts_no_paper_of_its_own():
    announced = ("On motion of Vice Chair Chen, seconded by Commissioner Raman, the", "following resolution was adopted:",
                 "RESOLUTION NO. 2024-16", "A RESOLUTION OF THE PLANNING COMMISSION OF THE CITY")
    moved = ("Resolution No. R24-119", "Moved by: Councillor E. Lindqvist", "Seconded by: Councillor D. Sharma")
    paper = ("RESOLUTION NO. 16-01", "RESOLUTION OF THE OVERSIGHT BOARD FOR THE SUCCESSOR AGENCY TO THE")
    assert _title_kind(_cue(announced)) is None
    assert _title_kind(_cue(moved)) is None
    assert _title_kind(_cue(paper)) == "other"


@pytest.mark.parametrize("title, council, body", [
    ("Meeting Minutes City Council", "City of Riverton", "City Council"),
    ("Regular Meeting of the Board of Trustees", None, "Board of Trustees"),
    ("THE CORPORATION OF THE TOWNSHIP OF NORTH FENNICK Regular Council", "TOWNSHIP OF NORTH FENNICK", "Council"),
    ("REGULAR MEETING", "CITY OF PINE HOLLOW", None),
])
def test_the_body_in_a_minutes_title(title, council, body):
    assert _body_from_title(title, council) == body


# The typeset documents


def test_parish_minutes_numbered_with_the_year(docs):
    items = _items(docs["AshbyParva"])
    assert [n for n, _ in items] == [f"24/{n}" for n in range(101, 114)]
    assert items[6] == ("24/107", "Planning")
    m = docs["AshbyParva"].meeting
    assert (m.time, m.place) == ("19:30", "Village Hall, Church Lane, Ashby Parva")


def test_legistar_minutes_numbered_by_file_number(docs):
    items = _items(docs["Riverton"])
    assert [n for n, _ in items] == ["24-0298", "24-0305", "24-0309", "24-0312", "24-0317", "24-0320", "24-0322"]
    assert items[-1][1] == "Presentation on the Fiscal Year 2024-25 Budget Calendar"
    m = docs["Riverton"].meeting
    assert (m.council, m.body, m.place) == ("City of Riverton", "City Council", "Council Chambers")


def test_a_page_opening_on_a_quoted_resolution_stays_in_the_minutes(docs):
    assert [n for n, _ in _items(docs["PineHollow"])][-3:] == ["VI", "VII", "VIII"]
    assert [n for n, _ in _items(docs["NorthFennick"])][-1] == "11"
    assert docs["PineHollow"].meeting.body.casefold() == "planning commission"


def test_an_ontario_township_heading(docs):
    m = docs["NorthFennick"].meeting
    assert (m.council.casefold(), m.body, m.time) == ("township of north fennick", "Council", "19:00")
