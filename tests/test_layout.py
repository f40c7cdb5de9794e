"""Layout on tiny hand-built pages: lines, superscripts, running headers and footers."""

from __future__ import annotations

import dataclasses

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


def _prose_line(x0, x1, top, words=6):
    """A justified line of running text from x0 to x1."""
    step = (x1 - x0) / words
    return [Word("word", x0 + k * step, x0 + (k + 1) * step - 3, top, top + 9, 9.0, "Arial", False) for k in range(words)]


def test_two_columns_of_running_text_are_read_one_after_the_other():
    title = [w("MINUTE", 250, 40, 9)]
    words = list(title)
    for k in range(10):
        words += [dataclasses.replace(x, text=f"L{k}") for x in _prose_line(50, 280, 70 + 12 * k)]
        words += [dataclasses.replace(x, text=f"R{k}") for x in _prose_line(300, 530, 70 + 12 * k)]
    words += [w("Footer", 270, 800, 9)]
    lines = find_lines(words, 1)
    texts = [ln.text.split()[0] for ln in lines]
    assert texts == ["MINUTE", *[f"L{k}" for k in range(10)], *[f"R{k}" for k in range(10)], "Footer"]
    assert all(len(set(ln.text.split())) == 1 for ln in lines[1:-1])  # no line takes words of both columns


def test_a_table_of_short_cells_is_not_read_as_columns():
    words = []
    for k in range(10):
        top = 70 + 12 * k
        words += [w(f"Row{k}", 50, top, 9), w("48.20", 200, top, 9), w("48.61", 300, top, 9), w("0.41", 400, top, 9)]
    lines = find_lines(words, 1)
    assert [ln.text for ln in lines] == [f"Row{k} 48.20 48.61 0.41" for k in range(10)]


def test_a_two_column_minute_page_is_read_column_by_column():
    """Strathcairn's minute (corpus/typeset, set 5): two justified columns with a rule between them;
    the right column's first lines follow the left column's last."""
    from pathlib import Path

    from pipeline.read import read_pdf

    path = Path(__file__).resolve().parent.parent / "corpus/typeset/Strathcairn_Council_Education_2024-06-04_minute.pdf"
    first = find_pages(list(read_pdf(path)))[0]
    texts = [ln.text for ln in first.lines]
    left_end = texts.index("bases.")
    assert texts[left_end + 1:left_end + 3] == ["Decision", "The Committee:–"]
    assert texts[texts.index("STRATHCAIRN COUNCIL") + 1].startswith("MINUTE of MEETING")
    assert "Present: Councillor Morag Baillie (Convener) (Kinnaird);" in texts


def test_a_bilingual_page_keeps_the_english_column_in_the_body_and_the_other_in_its_text():
    """Bro Eithin (corpus/typeset, set 6): Welsh left, English right, the same minute numbers level."""
    from pathlib import Path

    from pipeline.read import read_pdf

    path = Path(__file__).resolve().parent.parent / "corpus/typeset/BroEithin_CC_2024-11-11_minutes.pdf"
    first = find_pages(list(read_pdf(path)))[0]
    body = first.body_text
    assert "Present: Cllr Gareth Wyn Jones (Chair)" in body and "88/24 Welcome and Chair’s announcements" in body
    assert "Yn bresennol" not in body and "Yn bresennol" in first.text  # the Welsh stays searchable


def test_two_columns_that_are_not_translations_are_both_read():
    from pipeline.columns import parallel
    from pipeline.models import Line

    def col(x0, texts):
        return [Line(1, t, x0, x0 + 200, 100 + 12 * k, 110 + 12 * k, 9, False, "Arial") for k, t in enumerate(texts)]

    welsh = col(50, ["88/24 Croeso a chyhoeddiadau’r Cadeirydd", "Croesawodd y Cadeirydd bawb i’r cyfarfod.",
                     "89/24 Ymddiheuriadau", "Derbyniwyd ymddiheuriadau gan y Cyng. Bryn Williams."])
    english = col(300, ["88/24 Welcome and Chair’s announcements", "The Chair welcomed everyone to the meeting.",
                        "89/24 Apologies", "Apologies were received from Cllr Bryn Williams and the Clerk."])
    assert parallel([welsh, english]) == 0
    assert parallel([english, col(300, ["90/24 Planning", "The application was noted by the Council.",
                                        "91/24 Finance", "The payments were approved by the Council."])]) is None
