"""Text as printed: one real page per defect class of issue 13, read as ingest reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.layout import find_pages
from pipeline.read import read_pdf

from conftest import DEV, KENT, LEICESTER, SHARED_CORPUS, needs_shared


def _lines(path: Path, page: int) -> list[str]:
    """The stored lines of one page (body and running headers)."""
    raw = list(read_pdf(path, max_pages=page))
    return find_pages(raw)[page - 1].text.splitlines()


def test_letter_spaced_heading_is_one_word():
    lines = _lines(LEICESTER, 7)
    assert "PRESENT:" in lines
    assert not any("P R E S" in ln for ln in lines)


@needs_shared
def test_text_turned_down_the_page_reads_in_its_direction():
    lines = _lines(KENT / "KCC_CountyCouncil_2025-02-13_Budget_Amendments_pack.pdf", 4)
    assert "This page is intentionally left blank" in lines


@needs_shared
def test_page_turned_a_quarter_keeps_its_words_and_decimal_points():
    text = "\n".join(_lines(SHARED_CORPUS / "tables" / "senate-expenditures.pdf", 1))
    words = text.split()
    assert "920.68" in words and "CITIBANK" in words
    assert "DHAW2019000105/03/2019CITIBANK" not in text


@needs_shared
def test_words_split_at_their_own_gaps():
    lines = _lines(DEV / "uk_weca" / "WECA_Committee_2026-06-05_Budget_outturn_report_pack.pdf", 22)
    assert any(ln.startswith("GMA: Bath Creative Quarter") for ln in lines)


@needs_shared
def test_italic_spaces_are_kept():
    text = "\n".join(_lines(DEV / "uk_parish" / "Milburn_PC_2021-01-26_agenda.pdf", 1))
    assert "apologies for" in text and "apologiesfor" not in text


@needs_shared
def test_stamp_is_kept_out_of_the_line_it_crosses():
    lines = _lines(DEV / "released" / "lomita_agenda_1.pdf", 1)
    assert any(ln.startswith("Cindy Segawa, Mayor") for ln in lines)
    assert not any("Cindy1Special" in ln for ln in lines)


def test_two_lines_beside_a_tall_heading_are_not_interleaved():
    lines = _lines(Path(__file__).resolve().parent.parent / "corpus" / "typeset" / "Riverton_CityCouncil_2024-03-05_minutes.pdf", 1)
    assert any(ln.endswith("200 West Front Street") for ln in lines)
    assert not any("FrontCity" in ln for ln in lines)


@needs_shared
def test_initials_a_word_space_apart_stay_apart():
    lines = _lines(KENT / "KCC_CountyCouncil_2025-02-13_Printed_minutes.pdf", 1)
    text = "\n".join(lines)
    assert "Mr M A J Hood," in text and "Mr N J D Chard," in text


TYPESET = Path(__file__).resolve().parent.parent / "corpus" / "typeset"


def test_tracked_heading_with_kerned_pairs_is_one_word_each():
    lines = _lines(TYPESET / "MarlowSprings_CityCouncil_2024-10-01_action_minutes.pdf", 1)
    assert any(ln.endswith("CITY COUNCIL ACTION MINUTES") for ln in lines)


def test_small_capitals_keep_their_spaces_and_initials():
    lines = _lines(TYPESET / "Llanfeiriog_TC_2024-09-10_minutes.pdf", 1)
    assert "123/24 Apologies for absence" in lines
    lines = _lines(TYPESET / "PecanValley_County_BOC_2024-05-21_minutes.pdf", 1)
    assert "Pecan Valley County, Georgia" in lines and "1. Call to Order" in lines
    assert lines[0].endswith("BOARD OF COMMISSIONERS | REGULAR MEETING | MAY 21, 2024")
