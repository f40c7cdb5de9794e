"""What tables of both kinds share: cleaned cells, flattened header rows, empty columns dropped,
the caption printed above."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line

CAPTION = re.compile(r"^(?:table|chart|figure|fig\.)\s*\d+[a-z]?\b", re.IGNORECASE)
MAX_HEADER_ROWS = 4  # a header of more bold rows is a table set all in bold


def clean_cell(cell: str | None) -> str:
    """Collapse whitespace."""
    return re.sub(r"\s+", " ", cell or "").strip()


def flatten_header(rows: Sequence[Sequence[str | None]]) -> tuple[str, ...]:
    """One label per column: a spanning top label (its merged cells are None) joined with the label under it."""
    if not rows:
        return ()
    width = max(len(r) for r in rows)
    labels = [""] * width
    for row in rows:
        carried = ""
        for i in range(width):
            cell = row[i] if i < len(row) else None
            if cell is None:
                part = carried  # a cell merged with the one to its left (or above)
            else:
                part = clean_cell(cell)
                carried = part
            if part and not labels[i].endswith(part):
                labels[i] = f"{labels[i]} {part}".strip()
    return tuple(labels)


def drop_empty_columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    width = max([len(header)] + [len(r) for r in rows])
    keep = [i for i in range(width) if any(i < len(r) and r[i] for r in [header, *rows])]
    pick = lambda r: tuple(r[i] if i < len(r) else "" for i in keep)  # noqa: E731
    return (pick(header) if header else ()), [pick(r) for r in rows]


def caption_above(lines: Sequence[Line], top: float) -> str | None:
    """The title printed just above the table: a 'Table 1.' caption within three lines, else a bold title."""
    above = [ln for ln in lines if ln.bottom <= top + 1]
    near = []
    edge = top
    for ln in reversed(above[-3:]):
        if edge - ln.bottom > ln.size * 2.5:
            break
        near.append(ln)
        edge = ln.top
    for ln in near:
        if CAPTION.match(ln.text):
            return clean_cell(ln.text)
    if near and near[0].is_bold:
        title = [near[0]]
        for ln in near[1:]:  # a bold title that wraps over two lines
            if not (ln.is_bold and abs(ln.size - title[0].size) < 0.5):
                break
            title.insert(0, ln)
        return clean_cell(" ".join(ln.text for ln in title))
    return None


def merge_split_columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Join neighbouring columns that one printed column was cut into: the first row (the header,
    or the first data row when there is none) fills only one of the two, and every row below
    fills only the other ('Attendee Name' over one cell, the names in the cell beside it)."""
    table = [header, *rows] if header else list(rows)
    if not table:
        return header, rows
    width = len(table[0])
    i = 0
    while i < width - 1:
        first = table[0]
        one_headed = bool(first[i]) != bool(first[i + 1])
        apart = all(not (r[i] and r[i + 1]) for r in table)
        blank = i if not first[i] else i + 1  # the column the first row leaves empty
        headed = i + 1 if blank == i else i
        # the data sit only under the blank one: the header cell and its data were cut apart
        cut = any(r[blank] for r in table[1:]) and not any(r[headed] for r in table[1:])
        if one_headed and apart and cut:
            table = [(*r[:i], r[i] or r[i + 1], *r[i + 2 :]) for r in table]
            width -= 1
        else:
            i += 1
    return (table[0], table[1:]) if header else ((), table)
