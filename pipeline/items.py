"""Numbered items inside a document: the agenda list and the numbered items of minutes.

Items are numbered headings that follow each other 1, 2, 3 (or 84, 85, 86): the longest run
of consecutive numbers among the candidate lines is the item list, so sub-numbering
inside an item ("1. Mr Gough provided an update") is not mistaken for an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .blocks import Block, find_blocks, is_field, is_styled, run_in_heading
from .models import Line, Section, SectionKind
from .outline import build_outline, heading_like
from .rules import pattern

RULES = "items"


@dataclass(frozen=True)
class Heading:
    """A heading that opens an item: where it is, its number as printed, its title, its place in the outline."""

    index: int
    number: str
    title: str
    marked: bool = False  # an unnumbered heading with its "(Item N)" line under it; the title is whole
    level: int = 1
    parent: int | None = None  # position of the parent heading in the list


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _marked_headings(lines: Sequence[Line], body: float, blocks: Sequence[Block]) -> list[Heading]:
    """Unnumbered headings, each with an '(Item N)' line under it (minutes without minute numbers).

    A heading that wraps is taken whole; a numbered heading above the marker is left to the
    numbered lists (the minute number is the item's number there).
    """
    marker = pattern(RULES, "item_marker")
    found = []
    for i, ln in enumerate(lines):
        m = marker.match(ln.text.strip())
        if not m or i == 0:
            continue
        last = lines[i - 1]
        if not is_styled(last, body) or blocks[i - 1].labels:
            continue
        start = i - 1
        while (start > 0 and i - 1 - start < 2 and lines[start - 1].is_bold == last.is_bold
               and is_styled(lines[start - 1], body) and lines[start - 1].page == last.page
               and lines[start].top - lines[start - 1].bottom < last.size * 0.9
               and not marker.match(lines[start - 1].text.strip())):
            start -= 1
        title = _clean(" ".join(x.text for x in lines[start:i]))
        found.append(Heading(start, m.group(1), title, marked=True))
    return found


def find_headings(lines: Sequence[Line], body: float, fresh_sublists: str = "headings") -> list[Heading]:
    """The item headings in reading order: the outline's outer list and the sub-items under it.
    Minutes that number no items but mark each heading with an '(Item N)' line are cut at those
    headings instead, unless a list of styled numbered headings is at least as long."""
    blocks = find_blocks(lines, body)
    nodes = build_outline(blocks, fresh_sublists)
    outer = [n for n in nodes if n.level == 1]
    marked = _marked_headings(lines, body, blocks)
    if len(marked) >= 2 and not (outer and all(n.block.is_styled for n in outer) and len(outer) >= len(marked)):
        return marked
    if len(outer) < 2 and not (outer and outer[0].block.is_styled):
        return []
    return [Heading(n.block.index, n.number, n.block.title, level=n.level, parent=n.parent)
            for n in nodes]


def _right_edges(lines: Sequence[Line]) -> dict[int, float]:
    """Where the text ends on each page (the right margin a full line reaches)."""
    edges: dict[int, float] = {}
    for ln in lines:
        edges[ln.page] = max(edges.get(ln.page, 0.0), ln.x1)
    return edges


def _wrapped(prev: Line, ln: Line, right: dict[int, float], hang: float | None) -> bool:
    """`ln` continues `prev` when it starts under the title's first word (a hanging indent), or
    when its first word would not have fitted at the end of `prev`."""
    if not ln.words:
        return prev.x1 >= right[prev.page] * 0.8
    if hang is not None and abs(ln.x0 - hang) <= 2.5:
        return True
    first = ln.words[0]
    return prev.x1 + ln.size * 0.25 + (first.x1 - first.x0) > right[prev.page] - ln.size * 0.5


def title_span(line: Line, n_words: int, first: bool = True) -> tuple[int, int]:
    """Which of the last `n_words` words of a heading line are its title, as (start, end).

    A gap clearly wider than the line's other gaps ends the title when what follows starts a
    sentence ('1. Approval of Minutes  Approval of October 13, 2022 ...'); words before such a
    gap that hold no letters are a column of their own ('2-A  2013-96  Resolution ...')."""
    words = list(line.words)[-n_words:] if n_words else []
    if len(words) < 4:
        return 0, len(words)
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    start = 0
    for i, gap in enumerate(gaps):
        others = sorted(g for j, g in enumerate(gaps) if j != i)
        typical = others[len(others) // 2]
        if gap >= max(typical * 1.5, line.size * 0.3) and words[i + 1].text[:1].isupper():
            before = words[start : i + 1]
            column = first and len(before) == 1 and before[0].text.isalpha() and len(words) - i - 1 >= 2
            if any(ch.isalpha() for w in before for ch in w.text) and not column:
                return start, i + 1
            start = i + 1  # a column of its own before the title: file numbers ('2013-96'), a type ('REPORT')
    return start, len(words)


def _title_lines(lines: Sequence[Line], head: Heading, stop: int, right: dict[int, float]) -> list[str]:
    """The title: the heading line's title words and the lines that continue it (a title wraps
    where the next word did not fit, or onto a line set under its first word), up to a wide gap."""
    first = lines[head.index]
    n_words = len(head.title.split())
    if not first.words or len(first.words) < n_words:
        n_words = 0
    words = list(first.words)[len(first.words) - n_words :] if n_words else []
    start, end = title_span(first, n_words) if words else (0, 0)
    parts = [" ".join(w.text for w in words[start:end])] if words else [head.title]
    run_in = run_in_heading(first, n_words) if words else None
    if run_in:
        return [run_in.rstrip(":")]
    if words and end < len(words):
        return parts
    hang = words[start].x0 if words and words[start].x0 > first.x0 + 5 else None
    prev = first
    for ln in lines[head.index + 1 : stop]:
        same_style = ln.is_bold == first.is_bold and abs(ln.size - first.size) < 0.6
        # Closeness is measured from top to top against the line's own height: boxes are set
        # taller than the type in some files, so a gap in points says little.
        close = ln.page == prev.page and ln.top - prev.top <= max(prev.bottom - prev.top, ln.size) * 1.4
        if not (_wrapped(prev, ln, right, hang) and same_style and close) or _appendix(ln.text) or is_field(ln.text):
            break
        if parts[-1].rstrip().endswith(":"):
            break  # what follows a colon is the item's content, not its title
        s, e = title_span(ln, len(ln.words), first=False)
        parts.append(" ".join(w.text for w in ln.words[s:e]) if ln.words else ln.text)
        prev = ln
        if ln.words and e < len(ln.words):
            break
    return parts


def _strip_notes(title: str) -> str:
    """Notes printed after a title are not the title ('UNFINISHED BUSINESS - None', '(information
    only)'), nor a sentence after a dash that follows a title in capitals ('MEETING MINUTES – Staff
    recommends the Housing Authority approve ...')."""
    title = pattern(RULES, "title_note").sub("", title)
    m = re.match(r"^([^a-z]*[A-Z][^a-z]*?)\s+[\u2013\u2014-]\s+(?=[A-Z][a-z])", title)
    # A reference number before the dash ('UTT/24/1876/HHF – Rose Cottage') is part of the title:
    # a heading in capitals has a word of letters only.
    words = m.group(1).split() if m else []
    if m and len(m.group(1)) >= 4 and any(re.fullmatch(r"[A-Z][A-Z'\u2019&]+", w) for w in words) and not heading_like(title[m.end():]):
        return m.group(1)
    return title


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
    level: int = 1
    parent: int | None = None


