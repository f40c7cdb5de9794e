"""Columns of running text: a page set in two or more columns is read column by column.

A column gutter is an x band left free by a run of consecutive rows, with lines of running
text on both sides: at least MIN_ROWS rows print on both sides, and on each side many lines
fill their column (prose is set to the column's width; table cells are not), lines of four or
more words with no gap in them like the gutter (a row of table cells has such gaps), and each
column at least COLUMN body sizes wide. A row printed across the band (a title over the columns, a footer) ends the run.
Everything is relative to the page's own body size; nothing here knows a council. Two columns that print
the same minutes in two languages side by side are told apart (`parallel`): the rules read English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import Line, Word

MIN_ROWS = 6  # rows printing on both sides of a gutter before it counts as one
GUTTER = 0.8  # the narrowest gutter, as a share of the body size
REACH = 0.15  # a full line of a column comes this close to its gutter, as a share of the column's width
FULL_LINES = 0.5  # this share of a side's lines are full (headings, tables and paragraph ends are not)
WORDS = 4  # a line of running text holds this many words
PROSE_LINES = 0.4  # this share of a side's lines are running text
COLUMN = 15  # a column of running text is this many times the body size wide, or wider


def _free(row: Sequence[Word], left: float, right: float) -> list[tuple[float, float]]:
    """The x intervals of [left, right] that none of the row's words covers (the row read left to right)."""
    free, x = [], left
    for w in row:
        if w.x0 > x:
            free.append((x, w.x0))
        x = max(x, w.x1)
    if x < right:
        free.append((x, right))
    return free


def _narrow(band: tuple[float, float], free: list[tuple[float, float]], width: float) -> tuple[float, float] | None:
    """The widest part of `band` still free in a row, when at least `width` wide."""
    best = None
    for a, b in free:
        lo, hi = max(a, band[0]), min(b, band[1])
        if hi - lo >= width and (best is None or hi - lo > best[1] - best[0]):
            best = (lo, hi)
    return best


def _qualifies(rows: Sequence[Sequence[Word]], band: tuple[float, float], limits: tuple[float, float],
               body: float) -> bool:
    """Running text on both sides of the band, within `limits` (the next gutters out), over enough rows.

    A side's line is full when it reaches the band (within REACH of the side's width): justified and
    ragged lines of a column run up to its gutter, and a right column's lines start at it and run on
    over half its width. Headings, paragraph ends and table cells fall short."""
    sides: list[list[Sequence[Word]]] = [[], []]
    for row in rows:
        left = [w for w in row if limits[0] <= w.x0 and w.x1 <= band[0]]
        right = [w for w in row if band[1] <= w.x0 and w.x1 <= limits[1]]
        if left and right:
            sides[0].append(left)
            sides[1].append(right)
    if len(sides[0]) < MIN_ROWS:
        return False
    left_start = min(min(w.x0 for w in p) for p in sides[0])
    right_end = max(max(w.x1 for w in p) for p in sides[1])
    left_width, right_width = band[0] - left_start, right_end - band[1]
    if min(left_width, right_width) < COLUMN * body:
        return False
    full_left = sum(max(w.x1 for w in p) >= band[0] - REACH * left_width for p in sides[0])
    full_right = sum(min(w.x0 for w in p) <= band[1] + REACH * right_width
                     and max(w.x1 for w in p) - band[1] >= 0.5 * right_width for p in sides[1])
    for full, parts in ((full_left, sides[0]), (full_right, sides[1])):
        prose = sum(_prose(p, band[1] - band[0]) for p in parts)
        if full < FULL_LINES * len(parts) or prose < PROSE_LINES * len(parts):
            return False
    return True


def _prose(words: Sequence[Word], gutter: float) -> bool:
    """A line of running text: WORDS words or more, none set apart from the next by most of the gutter
    (a row of table cells, or of several columns, is split by gaps like the gutter itself; a justified
    line stretches its spaces, but less)."""
    if len(words) < WORDS:
        return False
    ordered = sorted(words, key=lambda w: w.x0)
    return all(b.x0 - a.x1 < 0.75 * gutter for a, b in zip(ordered, ordered[1:]))


