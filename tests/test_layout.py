"""Layout on tiny hand-built pages: lines, superscripts, running headers and footers."""

from __future__ import annotations

import pytest

from pipeline.layout import find_lines, find_pages
from pipeline.models import RawPage, Word


def w(text, x0, top, size=11.0, bold=False):
    return Word(text, x0, x0 + len(text) * size * 0.5, top, top + size, size, "Arial", bold)


def test_words_of_different_sizes_on_one_baseline_make_one_line():
    line, = find_lines([w("Apologies", 90, 481, 12, True), w("286.", 54, 482, 11, True)], 1)
    assert line.text == "286. Apologies"
    assert line.is_bold


def test_superscript_sticks_to_its_number():
    line, = find_lines([w("29", 100, 100), Word("th", 111.5, 118, 98, 105, 7.0, "Arial", False), w("January", 121, 100)], 1)
    assert line.text == "29th January"


def test_wide_gap_splits_segments():
    line, = find_lines([w("10.", 56, 68), w("REDUCING", 80, 68), w("Appendix", 460, 68), w("C", 510, 68)], 1)
    assert line.segments == ("10. REDUCING", "Appendix C")


@pytest.mark.parametrize("footer", ["Page {n}", "{n}", "- {n} -", "Page {n} of 5"])
def test_page_numbers_and_repeated_headers_are_furniture(footer):
    raw = [
        RawPage(n, 595, 842, (w("Council Report", 56, 30), w(f"Body text {n}", 56, 300), w(footer.format(n=n), 280, 810)))
        for n in range(1, 6)
    ]
    pages = find_pages(raw)
    assert all(p.body_text == f"Body text {p.number}" for p in pages)
    assert "Council Report" in pages[0].text  # the page text keeps everything printed


def test_a_heading_near_the_top_of_one_page_is_not_furniture():
    raw = [RawPage(n, 595, 842, (w(f"Heading {chr(64 + n)}", 56, 40), w("text", 56, 300))) for n in range(1, 5)]
    assert [p.lines[0].text for p in find_pages(raw)] == ["Heading A", "Heading B", "Heading C", "Heading D"]