def split_items(lines: Sequence[Line], body: float, fresh_sublists: str = "headings") -> list[Item]:
    """Cut the lines of a document at its item headings (at every level of the outline)."""
    heads = find_headings(lines, body, fresh_sublists)
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
            parts = _title_lines(lines, head, stop, right)
            n_title = len(parts) - 1
            if len(parts[0]) < len(head.title):
                title = parts[0]  # the title's own words, without what a wide gap set apart
            title = _clean(" ".join([title] + parts[1:])).rstrip(" -\u2013:")
            rest = list(lines[head.index + 1 + n_title : stop])
        title = _strip_notes(_clean(pattern(RULES, "page_reference").sub("", title)))
        description = []
        for ln in rest:
            letter = _appendix(ln.text)
            if letter:
                appendix = appendix or letter
                continue
            if description and is_styled(ln, body) and not first.is_bold:
                break  # a heading between items ("EXEMPT ITEMS") ends the description
            if is_styled(ln, body) and ln.text.isupper():
                break
            description.append(ln.text)
        items.append(
            Item(head.number, title, appendix, _clean(" ".join(description)), tuple(lines[head.index : stop]),
                 head.level, head.parent)
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
            level=item.level,
            parent=item.parent,
        )
        for item in items
    )


def find_agenda_items(lines: Sequence[Line], body: float) -> tuple[Section, ...]:
    """The numbered items of an agenda list."""
    return _sections(split_items(lines, body, fresh_sublists="indented"), SectionKind.AGENDA_ITEM)


def _action_titles(items: list[Item]) -> list[Item]:
    """Action minutes print each item's title and then, after a dash, what was done ('Award of
    Contract – APPROVED 6-1', 'Call to Order – Mayor Whitaker called the meeting to order'):
    where at least two items record an outcome so, every title ends at its first spaced dash."""
    outcome = pattern(RULES, "action_outcome")
    if sum(1 for it in items if outcome.search(it.title)) < 2:
        return items
    out = []
    for it in items:
        head = re.split(r"\s[\u2013\u2014-]\s", it.title, maxsplit=1)[0].strip()
        out.append(replace(it, title=head) if re.search(r"[A-Za-z]", head) else it)
    return out


def find_minute_items(lines: Sequence[Line], body: float) -> tuple[Section, ...]:
    """The numbered items of a set of minutes."""
    return _sections(_action_titles(split_items(lines, body)), SectionKind.MINUTE_ITEM)
