"""Members listed under a roster heading: in a table ('Councillor | Portfolio') or in columns of
cells ('Cr Name (Mayor)' over a smaller ward line, 'Director Name – Electoral Area A')."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..models import Line, Person
from ..rules import load_rules, pattern
from .people import DASH, clean, honorific_of, parse_person

HEAD_LINES = 60
MAX_LINES = 30
MIN_ROSTER = 3
ROW_GAP = 2.2  # a gap wider than this many text heights between rows ends the list


@cache
def _people_words(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_rules("people")[key])


@cache
def _leading_titles() -> tuple[str, ...]:
    return tuple(sorted(load_rules("members")["leading_member_titles"], key=len, reverse=True))


def unspaced(text: str) -> str:
    """'C ouncillors' -> 'Councillors': small capitals set as a capital apart from its lower-case letters."""
    return re.sub(r"\b([A-Z]) (?=[a-z])", r"\1", text)


def is_office(text: str) -> bool:
    """'Deputy Leader', 'Leader of the Council', 'Chair': an office, not a portfolio or a place."""
    t = clean(text).casefold()
    roles = _people_words("roles")
    return t in roles or any(t.startswith(f"{r} of ") for r in roles)


def member_entry(cell: str, page: int) -> Person | None:
    """One cell of a roster: 'Cr Name (Mayor)', 'Chair Name – Electoral Area B' (the place a member
    represents is not a role), 'Director Name' (a member title printed first is the honorific). A bare
    name is not an entry: without an honorific or an office nothing marks the cell as a member."""
    text = clean(cell)
    parts = DASH.split(text, maxsplit=1)
    if len(parts) == 2 and not is_office(parts[1]) and not honorific_of(parts[1])[0]:
        text = parts[0]
    title = next((t for t in _leading_titles() if text.casefold().startswith(t.casefold() + " ")), None)
    if title and not honorific_of(text)[0]:
        text = text[len(title):].strip()
    parsed = parse_person(text)
    if parsed is None:
        return None
    hon, name, role = parsed
    hon = hon or title
    if not (hon or (role and is_office(role))):
        return None  # a job title read off the front of a line ('Report of the Manager ...') is no member's office
    return Person(name=name, honorific=hon, role=role, page=page)


def _open_bracket(text: str) -> bool:
    return text.count("(") > text.count(")")


@dataclass
class _Column:
    x0: float
    x1: float
    cells: list[str] = field(default_factory=list)


def _spans(ln: Line) -> list[tuple[str, float, float]]:
    if len(ln.segments) > 1 and len(ln.segment_spans) == len(ln.segments):
        return [(s, a, b) for s, (a, b) in zip(ln.segments, ln.segment_spans)]
    return [(ln.text, ln.x0, ln.x1)]


def _grid(lines: Sequence[Line]) -> list[Person]:
    """Cells set in one or more columns under the heading, read down each column; a smaller line under
    a row (the ward) is skipped, except where it closes a bracket the cell above left open."""
    columns: list[_Column] = []
    size = last_top = None
    page = lines[0].page if lines else 0
    for ln in lines[:MAX_LINES]:
        if last_top is not None and size and (ln.page != page or ln.top - last_top > ROW_GAP * size):
            break
        cells = _spans(ln)
        if all(member_entry(re.sub(r"\s*\([^()]*$", "", c), ln.page) for c, _, _ in cells):
            for c, a, b in cells:
                col = next((k for k in columns if abs(k.x0 - a) <= 2 * ln.size), None)
                if col is None:
                    col = _Column(a, b)
                    columns.append(col)
                col.cells.append(c)
            size, last_top = ln.size, ln.top
            continue
        if columns and size and ln.size < size - 0.5:
            for c, a, b in cells:
                col = next((k for k in columns if a < k.x1 + ln.size and b > k.x0 - ln.size), None)
                if col is not None and col.cells and _open_bracket(col.cells[-1]):
                    col.cells[-1] = f"{col.cells[-1]} {c}"
            last_top = ln.top
            continue
        break
    found = [member_entry(c, page) for col in columns for c in col.cells]
    people = [p for p in found if p is not None]
    return people if len(people) >= MIN_ROSTER else []


def _table(lines: Sequence[Line]) -> list[Person]:
    """A members table headed 'Councillor | Portfolio': each row's first cell a member (the header's
    honorific theirs), the second cell's first clause a role only where it names an office."""
    if not lines or len(lines[0].segments) < 2:
        return []
    head = clean(lines[0].segments[0])
    if not pattern("members", "table_name_column").match(head):
        return []
    honorific, rest = honorific_of(f"{head} X")
    honorific = honorific if rest == "X" else None
    found: list[Person] = []
    for ln in lines[1:MAX_LINES]:
        parsed = parse_person(ln.segments[0]) if len(ln.segments) >= 2 else None
        if parsed is None:
            break
        hon, name, role = parsed
        first = re.split(r"[;,]", ln.segments[1])[0]
        role = role or (clean(first) if is_office(first) else None)
        found.append(Person(name=name, honorific=hon or honorific, role=role, page=ln.page))
    return found if len(found) >= MIN_ROSTER else []


def titled_roster(lines: Sequence[Line]) -> list[Person]:
    """Members under the first roster heading ('Cabinet Members', 'Board of Directors', 'Councillors',
    'Members of X:') that is followed by a members table or by cells naming members."""
    heading = pattern("members", "roster_heading")
    for i, ln in enumerate(lines[:HEAD_LINES]):
        if len(ln.segments) > 1 or not heading.match(unspaced(clean(ln.text))):
            continue
        after = lines[i + 1 : i + 1 + MAX_LINES]
        people = _table(after) or _grid(after)
        if people:
            return people
    return []
