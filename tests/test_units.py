"""Small stages on hand-built inputs: numbered runs, dates, times, rules files."""

from __future__ import annotations

import pytest
from conftest import hand_line

from pipeline.extract.dates import parse_date, parse_time
from pipeline.blocks import find_blocks
from pipeline.outline import _longest_run
from pipeline.rules import RULES_DIR, load_rules, pattern


def h(numbers, indented=()):
    """Blocks for numbered headings '84. Item', '85. Item', ... on hand-built lines; the
    positions in `indented` sit 36 pt to the right."""
    from dataclasses import replace

    lines = [hand_line(f"{n}. Item", i, bold=True) for i, n in enumerate(numbers)]
    lines = [replace(ln, x0=ln.x0 + 36) if i in indented else ln for i, ln in enumerate(lines)]
    return [(b, b.labels[0]) for b in find_blocks(lines, 11)]


@pytest.mark.parametrize(
    "numbers, indented, run",
    [
        # Paragraphs numbered afresh, indented under minute 86, do not cut 84-88 ...
        ([84, 85, 86, 1, 1, 2, 3, 87, 88], (3, 4, 5, 6), [84, 85, 86, 87, 88]),
        # ... but a list starting again at the same left edge does: its '4' is its own.
        ([1, 2, 3, 1, 2, 3, 4, 5], (), [1, 2, 3, 4, 5]),
        ([1, 2, 3, 2025, 4], (), [1, 2, 3, 4]),
        ([15, 16, 3, 17], (), [15, 16, 17]),
        ([], (), []),
    ],
)
def test_longest_run_of_consecutive_numbers(numbers, indented, run):
    found = _longest_run(h(numbers, indented))
    assert [label.value for _, label in found] == run
    if numbers[:6] == [1, 2, 3, 1, 2, 3]:
        assert [b.index for b, _ in found] == [3, 4, 5, 6, 7]  # the second list, whole


@pytest.mark.parametrize(
    "text, date",
    [
        ("DATE: TUESDAY, 28 APRIL 2026", "2026-04-28"),
        ("Thursday, 30th January, 2025, at 10.00 am", "2025-01-30"),
        ("Held: TUESDAY, 24 MARCH 2026 at 5:30 pm", "2026-03-24"),
        ("CITY COUNCIL AGENDA FOR OCTOBER 16, 2012", "2012-10-16"),
        ("Date of meeting: 28/04/2026", "2026-04-28"),
        ("Meeting Date: 04/13/2026", "2026-04-13"),
        ("Date of meeting: 03/04/2026", None),  # 3 April in Britain, March 4 in the US: no guess
        ("no date here", None),
    ],
)
def test_parse_date_is_day_month_year(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(
    "text, time",
    [("TIME: 5:30 pm", "17:30"), ("at 10.00 am", "10:00"), ("12 noon", "12:00"), ("at midday", "12:00"), ("at 12.30 p.m.", "12:30"), ("18:45", "18:45")],
)
def test_parse_time_is_24_hour(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize("name", sorted(p.stem for p in RULES_DIR.glob("*.yml")))
def test_rules_files_load_and_every_pattern_compiles(name):
    data = load_rules(name)
    for key, value in data.items():
        if isinstance(value, str):
            pattern(name, key)


def test_appendix_label_rule():
    assert pattern("documents", "appendix_label").match("Appendix B").group(1) == "B"
    assert not pattern("documents", "appendix_label").match("Appendix B sets out the costs")
    assert pattern("documents", "appendix_label").match("APPENDIX A1").group(1) == "A1"
    assert pattern("documents", "appendix_label").match("Appendix 2 \u2013 Equality Impact Assessment").group(1) == "2"
    assert pattern("documents", "appendix_label").match("Appendix C: Action Plan").group(1) == "C"


def test_minute_numbers_with_their_year_are_one_run_and_sub_numbers_are_not():
    from pipeline.items import find_minute_items

    texts = [("12/24 APOLOGIES FOR ABSENCE", True), ("Apologies were received from Councillor A.", False),
             ("13/24 MINUTES OF THE PREVIOUS MEETING", True), ("RESOLVED that the minutes be approved.", False),
             ("1. The Chair noted the report.", False), ("2. Members asked about the budget.", False),
             ("14/24 2024/25 BUDGET MONITORING", True), ("The report was noted.", False)]
    lines = [hand_line(t, i, b) for i, (t, b) in enumerate(texts)]
    items = find_minute_items(lines, 11)
    assert [(s.number, s.title) for s in items] == [
        ("12/24", "APOLOGIES FOR ABSENCE"), ("13/24", "MINUTES OF THE PREVIOUS MEETING"), ("14/24", "2024/25 BUDGET MONITORING")]


def test_page_numbers_in_their_own_column_leave_agenda_titles():
    from pipeline.items import find_agenda_items

    rows = [("1. Apologies for Absence",), ("2. Minutes of the previous meeting", "3 - 10"), ("3. 2024/25 Budget", "Pages 11 - 20"),
            ("4. Work Programme Pages 21 - 24",)]
    lines = [hand_line(" ".join(segs), i, segments=segs) for i, segs in enumerate(rows)]
    assert [(s.number, s.title) for s in find_agenda_items(lines, 11)] == [
        ("1", "Apologies for Absence"), ("2", "Minutes of the previous meeting"), ("3", "2024/25 Budget"),
        ("4", "Work Programme")]


def test_minute_numbers_after_the_bodys_letters():
    from pipeline.items import find_minute_items

    texts = [("PHHI 21. APOLOGIES FOR ABSENCE", True), ("Apologies were received from Councillor A.", False),
             ("PHHI 22. MINUTES", True), ("1. The Chair noted the report.", False), ("2. Members asked a question.", False),
             ("PHHI 23. A1 ROAD WORKS", True), ("The report was noted.", False)]
    lines = [hand_line(t, i, b) for i, (t, b) in enumerate(texts)]
    assert [(s.number, s.title) for s in find_minute_items(lines, 11)] == [
        ("PHHI 21", "APOLOGIES FOR ABSENCE"), ("PHHI 22", "MINUTES"), ("PHHI 23", "A1 ROAD WORKS")]


@pytest.mark.parametrize("text, label", [("Agenda Item 5", "5"), ("AGENDA ITEM 12", "12"), ("Item 6.1", "6.1"),
                                         ("Agenda Item No. 5(a)", "5(A)"), ("(Item 3)", None), ("Item 5 was deferred", None)])
def test_agenda_item_label_rule(text, label):
    m = pattern("documents", "item_label").match(text)
    assert (m.group(1).upper() if m else None) == label


def test_item_numbers_followed_by_a_dash():
    from pipeline.items import find_agenda_items

    texts = ["ITEM 4 \u2013 Minutes of the last meeting", "ITEM 5 \u2013 Planning application 23/0456", "ITEM 6 - Any other business"]
    lines = [hand_line(t, i, True) for i, t in enumerate(texts)]
    assert [(s.number, s.title) for s in find_agenda_items(lines, 11)] == [
        ("4", "Minutes of the last meeting"), ("5", "Planning application 23/0456"), ("6", "Any other business")]
