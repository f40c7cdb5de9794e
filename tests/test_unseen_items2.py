"""Item labels in house styles the development corpus lacks (corpus/typeset): US action minutes
('Item 5    Title – APPROVED 6-1'), lettered agenda sub-points that open in lower case, and a
planning reference before a dash that belongs to the title."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.blocks import find_blocks
from pipeline.ingest import process_file
from pipeline.items import find_agenda_items, find_minute_items
from pipeline.models import Line, Word
from tests.conftest import hand_line

ROOT = Path(__file__).resolve().parents[1]
TYPESET = ROOT / "corpus" / "typeset"
SHARED = Path(os.environ.get("AGENDAPACK_SHARED", ROOT / ".." / "shared"))
needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"the shared corpus is not at {SHARED}")


def worded(text: str, i: int, gap_after: int = 0, gap: float = 3.0, bold_words: int = 0, size: float = 9) -> Line:
    """A line with word boxes: words after the `gap_after`-th set `gap` points on (a column),
    the first `bold_words` words bold."""
    words, x = [], 66.0
    for k, w in enumerate(text.split()):
        width = len(w) * size * 0.5
        words.append(Word(w, x, x + width, 100 + 15 * i, 109 + 15 * i, size, "DejaVu", k < bold_words))
        x += width + (gap if k + 1 == gap_after else size * 0.3)
    return Line(1, text, 66.0, x, 100 + 15 * i, 109 + 15 * i, size, False, "DejaVu", (text,), words=tuple(words))


# Hand-built lines


def test_item_label_set_apart_by_a_gap_opens_an_item():
    lines = [worded("Item 1 Call to Order", 0, gap_after=2, gap=14), worded("Item 2 Roll Call", 1, gap_after=2, gap=14)]
    blocks = find_blocks(lines, 9)
    assert [(b.kind, b.title) for b in blocks] == [("numbered", "Call to Order"), ("numbered", "Roll Call")]


def test_item_label_in_bold_before_a_plain_title_opens_an_item():
    blocks = find_blocks([worded("Item 10 Direction to Place a Measure", 0, bold_words=2)], 9)
    assert blocks[0].kind == "numbered" and blocks[0].labels[0].value == 10


def test_item_words_running_on_in_one_weight_are_not_a_label():
    # A notice set in capitals ('AGENDA ITEM NO. 10 SHALL BE LAID OVER TWO WEEKS') is a sentence.
    blocks = find_blocks([worded("AGENDA ITEM NO. 10 SHALL BE LAID OVER TWO WEEKS", 0, bold_words=10)], 9)
    assert blocks[0].kind != "numbered"


def test_action_minutes_titles_end_at_the_first_dash():
    texts = ["Item 4 Minutes of the Regular Meeting – APPROVED 7-0 (Motion: Holt / Second: Tran)",
             "Item 5 Award of Contract – APPROVED 6-1 (Garcia no)",
             "Item 6 Adjournment – The meeting was adjourned at 8:47 PM."]
    items = find_minute_items([worded(t, i, gap_after=2, gap=14) for i, t in enumerate(texts)], 9)
    assert [(s.number, s.title) for s in items] == [
        ("4", "Minutes of the Regular Meeting"), ("5", "Award of Contract"), ("6", "Adjournment")]


def test_a_single_dash_without_recorded_outcomes_keeps_the_title_whole():
    texts = ["1. Minutes – to approve the minutes of the last meeting", "Text of the item.",
             "2. Planning – to consider applications", "Text of the item."]
    items = find_minute_items([hand_line(t, i, bold=t[0].isdigit()) for i, t in enumerate(texts)], 11)
    assert [s.title for s in items] == ["Minutes – to approve the minutes of the last meeting",
                                        "Planning – to consider applications"]


def _indented(line: Line, dx: float) -> Line:
    return Line(line.page, line.text, line.x0 + dx, line.x1, line.top, line.bottom, line.size, line.is_bold,
                line.font, line.segments)


def test_lower_case_sub_points_hang_from_a_numbered_heading():
    rows = [("7. Planning", 0), ("8. Finance", 0), ("a. to approve the schedule of payments", 26),
            ("b. to note the bank reconciliation", 26), ("9. Village Green", 0)]
    lines = [_indented(hand_line(t, i), dx) for i, (t, dx) in enumerate(rows)]
    items = find_agenda_items(lines, 11)
    assert [(s.number, s.title) for s in items] == [
        ("7", "Planning"), ("8", "Finance"), ("8a", "to approve the schedule of payments"),
        ("8b", "to note the bank reconciliation"), ("9", "Village Green")]


def test_lower_case_clauses_under_running_text_are_not_sub_points():
    rows = [("7. Long Term Plan", 0), ("That the Council:", 26), ("a. receives the report", 40),
            ("b. adopts the plan", 40)]
    blocks = find_blocks([_indented(hand_line(t, i), dx) for i, (t, dx) in enumerate(rows)], 11)
    assert [b.kind == "numbered" for b in blocks] == [True, False, False, False]


def test_a_reference_number_before_a_dash_stays_in_the_title():
    rows = [("7. Planning", 0), ("a. UTT/24/1876/HHF – Rose Cottage, Mill Lane: rear extension", 26),
            ("b. UTT/24/1912/FUL – Land north of Bury Farm", 26), ("8. Finance", 0)]
    items = find_agenda_items([_indented(hand_line(t, i), dx) for i, (t, dx) in enumerate(rows)], 11)
    assert [s.title for s in items][1:3] == ["UTT/24/1876/HHF – Rose Cottage, Mill Lane: rear extension",
                                             "UTT/24/1912/FUL – Land north of Bury Farm"]


# Typeset documents


def _children(doc) -> list[tuple[str, str]]:
    return [(c.number, c.title) for s in doc.sections for c in s.children]


def test_action_minutes_read_twelve_items():
    doc = process_file(str(TYPESET / "MarlowSprings_CityCouncil_2024-10-01_action_minutes.pdf"))
    items = _children(doc)
    assert [n for n, _ in items] == [str(k) for k in range(1, 13)]
    assert items[4] == ("5", "Award of Construction Contract to Pacific Crest Paving, Inc. for the 2024 "
                             "Pavement Rehabilitation Project ($2,318,450)")
    assert items[6] == ("7", "Zoning Text Amendment ZTA 24-02 (Accessory Dwelling Units)")


def test_parish_agenda_sub_points():
    doc = process_file(str(TYPESET / "LittleHadstock_PC_2024-09-03_agenda.pdf"))
    items = dict(_children(doc))
    assert items["7a"] == "UTT/24/1876/HHF – Rose Cottage, Mill Lane: single-storey rear extension"
    assert items["8"] == "Finance"
    assert items["8a"] == "to approve the schedule of payments for September 2024"
    assert items["8b"] == "to note the bank reconciliation to 31 August 2024"


def test_resolution_clauses_stay_out_of_the_items():
    doc = process_file(str(TYPESET / "Kaiwhenua_DC_Council_2024-06-26_minutes.pdf"))
    assert not [n for n, _ in _children(doc) if n[-1:].isalpha()]


@needs_shared
def test_a_bold_notice_naming_an_agenda_item_is_not_an_item():
    doc = process_file(str(SHARED / "corpus" / "real" / "other" / "omaha_council_agenda_2012-10-16.pdf"))
    assert not [t for _, t in _children(doc) if t.startswith("SHALL BE LAID")]
