"""Tables: header rows told from data rows, a caption from the line above, tables merged across pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Page, RawTable, Table
from .member_lists import member_entry
from .table_parts import (
    FIGURES_SIDE_BY_SIDE,
    MAX_HEADER_ROWS,
    caption_above,
    clean_cell,
    drop_empty_columns,
    flatten_header,
    is_form,
    is_list,
    key_values,
    label_key,
    merge_split_columns,
)
from .text_tables import find_text_tables, reread_ruled


FIGURES = re.compile(r"^[£$€]?[\d.,%()\-\s]+[kmbn%]?$")


@dataclass(frozen=True)
class _Piece:
    page: int
    top: float
    bottom: float
    caption: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines_above: int
    lines_below: int


def split_header(raw: RawTable) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Leading bold rows are the header (at most two, flattened), with the row of labels under a
    spanning header cell; the rest are data rows."""
    n = 0
    while n < min(MAX_HEADER_ROWS, len(raw.rows) - 1) and raw.bold_rows[n]:
        n += 1
    if n and n < len(raw.rows) - 1 and _shared(flatten_header(raw.rows[:n])) and not _shared(flatten_header(raw.rows[: n + 1])):
        n += 1  # a label spanning columns heads the labels of the columns it spans, printed under it
    header = flatten_header(raw.rows[:n]) if n else ()
    rows = [tuple(clean_cell(c) for c in r) for r in raw.rows[n:]]
    rows = [r for r in rows if any(r)]
    return merge_split_columns(*drop_empty_columns(header, rows))


def _shared(labels: Sequence[str]) -> bool:
    """Neighbouring columns with one label: a spanning header cell whose columns are not yet told apart."""
    return any(a and a == b for a, b in zip(labels, labels[1:]))


def _labels_over_figures(rows: Sequence[tuple[str, ...]]) -> bool:
    """A first row of labels only (no figure among them) over columns of figures: a header row,
    bold or not ('Funding Awards and Allocations £000s | Mar 26 | Jun 26')."""
    if len(rows) < 3:
        return False
    first, below = rows[0], rows[1:]
    if sum(bool(c) for c in first) < 2 or any(FIGURES.match(c) for c in first if c):
        return False
    for j, label in enumerate(first):
        filled = [r[j] for r in below if j < len(r) and r[j]]
        if label and len(filled) * 2 >= len(below) and all(FIGURES.match(c) for c in filled):
            return True
    return False


def _piece(page: Page, top: float, bottom: float, caption, header, rows) -> _Piece:
    if not header and _labels_over_figures(rows):
        header, rows = rows[0], rows[1:]
    return _Piece(
        page=page.number,
        top=top,
        bottom=bottom,
        caption=caption,
        header=tuple(header),
        rows=tuple(rows),
        lines_above=sum(1 for ln in page.lines if ln.bottom <= top + 1),
        lines_below=sum(1 for ln in page.lines if ln.top >= bottom - 1),
    )


def _pieces(page: Page) -> list[_Piece]:
    """The page's ruled tables, then the tables aligned by whitespace among the other lines."""
    out = []
    ruled = []
    for raw in page.tables:
        header, rows = split_header(raw)
        if _columns_unruled(raw):
            t = reread_ruled(page, raw.bbox)
            # read again only when the text's alignment finds more columns than the rules drew
            if t is not None and len(t.rows[0]) > max(sum(map(bool, r)) for r in rows):
                out.append(_piece(page, t.top, t.bottom, t.caption, t.header, t.rows))
                ruled.append((raw.bbox[0], min(t.top, raw.bbox[1]), raw.bbox[2], max(t.bottom, raw.bbox[3])))
                continue
        ruled.append(raw.bbox)
        if not rows or (sum(bool(h) for h in header) < 2 and len(rows) < 2):
            continue  # one row in a frame under at most a title is not a table
        out.append(_piece(page, raw.bbox[1], raw.bbox[3], caption_above(page.lines, raw.bbox[1]), header, rows))
    for t in find_text_tables(page, ruled):
        out.append(_piece(page, t.top, t.bottom, t.caption, t.header, t.rows))
    return sorted(out, key=lambda p: p.top)