def gutters(rows: Sequence[Sequence[Word]], body: float) -> list[tuple[int, int, tuple[float, float]]]:
    """Column gutters as (first row, last row + 1, x band), rows taken in order from the top (each row's
    words left to right).

    Candidates are judged longest first, each side bounded by the gutters already taken: a list's
    numbers or a hanging label inside a column are judged against that column, not the page."""
    if len(rows) < MIN_ROWS or body <= 0:
        return []
    left = min(w.x0 for row in rows for w in row)
    right = max(w.x1 for row in rows for w in row)
    width = GUTTER * body
    frees = [_free(row, left, right) for row in rows]
    if sum(any(a > left and b < right and b - a >= width for a, b in free) for free in frees) < MIN_ROWS:
        return []  # too few rows with a gap inside them for any gutter (most pages: one column)
    runs: list[tuple[int, int, tuple[float, float]]] = []
    active: list[tuple[int, tuple[float, float]]] = []  # (first row, band still free)
    for i, free in enumerate(frees):
        still = []
        for start, band in active:
            narrowed = _narrow(band, free, width)
            if narrowed is None:
                runs.append((start, i, band))
            else:
                still.append((start, narrowed))
        # Gaps inside this row (not its margins) may open a gutter.
        for a, b in free:
            if a > left and b < right and b - a >= width and not any(_meets(band, (a, b)) for _, band in still):
                still.append((i, (a, b)))
        active = still
    runs += [(start, len(rows), band) for start, band in active]
    taken: list[tuple[int, int, tuple[float, float]]] = []
    runs = [r for r in runs if r[1] - r[0] >= MIN_ROWS]
    for start, end, band in sorted(runs, key=lambda r: r[0] - r[1]):
        # The next gutters out: those taken, and other bands free over most of these rows (columns beyond).
        beside = [b for s, e, b in taken if s < end and start < e]
        beside += [b for s, e, b in runs if b != band and min(e, end) - max(s, start) >= 0.5 * (end - start)]
        limits = (max([b[1] for b in beside if b[1] <= band[0]], default=left),
                  min([b[0] for b in beside if b[0] >= band[1]], default=right))
        if _qualifies(rows[start:end], band, limits, body):
            taken.append((start, end, band))
    return sorted(taken)


def _meets(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_NUMBERED = re.compile(r"^\(?(?:[A-Z]{1,4}\s?)?\d{1,4}(?:[./]\d{1,4})*[.)]?(?=\s)")


def parallel(columns: Sequence[Sequence[Line]]) -> int | None:
    """Two columns that print the same text in two languages side by side (the same minute numbers at the same
    heights, 'Yn bresennol' beside 'Present'): the index of the column to set aside, the one with fewer of
    English's commonest words (the language the rules read); None for columns that are not translations."""
    if len(columns) != 2:
        return None
    numbers = [{(m.group(0), round(ln.top / 3)) for ln in col for m in [_NUMBERED.match(ln.text)] if m}
               for col in columns]
    shared = {n for n, _ in numbers[0]} & {n for n, _ in numbers[1]}
    level = sum(1 for n, t in numbers[0] if any(n == m and abs(t - u) <= 1 for m, u in numbers[1]))
    if len(shared) < 2 or level < 2:
        return None
    share = [_english_share(col) for col in columns]
    if max(share) < 2 * min(share) or max(share) < 0.15:
        return None
    return 0 if share[0] < share[1] else 1


def _english_share(lines: Sequence[Line]) -> float:
    words = [w.casefold().strip(".,;:()") for ln in lines for w in ln.text.split()]
    return sum(w in COMMON_ENGLISH for w in words) / max(len(words), 1)


COMMON_ENGLISH = frozenset("the of and to a in that is was for on with as by at be it from this are were has had".split())
