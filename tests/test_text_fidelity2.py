"""Text as printed, part 2: spaces PDFium generates inside tracked text, commas in wide-set type, and
the fidelity bench's "spacing" class (pdftotext's letter-spaced fragments are its error, not ours)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from pipeline.layout import find_pages
from pipeline.read import read_pdf

from conftest import CORPUS, DEV, ROOT, needs_shared

TYPESET = CORPUS / "typeset"


def _text(path: Path, page: int) -> str:
    """The stored text of one page (body and running headers)."""
    return find_pages(list(read_pdf(path, max_pages=page)))[page - 1].text


def _bench():
    spec = importlib.util.spec_from_file_location("text_fidelity", ROOT / "bench" / "text_fidelity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tracked_address_keeps_its_words_whole():
    # PDFium adds a space between the tracked letters `Hal` and `l,`; the letters stand 1 pt apart throughout.
    text = _text(TYPESET / "Holmbridge_MBC_Licensing_2024-11-13_agenda.pdf", 1)
    assert "Town Hall, Victoria Square" in text
    assert "Hal l" not in text


def test_tracked_small_capital_titles_keep_their_words_whole():
    text = _text(TYPESET / "Carnmoyle_BC_Council_2024-10-01_minutes.pdf", 1)
    assert "Minutes of the Planning Committee held on 16" in text
    assert "Rates Estimates 2025/26" in text
    assert "Mayor’s Business" in text


def test_generated_word_spaces_in_plain_type_stay():
    # Every word space of this line is one PDFium generated; a dash between spaces stays apart too.
    text = _text(TYPESET / "PecanValley_County_BOC_2024-05-21_minutes.pdf", 1)
    assert "(4 Yes – 0 No – 0 Abstain – 1 Absent)" in text


@needs_shared
def test_comma_overlapping_the_next_word_keeps_its_space():
    text = _text(DEV / "uk_parish" / "Milburn_PC_2021-01-26_minutes.pdf", 2)
    assert "Parish Council, therefore" in text and "communication, it was" in text


def _box(text: str, x0: float, width: float, top: float = 100.0, height: float = 10.0):
    return (text, x0, x0 + width, top, top + height)


def test_bench_explains_letter_spaced_words_pdftotext_keeps_apart():
    bench = _bench()
    # P E C A N  V A L L E Y: letters 2 pt apart, the words 8 pt apart.
    boxes, x = [], 50.0
    for word in ("PECAN", "VALLEY"):
        for letter in word:
            boxes.append(_box(letter, x, 5))
            x += 7
        x += 6
    extra, missing = Counter(["PECAN", "VALLEY"]), Counter("PECANVALLEY")
    found = bench._explain_spacing(extra, missing, ["PECAN", "VALLEY"], boxes)
    assert sorted(w for w, _ in found) == ["PECAN", "VALLEY"]
    assert not extra and not missing


def test_bench_explains_small_capitals_after_their_initial():
    bench = _bench()
    boxes = [_box("H", 50, 8, 100, 12), _box("adstock", 59, 30, 103, 9)]
    extra, missing = Counter(["Hadstock"]), Counter(["H", "adstock"])
    assert bench._explain_spacing(extra, missing, ["Hadstock"], boxes) == [("Hadstock", ["H", "adstock"])]


def test_bench_does_not_explain_a_missing_space_or_a_broken_word():
    bench = _bench()
    # "ofthe": two words run together is our error.
    boxes = [_box("of", 50, 9), _box("the", 62, 14)]
    extra, missing = Counter(["ofthe"]), Counter(["of", "the"])
    assert bench._explain_spacing(extra, missing, ["ofthe"], boxes) == []
    assert extra == Counter(["ofthe"])
    # "Hal" "l," of the tracked "H a l l ,": our word is a piece of a longer letter-spaced one.
    boxes, x = [], 50.0
    for letter in "Hall,":
        boxes.append(_box(letter, x, 4))
        x += 5
    extra, missing = Counter(["Hal", "l,"]), Counter(["H", "a", "l", "l", ","])
    assert bench._explain_spacing(extra, missing, ["Hal", "l,"], boxes) == []


@needs_shared
def test_text_drawn_below_the_page_is_not_read():
    # The decision list runs on past the bottom edge: item 8 is in the file but not on the printed page.
    text = _text(DEV / "uk_bristol" / "Bristol_TCPC_2024-09-12_Decisions.pdf", 2)
    assert "Implement an inflation-based charge only" in text
    assert "Delegates authority" not in text


@needs_shared
def test_signature_glyphs_with_no_text_are_not_read():
    text = _text(DEV / "uk_parish" / "BurtonCumWalden_PC_2025-11-04_minutes.pdf", 3)
    assert "Chairman" in text.split()
    assert not any(ord(ch) < 0x20 and ch not in "\n\t" for ch in text)
