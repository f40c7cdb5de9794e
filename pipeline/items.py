"""Numbered items inside a document: the agenda list and the numbered items of minutes.

Items are numbered headings that follow each other 1, 2, 3 (or 84, 85, 86): the longest run
of consecutive numbers among the candidate lines is the item list, so sub-numbering
inside an item ("1. Mr Gough provided an update") is not mistaken for an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Line, Section, SectionKind
from .rules import pattern, patterns

RULES = "items"


@dataclass(frozen=True)
class Heading:
    """A numbered line that may head an item."""

    index: int
    number: int
    title: str
    styled: bool
    printed: str = ""  # the number as printed, when it is not the decimal one ("XIII")
    marked: bool = False  # an unnumbered heading with its "(Item N)" line under it; the title is whole


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _styled(line: Line, body: float) -> bool:
    return line.is_bold or line.size >= body + 1.0


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(text: str) -> int | None:
    """'XIV' -> 14; None for letters that are not a well-formed Roman numeral."""
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


def _candidates(lines: Sequence[Line], body: float) -> list[Heading]:
    xs = sorted(ln.x0 for ln in lines)
    left = xs[len(xs) // 10] if xs else 0.0
    found = []
    for i, ln in enumerate(lines):
        if ln.x0 > left + 40:
            continue
        for pat in patterns(RULES, "numbered_heading"):
            m = pat.match(ln.text.strip())
            if not m or not re.search(r"[A-Za-z]", m.group("title")):
                continue
            groups = m.groupdict()
            if groups.get("roman"):
                number = roman_value(groups["roman"])
                if number is not None:
                    found.append(Heading(i, number, m.group("title"), _styled(ln, body), groups["roman"]))
            else:
                printed = groups.get("printed") or ""
                found.append(Heading(i, int(m.group("number")), m.group("title"), _styled(ln, body), printed))
            break
    return found


def _longest_run(heads: Sequence[Heading]) -> list[Heading]:
    """The longest subsequence whose numbers go up by exactly one."""
    best: list[list[Heading]] = []
    for j, h in enumerate(heads):
        chain = [h]
        for i in range(j):
            if heads[i].number + 1 == h.number and len(best[i]) + 1 > len(chain):
                chain = best[i] + [h]
        best.append(chain)
    return max(best, key=len, default=[])


STYLES = ("decimal", "with year", "prefixed", "roman")


def _style(head: Heading) -> str:
    """How a heading is numbered: '12', '12/24', 'PHHI 12' and 'XII' are styles of their own,
    never one run."""
    if not head.printed:
        return "decimal"
    if head.printed[0].isdigit():
        return "with year"
    return "prefixed" if head.printed[-1].isdigit() else "roman"


def _marked_headings(lines: Sequence[Line], body: float) -> list[Heading]:
    """Unnumbered headings, each with an '(Item N)' line under it (minutes without minute numbers).

    A heading that wraps is taken whole; a numbered heading above the marker is left to the
    numbered runs (the minute number is the item's number there).
    """
    marker = pattern(RULES, "item_marker")
    found = []
    for i, ln in enumerate(lines):
        m = marker.match(ln.text.strip())
        if not m or i == 0:
            continue
        last = lines[i - 1]
        if not _styled(last, body) or any(p.match(last.text.strip()) for p in patterns(RULES, "numbered_heading")):
            continue
        start = i - 1
        while (start > 0 and i - 1 - start < 2 and lines[start - 1].is_bold == last.is_bold
               and _styled(lines[start - 1], body) and lines[start - 1].page == last.page
               and lines[start].top - lines[start - 1].bottom < last.size * 0.9
               and not marker.match(lines[start - 1].text.strip())):
            start -= 1
        title = _clean(" ".join(x.text for x in lines[start:i]))
        found.append(Heading(start, int(re.match(r"\d+", m.group(1)).group()), title, True, m.group(1), marked=True))
    return found


def find_headings(lines: Sequence[Line], body: float) -> list[Heading]:
    """The item headings: the longest consecutive run, styled headings preferred; each numbering
    style makes runs of its own. Minutes that number no items but mark each heading with an
    '(Item N)' line are cut at those headings instead, unless a run of styled numbered headings
    is at least as long."""
    marked = _marked_headings(lines, body)
    runs = []
    candidates = _candidates(lines, body)
    for style in STYLES:  # in this order, so a tie goes to plain numbers
        cands = [h for h in candidates if _style(h) == style]
        styled = _longest_run([h for h in cands if h.styled])
        plain = _longest_run(cands)
        runs.append(styled if len(styled) >= 2 and len(styled) * 2 >= len(plain) else plain)
    run = max(runs, key=len)
    if len(marked) >= 2 and not (all(h.styled for h in run) and len(run) >= len(marked)):
        return marked
    return run if len(run) >= 2 or (run and run[0].styled) else []


def _right_edges(lines: Sequence[Line]) -> dict[int, float]:
    """Where the text ends on each page (the right margin a full line reaches)."""
    edges: dict[int, float] = {}
    for ln in lines:
        edges[ln.page] = max(edges.get(ln.page, 0.0), ln.x1)
    return edges


def _title_lines(lines: Sequence[Line], head: Heading, stop: int, right: dict[int, float]) -> int:
    """How many lines after the heading line continue its title (a title wraps only from a full line)."""
    first = lines[head.index]
    prev = first
    n = 0
    for ln in lines[head.index + 1 : stop]:
        full = prev.x1 >= right[prev.page] * 0.8
        same_style = ln.is_bold == first.is_bold and abs(ln.size - first.size) < 0.6
        close = ln.page == prev.page and ln.top - prev.bottom < ln.size * 0.9
        if not (full and same_style and close) or _appendix(ln.text):
            break
        n += 1
        prev = ln
    return n


def _appendix(text: str) -> str | None:
    m = pattern(RULES, "appendix_reference").match(text.strip())
    return m.group(1).upper() if m else None


def _split_appendix(line: Line, title: str) -> tuple[str, str | None]:
    """Take an 'Appendix B' printed at the end of the heading line out of the title."""
    if len(line.segments) > 1:
        letter = _appendix(line.segments[-1])
        if letter:
            return title[: len(title) - len(line.segments[-1])].rstrip(), letter
    m = re.search(r"\s+((?:appendix|annex|annexe|enclosure)\s+(?:[A-Z]|\d{1,2}))$", title, re.IGNORECASE)
    if m and len(line.segments) > 1:
        return title[: m.start()].rstrip(), _appendix(m.group(1))
    return title, None


@dataclass(frozen=True)
class Item:
    """One numbered item with its lines."""

    number: str
    title: str
    appendix: str | None
    description: str
    lines: tuple[Line, ...]


def split_items(lines: Sequence[Line], body: float) -> list[Item]:
    """Cut the lines of a document at its numbered item headings."""
    heads = find_headings(lines, body)
    right = _right_edges(lines)
    items = []
    for k, head in enumerate(heads):
        stop = heads[k + 1].index if k + 1 < len(heads) else len(lines)
        first = lines[head.index]
        title, appendix = _split_appendix(first, head.title)
        if len(first.segments) > 1 and pattern(RULES, "page_column").match(first.segments[-1]) and title.endswith(first.segments[-1]):
            title = title[: len(title) - len(first.segments[-1])].rstrip()
        if head.marked:  # the title is whole; its "(Item N)" line is not description
            title = head.title
            rest = list(lines[head.index + 1 : stop])
            at = next((i for i, ln in enumerate(rest) if pattern(RULES, "item_marker").match(ln.text.strip())), -1)
            rest = rest[at + 1 :]
        else:
            n_title = _title_lines(lines, head, stop, right)
            title = _clean(" ".join([title] + [ln.text for ln in lines[head.index + 1 : head.index + 1 + n_title]]))
            rest = list(lines[head.index + 1 + n_title : stop])
        title = _clean(pattern(RULES, "page_reference").sub("", title))
        description = []
        for ln in rest:
            letter = _appendix(ln.text)
            if letter:
                appendix = appendix or letter
                continue
            if description and _styled(ln, body) and not first.is_bold:
                break  # a heading between items ("EXEMPT ITEMS") ends the description
            if _styled(ln, body) and ln.text.isupper():
                break
            description.append(ln.text)
        items.append(
            Item(head.printed or str(head.number), title, appendix, _clean(" ".join(description)), tuple(lines[head.index : stop]))
        )
    return items


def _sections(items: Sequence[Item], kind: SectionKind) -> tuple[Section, ...]:
    return tuple(
        Section(
            kind=kind.value,
            title=item.title,
            number=item.number,
            page_start=item.lines[0].page,
            page_end=item.lines[-1].page,
            text="\n".join(ln.text for ln in item.lines),
            appendix=item.appendix,
            description=item.description,
            lines=item.lines,
        )
        for item in items
    )


def find_agenda_items(lines: Sequence[Line], body: float) -> tuple[Section, ...]:
    """The numbered items of an agenda list."""
    return _sections(split_items(lines, body), SectionKind.AGENDA_ITEM)


def find_minute_items(lines: Sequence[Line], body: float) -> tuple[Section, ...]:
    """The numbered items of a set of minutes."""
    return _sections(split_items(lines, body), SectionKind.MINUTE_ITEM)
