"""Tables aligned by whitespace alone: columns from the gutters no line crosses, rows from the line pitch."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line, Page, Table
from ..read_rules_across import column_spans
from .table_parts import CAPTION, FIGURES_SIDE_BY_SIDE, TITLE, caption_above, drop_empty_columns, flatten_header

MIN_ROWS = 3
PROSE_WORDS = 8  # cells of a table are short; two columns of prose are a page layout, not a table


BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\u2013\u2014\u2713\u27a2\u25e6\uf000-\uf0ffo*-]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|[IVX]{1,4}\.)$")


def _cells(line: Line) -> list[tuple[float, float, str, bool]]:
    """A line cut where the gap between words is wider than a column gutter: (x0, x1, text, bold).

    A bullet or list number keeps to the text it marks: a bulleted list is not a table.
    """
    gutter = max(line.size * 1.0, 7.0)
    cells: list[list] = []
    for w in line.words:
        if cells and (w.x0 - cells[-1][1] <= gutter or (len(cells) == 1 and BULLET.match(cells[0][2]))):
            touching = w.x0 - cells[-1][1] < line.size * 0.1  # "(" and the word it opens
            cells[-1][2] += ("" if touching else " ") + w.text
            cells[-1][1] = w.x1
            cells[-1][3] = cells[-1][3] and w.is_bold
        else:
            cells.append([w.x0, w.x1, w.text, w.is_bold])
    return [tuple(c) for c in cells]


def _columns(rows: Sequence[list[tuple[float, float, str, bool]]]) -> list[tuple[float, float]]:
    """Column spans: the x ranges covered by text, split where no row has text (the gutters)."""
    return column_spans((c[0], c[1]) for cells in rows for c in cells)


def _column_of(cell: tuple[float, float, str, bool], columns: Sequence[tuple[float, float]]) -> int:
    """The column whose stretch holds the cell's centre; columns meet halfway across each gutter."""
    centre = (cell[0] + cell[1]) / 2
    for i in range(len(columns) - 1):
        if centre < (columns[i][1] + columns[i + 1][0]) / 2:
            return i
    return len(columns) - 1


ITEM_MARKER = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s")
FIGURE = re.compile(r"^[\d.,%()£$\u2026\-\u2013]+$")


def _has_figures(line: Line) -> bool:
    return any(FIGURE.match(c[2].replace(" ", "")) for c in _cells(line)[1:])


def _slots(line: Line, columns: Sequence[tuple[float, float]]) -> list[str]:
    """The line's text by column; words are placed one by one, so a narrow gutter still divides."""
    slots = [""] * len(columns)
    for c in _cells(line):
        spans = sum(1 for x0, x1 in columns if c[0] < x1 and x0 < c[1])
        if len(c[2].split()) == 1 or spans <= 1:
            i = _column_of(c, columns)
            slots[i] = f"{slots[i]} {c[2]}".strip()
            continue
        for w in (w for w in line.words if c[0] - 0.5 <= w.x0 and w.x1 <= c[1] + 0.5):
            i = _column_of((w.x0, w.x1, w.text, w.is_bold), columns)
            slots[i] = f"{slots[i]} {w.text}".strip()
    return slots