def _columns_unruled(raw: RawTable) -> bool:
    """Rules between the rows but not between all the columns: cells that hold two figures side
    by side ('132,069 131,283'), each under a column of its own on the page."""
    cells = [c for r in raw.rows[1:] for c in r if c]
    return sum(bool(FIGURES_SIDE_BY_SIDE.search(c)) for c in cells) >= 3


def _all_rows(piece: _Piece) -> list[tuple[str, ...]]:
    return [piece.header, *piece.rows] if piece.header else list(piece.rows)


REPEATED_LABELS = 3


def _repeated_boxes(pieces: Sequence[_Piece]) -> set[int]:
    """Boxes of label-and-value rows whose labels recur box after box in the document with other
    values (Project, Description, Funding awarded... for each project): a form filled in once per
    subject. A glossary or a table printed twice repeats its values too."""
    boxes = {}
    for i, p in enumerate(pieces):
        pairs = key_values(_all_rows(p))
        if pairs and sum(bool(FIGURES.match(v)) for _, v in pairs) * 2 < len(pairs):  # not a column of figures
            boxes[i] = {label_key(label): value for label, value in pairs if label_key(label)}

    def filled_in_again(mine: dict[str, str], theirs: dict[str, str]) -> bool:
        return sum(mine[k] != theirs[k] for k in mine.keys() & theirs.keys()) >= REPEATED_LABELS

    return {i for i, mine in boxes.items() if any(filled_in_again(mine, theirs) for j, theirs in boxes.items() if j != i)}


def _continues(prev: _Piece, nxt: _Piece) -> bool:
    """A table at the top of the next page with the same columns carries on the one ending this page."""
    if nxt.page != prev.page + 1 or prev.lines_below or nxt.lines_above:
        return False
    width = len(prev.header or prev.rows[0])
    if len(nxt.header or nxt.rows[0]) != width:
        return False
    return not nxt.header or nxt.header == prev.header


def _is_roster(piece: _Piece) -> bool:
    """Members set in columns under a heading ('Chair Colleen Mbeki – Electoral Area B   Director Heather Kwan
    – ...'): every cell a member with a title, no header; a list of people, read as members, not a table."""
    cells = [c for row in piece.rows for c in row if c]
    return (not any(piece.header) and len(piece.rows) >= 2
            and all((p := member_entry(c, piece.page)) is not None and p.honorific for c in cells))


def build_tables(pages: Sequence[Page]) -> list[Table]:
    """Every table of the document (ruled or aligned), one row per table even when it runs over pages."""
    tables: list[Table] = []
    last: _Piece | None = None  # the last table of the page before, if it ended that page's tables
    found = [_pieces(page) for page in pages]
    every = [p for pieces in found for p in pieces]
    # Lists, forms of "Label: value" fields and boxes filled in again and again are set like tables but are not.
    forms = _repeated_boxes(every) | {i for i, p in enumerate(every)
                                      if is_list(_all_rows(p)) or is_form(_all_rows(p)) or _is_roster(p)}
    k = 0
    for pieces in found:
        keep = [p for i, p in enumerate(pieces, k) if i not in forms]
        k += len(pieces)
        pieces = keep
        for i, piece in enumerate(pieces):
            if i == 0 and last is not None and _continues(last, piece):
                rows = piece.rows
                if not piece.header and rows and tables[-1].header and rows[0] == tables[-1].header:
                    rows = rows[1:]  # the header repeated as a plain row
                t = tables[-1]
                tables[-1] = Table(t.page, piece.page, t.caption, t.header, t.rows + rows, t.top)
            else:
                tables.append(Table(piece.page, piece.page, piece.caption, piece.header, piece.rows, piece.top))
        last = pieces[-1] if pieces else None
    return tables
