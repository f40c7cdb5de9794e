"""Lines -> typed blocks: what each line is, measured against the document's own body text.

A block is one line classified once: a numbered heading (with its numbering label), a styled
heading with no number, a `Label:` field, or a paragraph line. The outline and the items are
built from blocks, so a house style differs in data (its numbering and labels), not in code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Line
from .rules import pattern, patterns

RULES = "items"
STYLED_SIZE_STEP = 1.0  # points above the body size that make a line a heading without bold

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(text: str) -> int | None:
    """'XIV' -> 14; None for letters that are not a well-formed Roman numeral."""
    text = text.upper()
    if not text or any(ch not in ROMAN for ch in text):
        return None
    total, prev = 0, 0
    for ch in reversed(text):
        value = ROMAN[ch]
        total += -value if value < prev else value
        prev = max(prev, value)
    return total if total and _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


@dataclass(frozen=True)
class Label:
    """A numbering label as printed, read as a path of components ('V.C.1', '21-324', '1a', 'A-1').

    `kind` is how the last component counts (`dec`, `alpha`, `ALPHA`, `roman`, `ROMAN`, or
    `item` for an 'Item N' label) and `value` its place in that count; `style` tells numbering
    styles apart so that each makes runs of its own (brackets, the mark after the number, a
    prefix of letters, a year)."""

    printed: str
    parts: tuple[str, ...]
    kind: str
    value: int
    style: str

    @property
    def prefix(self) -> tuple[str, ...]:
        return tuple(p.upper() for p in self.parts[:-1])

    @property
    def key(self) -> tuple:
        """Labels with the same key can follow each other in one list."""
        return (len(self.parts), self.prefix, self.kind, self.style)


@dataclass(frozen=True)
class Block:
    """One classified line: `numbered` (with its label readings), `heading`, `field` or `text`."""

    index: int
    kind: str
    title: str
    labels: tuple[Label, ...]
    is_styled: bool
    line: Line


def is_styled(line: Line, body: float) -> bool:
    """Bold, or set clearly larger than the body text."""
    return line.is_bold or line.size >= body + STYLED_SIZE_STEP


def _readings(part: str) -> list[tuple[str, int]]:
    """The ways one component can count: '12' -> dec 12; 'C' -> ALPHA 3 or ROMAN 100-less...; 'iv' -> roman 4."""
    if part.isdigit():
        return [("dec", int(part))]
    out = []
    if len(part) == 1:
        out.append(("alpha" if part.islower() else "ALPHA", ord(part.lower()) - ord("a") + 1))
    if part.isupper() or part.islower():
        value = roman_value(part)
        if value is not None:
            out.append(("roman" if part.islower() else "ROMAN", value))
    return out


def _labels(m: re.Match, style: str) -> list[Label]:
    groups = m.groupdict()
    printed = groups["label"]
    parts = tuple(p for p in re.split(r"[.\-]|(?<=\d)(?=[a-z])", printed) if p)
    if len(parts) > 1 and set(parts[-1]) == {"0"}:
        parts = parts[:-1]  # '2.0 Minutes' is item 2, over its paragraphs 2.1, 2.2
    if not parts or len(parts) > 4:
        return []
    last = parts[-1]
    if re.fullmatch(r"\d+[A-Z]", last):
        # '(22-022A)': a file number with a letter, in brackets only; it counts as its number.
        return [Label(printed, parts, "dec", int(last[:-1]), style)] if style.startswith("(") else []
    return [Label(printed, parts, kind, value, style) for kind, value in _readings(last)]


def read_label(text: str, lower_titles: bool = False) -> tuple[list[Label], str]:
    """The readings of the numbering label that opens a line, and the title after it
    (`lower_titles`: a lettered label may open a title in lower case, as sub-points do)."""
    text = text.strip()
    for name in ("item_heading", "prefixed_heading"):
        m = pattern(RULES, name).match(text)
        if m and re.search(r"[A-Za-z]", m.group("title")):
            number = m.group("number")
            style = {"item_heading": "item", "prefixed_heading": "prefixed"}[name]
            label = Label(m.group("label"), (number,), "item" if style == "item" else "dec", int(number), style)
            return [label], m.group("title")
    # A minute number with its year can read two ways ('12/24'): each reading is a label.
    found = [m for p in patterns(RULES, "year_heading") if (m := p.match(text)) and re.search(r"[A-Za-z]", m.group("title"))]
    if found:
        years = [Label(m.group("label"), (m.group("number"),), "dec", int(m.group("number")), "year") for m in found]
        return years, found[0].group("title")
    m = pattern(RULES, "outline_label").match(text)
    if not m or not re.search(r"[A-Za-z]", m.group("title")):
        return [], ""
    title = m.group("title")
    mark = (m.group("mark") or "").strip()
    bracketed = bool(m.group("open"))
    multi = bool(re.search(r"[.\-]\w|\d[a-z]", m.group("label")))
    if not mark and not bracketed and not multi:
        # A bare number is a label only before a capitalised title ("1    Welcome"); a bare
        # letter never is ("A MINUTES" could be a word).
        if not m.group("label").isdigit() or not re.match(r"[A-Z0-9(\u2018\u201c\"']", title):
            return [], ""
    if mark in (".", ")") and not multi and not m.group("label").isdigit() and not lower_titles and not re.match(r"[A-Z0-9(\u2018\u201c\"']", title):
        return [], ""  # 'e. the' in running text; lettered headings start with a capital
    if mark in ("-", "\u2013", "\u2014") and title[:1].isdigit():
        return [], ""  # a range ('2013 - 2014 MAYORALTY APPOINTMENTS', '1 - 10'), not a label
    style = ("(" if bracketed else "") + (mark[:1] if mark and mark[0] in ".):" else ("-" if mark else " "))
    return _labels(m, style), title


def is_file_number(label: Label) -> bool:
    """A label that identifies an item by its file number ('24-0312') rather than counting it."""
    return bool(pattern(RULES, "file_number").match(label.printed))


def run_in_heading(line: Line, n_words: int) -> str | None:
    """A bold run-in heading that opens the last `n_words` words of a line and ends with a colon
    or stop before plain text ('CALL TO ORDER / GENERAL INTRODUCTION: City Council Members ...')."""
    words = list(line.words)[len(line.words) - n_words :] if 0 < n_words <= len(line.words) else []
    if not words or not words[0].is_bold or all(w.is_bold for w in words):
        return None
    heading = " ".join(w.text for w in words[: next(i for i, w in enumerate(words) if not w.is_bold)])
    return heading if re.search(r"[:.\u2013\u2014-]$", heading) else None


def is_field(text: str) -> bool:
    """A labelled field: 'Date:', 'Members Present:-', 'RESULT: APPROVED'."""
    return any(p.match(text.strip()) for p in patterns(RULES, "field_label"))


def _runs_on(prev: Line, ln: Line, right: float) -> bool:
    """`ln` is the wrapped rest of `prev`'s sentence ('...AT&T Uverse Channel' / '99. YouTube ...'):
    close under it, starting at the same left edge, after a full line that ends mid-sentence."""
    if prev.page != ln.page or abs(prev.x0 - ln.x0) > 2 or ln.top - prev.bottom > ln.size * 0.6:
        return False
    if prev.is_bold != ln.is_bold or re.search(r"[.:;!?)]$", prev.text.strip()) or read_label(prev.text)[0]:
        return False  # a list of one-line items sits at one left edge too
    first = ln.words[0] if ln.words else None
    width = (first.x1 - first.x0) if first else ln.size * 2
    return prev.x1 + ln.size * 0.25 + width > right - ln.size * 0.5


def spaced_item_label(line: Line) -> tuple[list[Label], str]:
    """'Item 5    Award of Contract': a word label with no mark after its number, read as a label
    only where the page sets the title apart from it (a gap wider than a word space, or the
    label in another weight than the title)."""
    m = pattern(RULES, "item_label_spaced").match(line.text.strip())
    if not m:
        return [], ""
    n_label = len(m.group("label").split())
    words = list(line.words)
    if len(words) <= n_label:
        return [], ""
    number, after = words[n_label - 1], words[n_label]
    apart = after.x0 - number.x1 >= line.size * 0.6 or (number.is_bold and not after.is_bold)
    if not apart:
        return [], ""
    value = int(m.group("number"))
    return [Label(m.group("label"), (m.group("number"),), "item", value, "item")], m.group("title")


def _lower_sub_point(blocks: Sequence[Block], ln: Line) -> tuple[list[Label], str]:
    """'8. Finance' / 'a. to approve the schedule of payments': lettered sub-points whose text
    opens in lower case. Running text prints such letters too ('That the Council: a. receives
    the report'), so they are labels only in a list that hangs from a numbered heading: 'a'
    indented directly under a numbered line, each next letter directly under the one before."""
    prev = blocks[-1] if blocks else None
    if prev is None or prev.kind != "numbered" or prev.line.page != ln.page:
        return [], ""
    labels, title = read_label(ln.text, lower_titles=True)
    labels = [lb for lb in labels if lb.kind == "alpha" and len(lb.parts) == 1]
    if not labels or ln.top - prev.line.bottom > ln.size * 1.2:
        return [], ""
    above = [lb for lb in prev.labels if lb.kind == "alpha" and len(lb.parts) == 1]
    if labels[0].value == 1 and any(lb.kind in ("dec", "item") for lb in prev.labels) and ln.x0 > prev.line.x0 + ln.size:
        return labels, title
    if above and labels[0].value == above[0].value + 1 and labels[0].style == above[0].style and abs(ln.x0 - prev.line.x0) <= ln.size:
        return labels, title
    return [], ""


def find_blocks(lines: Sequence[Line], body: float) -> list[Block]:
    """Classify every line once."""
    right: dict[int, float] = {}
    for ln in lines:
        right[ln.page] = max(right.get(ln.page, 0.0), ln.x1)
    blocks = []
    for i, ln in enumerate(lines):
        labels, title = read_label(ln.text)
        if not labels:
            labels, title = spaced_item_label(ln)
        if not labels:
            labels, title = _lower_sub_point(blocks, ln)
        if labels and i and blocks[-1].kind != "numbered" and _runs_on(lines[i - 1], ln, right[ln.page]):
            labels, title = [], ""
        styled = is_styled(ln, body)
        if labels:
            kind = "numbered"
        elif is_field(ln.text):
            kind = "field"
        elif styled:
            kind = "heading"
        else:
            kind = "text"
        blocks.append(Block(i, kind, title if labels else ln.text.strip(), tuple(labels), styled, ln))
    return blocks
