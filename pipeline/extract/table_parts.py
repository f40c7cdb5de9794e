"""What tables of both kinds share: cleaned cells, flattened header rows, empty columns dropped,
the caption printed above."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line

CAPTION = re.compile(r"^(?:table|chart|figure|fig\.)\s*\d+[a-z]?\b", re.IGNORECASE)
# A line that titles what follows (a caption, an appendix heading): never a header row
TITLE = re.compile(r"^(?:table|chart|figure|fig\.|appendix)\s*\d+[a-z]?\b", re.IGNORECASE)
FIGURES_SIDE_BY_SIDE = re.compile(r"(?:^|\s)[(£$€-]?\d[\d,.]*\)?%?\s+[(£$€-]?\d[\d,.]*\)?%?(?:\s|$)")
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
    if near and near[0].is_bold and not FIGURES_SIDE_BY_SIDE.search(near[0].text):  # not a table's bold total row
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


# Shapes that are drawn or aligned like tables but are not: lists and forms.
BULLET_GLYPH = re.compile(r"^[\u2022\u2023\u2043\u25aa\u25ab\u25cf\u25e6\u25a0\u25a1\u27a2\u2713\u00b7\uf000-\uf0ff]")
# A list item's number set in the cell with its text ("14. To receive", "(iii) Disciplinary Policy").
ITEM_NUMBER = re.compile(r"^(?:\d{1,3}\.|\(?[ivx]{1,4}\)|\(?[a-z]\))\s+\S")
# (a minute number may carry the body's letters: "MM 112/24")
MARKER = re.compile(r"^(?:(?:[A-Z]{1,4} ?)?\d{1,3}(?:[.\-/][0-9A-Za-z]{1,3})*\.?|\(?[a-zA-Z0-9]{1,4}\)|[A-Za-z]\.)$")
# A labelled field: a short label ending in a colon or question mark, then its value in the same cell.
FIELD = re.compile(r"^[A-Z][\w ,.'/&()\-]{1,40}[:?](?:\s|$)")


def _filled(row: Sequence[str]) -> list[str]:
    """The row's non-empty cells, a label repeated over the columns it spans counted once."""
    return [c for i, c in enumerate(row) if c and (i == 0 or c != row[i - 1])]


def is_list(rows: Sequence[Sequence[str]]) -> bool:
    """Rows of at most two cells, two thirds of which start with a bullet glyph, or with an item
    number set in the cell with its text: a bulleted or numbered list set in columns (a numbered
    row beside columns of figures is a table's)."""
    filled = [cells for cells in map(_filled, rows) if cells]
    if any(len(cells) > 2 for cells in filled):
        return False
    firsts = [cells[0] for cells in filled]
    bullets = sum(bool(BULLET_GLYPH.match(c)) for c in firsts)
    # "14. To receive" in one cell, or "(iii)" in a cell of its own beside words
    numbered = sum(bool(ITEM_NUMBER.match(cells[0]) or (MARKER.match(cells[0]) and len(cells) == 2
                                                      and not cells[1][:1].isdigit())) for cells in filled)
    return len(firsts) >= 2 and (bullets + numbered) * 3 >= len(firsts) * 2 and (bullets > 0 or numbered >= 3)


def key_values(rows: Sequence[Sequence[str]]) -> list[tuple[str, str]] | None:
    """The (label, value) rows of a box of label-and-value rows (a leading item letter set apart is
    skipped), or None when some row fills more than two cells (a table with columns of values)."""
    pairs = []
    for row in rows:
        cells = _filled(row)
        if cells and MARKER.match(cells[0]) and len(cells) > 1:
            cells = cells[1:]
        if len(cells) > 2:
            return None
        if cells:
            pairs.append((cells[0], cells[1] if len(cells) > 1 else ""))
    return pairs


def is_form(rows: Sequence[Sequence[str]]) -> bool:
    """A box of label-and-value rows, half of whose labels end in a colon or question mark
    ("Source:", "Ward:", "Exempt Information? Open"): a form, not a table."""
    labels = [label for label, _ in key_values(rows) or ()]
    return len(labels) >= 2 and sum(bool(FIELD.match(c)) for c in labels) * 2 >= len(labels)


def label_key(label: str) -> str:
    """A label as compared between boxes: case, spacing and a closing colon aside."""
    return re.sub(r"[\s:]+", "", label.split(":", 1)[0]).lower()
