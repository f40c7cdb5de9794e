"""Tables: header rows told from data rows, a caption from the line above, tables merged across pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Line, Page, RawTable, Table

CAPTION = re.compile(r"^(?:table|chart|figure|fig\.)\s*\d+[a-z]?\b", re.IGNORECASE)
MAX_HEADER_ROWS = 2


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


def _clean(cell: str | None) -> str:
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
                part = _clean(cell)
                carried = part
            if part and not labels[i].endswith(part):
                labels[i] = f"{labels[i]} {part}".strip()
    return tuple(labels)


def _drop_empty_columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    width = max([len(header)] + [len(r) for r in rows])
    keep = [i for i in range(width) if any(i < len(r) and r[i] for r in [header, *rows])]
    pick = lambda r: tuple(r[i] if i < len(r) else "" for i in keep)  # noqa: E731
    return (pick(header) if header else ()), [pick(r) for r in rows]


def split_header(raw: RawTable) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Leading bold rows are the header (at most two, flattened); the rest are data rows."""
    n = 0
    while n < min(MAX_HEADER_ROWS, len(raw.rows) - 1) and raw.bold_rows[n]:
        n += 1
    header = flatten_header(raw.rows[:n]) if n else ()
    rows = [tuple(_clean(c) for c in r) for r in raw.rows[n:]]
    rows = [r for r in rows if any(r)]
    return _drop_empty_columns(header, rows)


def _caption(lines: Sequence[Line], top: float) -> str | None:
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
            return _clean(ln.text)
    if near and near[0].is_bold:
        title = [near[0]]
        for ln in near[1:]:  # a bold title that wraps over two lines
            if not (ln.is_bold and abs(ln.size - title[0].size) < 0.5):
                break
            title.insert(0, ln)
        return _clean(" ".join(ln.text for ln in title))
    return None


def _pieces(page: Page) -> list[_Piece]:
    out = []
    for raw in sorted(page.tables, key=lambda t: t.bbox[1]):
        header, rows = split_header(raw)
        if not rows:
            continue
        x0, top, x1, bottom = raw.bbox
        out.append(
            _Piece(
                page=page.number,
                top=top,
                bottom=bottom,
                caption=_caption(page.lines, top),
                header=header,
                rows=tuple(rows),
                lines_above=sum(1 for ln in page.lines if ln.bottom <= top + 1),
                lines_below=sum(1 for ln in page.lines if ln.top >= bottom - 1),
            )
        )
    return out


def _continues(prev: _Piece, nxt: _Piece, prev_last: bool, next_first: bool) -> bool:
    """A table at the top of the next page with the same columns carries on the one ending this page."""
    if not (prev_last and next_first and nxt.page == prev.page + 1):
        return False
    if prev.lines_below or nxt.lines_above:
        return False
    width = len(prev.header or prev.rows[0])
    if len(nxt.header or nxt.rows[0]) != width:
        return False
    return not nxt.header or nxt.header == prev.header


def build_tables(pages: Sequence[Page]) -> list[Table]:
    """Every ruled table of the document, one row per table even when it runs over pages."""
    tables: list[Table] = []
    last: _Piece | None = None
    for page in pages:
        pieces = _pieces(page)
        for i, piece in enumerate(pieces):
            prev_last = last is not None and last.page == page.number - 1
            if tables and last is not None and _continues(last, piece, prev_last, i == 0):
                rows = piece.rows
                if not piece.header and rows and tables[-1].header and rows[0] == tables[-1].header:
                    rows = rows[1:]  # the header repeated as a plain row
                t = tables[-1]
                tables[-1] = Table(t.page, piece.page, t.caption, t.header, t.rows + rows, t.top)
            else:
                tables.append(Table(piece.page, piece.page, piece.caption, piece.header, piece.rows, piece.top))
            last = piece if i == len(pieces) - 1 else None
        if not pieces:
            last = None
    return tables