def _header_columns(header: Sequence[Line], columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A header cell over no data column opens a column of its own (a column left blank below it)."""
    extra = sorted(
        (c[0], c[1]) for ln in header for c in _cells(ln)
        if not any(c[0] <= x1 + 1 and x0 - 1 <= c[1] for x0, x1 in columns)
    )
    merged: list[tuple[float, float]] = []
    for x0, x1 in extra:  # a header that wraps ("Tick / box / below") is one column
        if merged and x0 <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return sorted(columns + merged)


def _rows(lines: Sequence[Line], columns: Sequence[tuple[float, float]]) -> list[list[str]]:
    """Lines into rows: a line with an empty first column, or as close as the lines inside a cell, continues a row."""
    slots = [_slots(ln, columns) for ln in lines]
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    inner = [p for p, s in zip(pitches, slots[1:]) if not s[0]]
    if not inner and pitches and min(pitches) < sorted(pitches)[len(pitches) // 2] * 0.8:
        inner = [min(pitches)]  # only the first column wraps, at a tighter pitch than the rows
    wrap_pitch = min(inner) * 1.1 + 0.5 if inner else 0.0
    rows: list[list[str]] = []
    for k, row in enumerate(slots):
        continues = k > 0 and (not row[0] or (wrap_pitch and pitches[k - 1] <= wrap_pitch))
        # a figure under a cell the row has filled already starts a row: a wrapped line adds words, not figures
        stacked = rows and any(a and b and FIGURE.match(a.replace(" ", "")) and FIGURE.match(b.replace(" ", ""))
                               for a, b in zip(rows[-1][1:], row[1:]))
        if rows and continues and not stacked:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], row)]
        else:
            rows.append(row)
    return rows


def _header_cells(line: Line, columns: Sequence[tuple[float, float]]) -> list[tuple[float, float, str, bool]]:
    """A header line cut at gutters and also where a word starts at a column's left edge: labels
    set close together over narrow columns are told apart by the columns they head."""
    starts = [x0 for x0, _ in columns]
    out: list[tuple[float, float, str, bool]] = []
    for cell in _cells(line):
        words = [w for w in line.words if cell[0] - 0.5 <= w.x0 and w.x1 <= cell[1] + 0.5]
        part: list = []
        for w in words:
            # a word space wider than usual before a word that starts a column, or is centred over another
            wide = part and w.x0 - part[-1].x1 > line.size * 0.4
            if wide and (any(abs(w.x0 - x) <= 2.5 for x in starts) or _centre_column(w, columns) != _centre_column(part[-1], columns)):
                out.append((part[0].x0, part[-1].x1, " ".join(v.text for v in part), cell[3]))
                part = []
            part.append(w)
        if part:
            out.append((part[0].x0, part[-1].x1, " ".join(v.text for v in part), cell[3]))
    return out


def _centre_column(word, columns: Sequence[tuple[float, float]]) -> int:
    return _column_of((word.x0, word.x1, word.text, word.is_bold), columns)


def _header_column(cell: tuple[float, float, str, bool], columns: Sequence[tuple[float, float]]) -> int:
    """The column a header label heads: the one it starts with, else the one whose stretch it covers most."""
    for i, (x0, _) in enumerate(columns):
        if abs(cell[0] - x0) <= 2.5:
            return i
    bounds = [-1e9] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [1e9]
    overlaps = [min(cell[1], bounds[i + 1]) - max(cell[0], bounds[i]) for i in range(len(columns))]
    return overlaps.index(max(overlaps))


def _header_rows(lines: Sequence[Line], columns: Sequence[tuple[float, float]]) -> list[list[str | None]]:
    """One row of labels per header line. A label with blank slots to its right, over columns that
    a header row below it labels, spans those columns (None: flatten_header carries it over them)."""
    rows: list[list[str | None]] = []
    for ln in lines:
        slots: list[str | None] = [""] * len(columns)
        for cell in _header_cells(ln, columns):
            i = _header_column(cell, columns)
            slots[i] = f"{slots[i]} {cell[2]}".strip()
        rows.append(slots)
    # A label spans only over labels of a header row below it, not over the wrapped lines of
    # labels beside it: a new header row starts further down than a line of a label's wrap does.
    breaks = [k for k in range(1, len(lines)) if lines[k].top - lines[k - 1].top > lines[k - 1].size * 1.5]
    for k, row in enumerate(rows[:-1]):
        below = rows[next((b for b in breaks if b > k), len(rows)) :]
        for i in range(1, len(row)):
            if row[i] == "" and row[i - 1] != "" and any(r[i] for r in below):
                row[i] = None
    return rows


Row = tuple[str, ...]


def _merge_unheaded_lead(header: Row, data: list[Row]) -> tuple[Row, list[Row]]:
    """Several columns with no header before the first headed one are one column of row labels
    whose justified text left wide spaces: join them."""
    lead = next((i for i, h in enumerate(header) if h), 0)
    if lead < 2:
        return header, data
    def join(row: Row) -> Row:
        return (" ".join(c for c in row[:lead] if c), *row[lead:])
    return join(header), [join(r) for r in data]


NUMBERING = re.compile(r"^(?:\d{1,3}(?:[.\-/][0-9A-Za-z]{1,3})*\.?|\(?[a-zA-Z0-9]{1,4}\)|[A-Za-z]\.)$")


def _numbered_paragraphs(rows: Sequence[Row]) -> bool:
    """A first column of item numbers ("2", "2-A", "(b)") beside paragraphs of prose: numbered
    paragraphs (minutes, agenda items) set in a hanging indent, not a table."""
    firsts = [r[0] for r in rows if r and r[0]]
    if len(firsts) < 2 or not all(NUMBERING.match(c) for c in firsts):
        return False
    for col in range(1, len(rows[0])):
        counts = [len(r[col].split()) for r in rows if r[col]]
        if counts and sum(counts) / len(counts) > PROSE_WORDS:
            return True
    return False


def _text_block_table(block: Sequence[Line], page: Page, n_head: int | None = None) -> Table | None:
    if n_head is None:
        n_head = 0
        while n_head < len(block) and block[n_head].is_bold:
            n_head += 1
    header_lines, body = block[:n_head], block[n_head:]
    multi = [ln for ln in body if len(_cells(ln)) >= 2]
    columns = _columns([_cells(ln) for ln in multi])
    if len(columns) < 2:
        return None
    columns = _header_columns(header_lines, columns)
    rows = _rows(body, columns)
    headed = bool(header_lines) and len(_cells(header_lines[0])) >= 2
    if len(rows) < (1 if headed else MIN_ROWS - 1):
        return None
    for col in range(len(columns)):
        counts = [len(r[col].split()) for r in rows if r[col]]
        if counts and sum(counts) / len(counts) <= PROSE_WORDS:
            break
    else:
        return None  # every column is prose: a page set in columns, not a table
    header = flatten_header(_header_rows(header_lines, columns)) if header_lines else ()
    header, data = drop_empty_columns(header, [tuple(r) for r in rows])
    if len(data) < (1 if headed else 2) or len(block) < MIN_ROWS:
        return None
    if not any(header) and len(data[0]) > len(data) + 1:
        return None  # more columns than rows and no header: justified prose whose wide spaces line up
    header, data = _merge_unheaded_lead(header, data)
    cells = [c for r in [header, *data] for c in r if c]
    labels = [c for c in header if c.endswith(":") or ": " in c]
    if (header and len(labels) * 2 >= len([c for c in header if c])) or sum(c.endswith(":") for c in cells) * 3 >= len(cells):
        return None  # "Name:" / "Address:" labels: a form laid out in columns, not a table
    if _numbered_paragraphs([header, *data] if header else data):
        return None
    if header and ITEM_MARKER.match(header[0]) and len(data) <= 3:
        return None  # "b) REPORT | CHECK REGISTERS" over a few lines: an agenda item set in columns
    top = block[0].top
    return Table(page.number, page.number, caption_above(page.lines, top), header, tuple(data), top, block[-1].bottom)


def _with_header(free: Sequence[Line], block: list[Line], gap: float = 1.5) -> list[Line]:
    """The block with the bold lines just above it that head its columns (a header may wrap),
    the first within `gap` line heights of it."""
    above = [ln for ln in free if ln.bottom <= block[0].top + 1]
    head: list[Line] = []
    while above and above[-1].is_bold and not TITLE.match(above[-1].text) and not FIGURES_SIDE_BY_SIDE.search(above[-1].text):
        ln = above.pop()
        edge = head[0] if head else block[0]
        if edge.top - ln.bottom > ln.size * (1.5 if head else gap):
            break
        head.insert(0, ln)
    left, right = min(ln.x0 for ln in block), max(ln.x1 for ln in block)
    third = (right - left) / 3
    titles = [k for k, ln in enumerate(head) if len(_cells(ln)) < 2 and (ln.x0 < left + third or ln.x1 - ln.x0 > third)]
    if titles:  # a bold title over the table is its caption, not its header (a label over one column is)
        head = head[titles[-1] + 1 :]
    return head + [ln for ln in block if ln not in head]


def reread_ruled(page: Page, bbox: tuple[float, float, float, float]) -> Table | None:
    """A ruled table whose rules divide rows but not (all) columns, read again from its lines:
    the columns from the alignment of its text, a bold header just above it kept as its header."""
    # the lines the box holds, whole: a shaded column's box crosses the rows it belongs to
    inside = [ln for ln in page.lines if bbox[1] - 1 <= ln.top and ln.bottom <= bbox[3] + 1
              and ln.x0 < bbox[2] and bbox[0] < ln.x1]
    if len(inside) < 2:
        return None
    width = max(len(_cells(ln)) for ln in inside)
    for ln in (ln for ln in page.lines if ln.top > inside[-1].bottom):
        # rows set apart below the box (a total, a net line) with as many cells carry on the table
        if ln.top - inside[-1].bottom > ln.size * 3 or len(_cells(ln)) < max(3, width - 1) or CAPTION.match(ln.text):
            break
        if ln.is_bold and not _has_figures(ln):
            break  # the header of the next table
        inside.append(ln)
    n_head = 0  # the rules box the body; the header is the bold lines above it, or the bold lines atop it
    while n_head < len(inside) - 1 and inside[n_head].is_bold:
        n_head += 1
    if n_head == len(inside) - 1:
        n_head = 0  # a table set all in bold
    block = _with_header(page.lines, inside, 3.0)  # a rule and its padding may part the header from the rows
    return _text_block_table(block, page, n_head + len(block) - len(inside))


RESUME_LINES = 12  # one-cell lines (a wrapped cell, a list under a row) a table may run through


def _resumes(lines: Sequence[Line], k: int, block: Sequence[Line]) -> bool:
    """True when the one-cell lines from k on (a wrapped label, a list under a row's label) lead,
    without a paragraph gap, back to a line of cells: they start in the first column and end
    short of the table's right edge, where a paragraph across the columns would wrap."""
    if not block:
        return False
    left, right = min(b.x0 for b in block), max(b.x1 for b in block)
    prev = lines[k - 1] if k else lines[k]
    for ln in lines[k : k + RESUME_LINES]:
        if ln.top - prev.bottom > ln.size * 2.5 or CAPTION.match(ln.text):
            return False
        if len(_cells(ln)) >= 2:
            return True
        if ln.x1 >= right - 2 or ln.x0 > left + 3:
            return False  # a paragraph wrapped at the table's right edge, or text under another column
        prev = ln
    return False


def find_text_tables(page: Page, taken: Sequence[tuple[float, float, float, float]] = ()) -> list[Table]:
    """Tables aligned by whitespace alone, among the lines outside ruled tables.

    A block is a run of consecutive lines in which at least three lines split into two or more
    cells at gutters; a bold line just above it is its header; lines whose first column is
    empty continue the row above.
    """
    free = [ln for ln in page.lines if not any(b[1] - 1 <= ln.top and ln.bottom <= b[3] + 1 for b in taken)]
    tables: list[Table] = []
    block: list[Line] = []

    def close() -> None:
        # Trailing one-cell lines stay when they continue a cell or are a short last row set like the rows.
        pitches = sorted(b.top - a.top for a, b in zip(block, block[1:]))
        row_pitch = pitches[len(pitches) // 2] if pitches else 0.0
        while block and len(_cells(block[-1])) < 2:
            last, prev = block[-1], block[-2] if len(block) > 1 else None
            continues = last.x0 > block[0].x0 + 20
            short_row = prev is not None and len(last.text.split()) <= 4 and last.top - prev.top <= row_pitch * 1.6
            if continues or short_row:
                break
            block.pop()
        if sum(1 for ln in block if len(_cells(ln)) >= 2) >= MIN_ROWS:
            table = _text_block_table(_with_header(free, block), page)
            if table:
                tables.append(table)
        block.clear()

    for k, ln in enumerate(free):
        gap = ln.top - block[-1].bottom if block else 0.0
        if block and gap > block[-1].size * 2.5:
            close()
        n = len(_cells(ln))
        if block and ln.is_bold and n >= 2 and any(not b.is_bold for b in block) and not _has_figures(ln):
            close()  # a new header row: the next table starts here (a bold total row does not)
        # A one-cell line stays in a table when the table goes on after it (a wrapped cell, a sub-heading).
        heading = ln.is_bold and (gap > block[-1].size * 1.2 if block else True)  # a title between tables
        inside = block and n == 1 and not heading and not CAPTION.match(ln.text) and _resumes(free, k, block)
        if n >= 2 or inside or (block and n == 1 and _cells(ln)[0][0] > block[0].x0 + 20):
            block.append(ln)
        else:
            close()
    close()
    return tables
