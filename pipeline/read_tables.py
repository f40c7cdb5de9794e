"""Ruled tables: pdfplumber's table finder, fed PDFium's paths and characters (or a pdfplumber page)."""

from __future__ import annotations

import ctypes
from bisect import bisect_left

import pdfplumber
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

from .models import RawTable
from .read_rules_across import rules_across_tables

BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
# Column borders closer than a narrow character are one border: a shaded cell's fill is often
# inset a few points from the rule around it, which cuts slivers of empty columns between them.
SLIVER = 6.0


def is_bold_font(fontname: str) -> bool:
    """Tell bold faces by their PostScript name (`ABCDEF+Arial-BoldMT`)."""
    name = fontname.split("+", 1)[-1].lower()
    return any(marker in name for marker in BOLD_MARKERS)


def ruled_tables(page) -> tuple[RawTable, ...]:
    """Tables drawn with ruling lines, with the boldness of each row (a header is set in bold)."""
    if any(e.get("word_box") for e in page.edges) and _boxes_cut_words(page):
        page = LitePage(page.chars, [e for e in page.edges if not e.get("word_box")], page.bbox)
    if len(page.edges) < 4:
        return ()
    found = []
    for table in page.find_tables():
        rows, bold_rows = _cells(table)
        if _rows_run_together(rows):
            # Rules around blocks but none between rows: take the rows from the text lines instead.
            table = page.crop(table.bbox).find_table({"vertical_strategy": "lines", "horizontal_strategy": "text"}) or table
            rows, bold_rows = _cells(table)
        width = max(len(r) for r in rows)
        if len(rows) < 2 or (width < 2 and len(rows) < 3):
            continue  # a single box is a frame, not a table; a boxed list of three or more is
        cells = tuple(tuple(None if c is None else " ".join(c.split()) for c in r) for r in rows)
        found.append(RawTable(tuple(float(v) for v in table.bbox), cells, tuple(bold_rows)))
    found.extend(t for t in rules_across_tables(page) if not any(_overlaps(t.bbox, o.bbox) for o in found))
    # A grid found inside another table's cell (lines boxed within it) is part of that table.
    return tuple(t for t in found if not any(o is not t and _inside(t.bbox, o.bbox) for o in found))


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Boxes that overlap or touch (rules across above a grid are its header's, not a table)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] + 3 and b[1] < a[3] + 3


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (outer[0] - 1 <= inner[0] and inner[2] <= outer[2] + 1 and outer[1] - 1 <= inner[1]
            and inner[3] <= outer[3] + 1 and inner != outer)


def _boxes_cut_words(page) -> bool:
    """True when the sides of white boxes set behind runs of text fall exactly on the edges of letters
    on their line (at least three do): boxes drawn behind words, cut at word and run boundaries. A
    spreadsheet's white cells pad their text, so no side touches a letter."""
    sides: dict[int, list[tuple[float, float]]] = {}
    for e in page.edges:
        if e.get("word_box") and e["orientation"] == "v":
            sides.setdefault(round(e["x0"] * 10), []).append((e["top"], e["bottom"]))
    touching = 0
    for c in page.chars:
        for x in (c["x0"], c["x1"]):
            if any(top - 1 <= c["top"] and c["bottom"] <= bottom + 1 for top, bottom in sides.get(round(x * 10), ())):
                touching += 1
                if touching >= 3:
                    return True
    return False


def _cells(table) -> tuple[list[list[str | None]], list[bool]]:
    """The table's cell texts (as pdfplumber's Table.extract) and whether each row is all bold.

    Characters are placed by their middles, computed once, and sorted by the vertical one,
    so each row looks only at its own band.
    """
    x0, top, x1, bottom = table.bbox
    placed = sorted((((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, c) for c in table.page.chars),
                    key=lambda p: p[0])
    placed = [p for p in placed if top - 1 <= p[0] <= bottom + 1]
    keys = [p[0] for p in placed]
    by_top = sorted((p[2] for p in placed), key=lambda c: c["top"])
    tops = [c["top"] for c in by_top]
    rows, bold = [], []
    borders = _borders(table)
    for row in table.rows:
        r_x0, r_top, r_x1, r_bottom = row.bbox
        band = placed[bisect_left(keys, r_top):bisect_left(keys, r_bottom)]
        # A row is bold when every character that starts in it is set in a bold face.
        printed = [c for c in by_top[bisect_left(tops, r_top):bisect_left(tops, r_bottom + 1e-9)]
                   if r_x0 <= c["x0"] <= r_x1 and c["text"].strip()]
        bold.append(bool(printed) and all(is_bold_font(c.get("fontname") or "") for c in printed))
        # None marks a column covered by a cell spanning from its left; a column under a cell
        # spanning rows from above is blank.
        cells: list[str | None] = [""] * (len(borders) - 1)
        for cell in row.cells:
            if cell is None:
                continue
            c0, c_top, c1, c_bottom = cell
            inside = [p[2] for p in band if c0 <= p[1] < c1 and c_top <= p[0] < c_bottom]
            text = cell_text(inside)
            first, last = _border(borders, c0), _border(borders, c1)
            if first == last:  # a sliver between two strokes of one border
                if text and first:
                    cells[first - 1] = f"{cells[first - 1] or ''} {text}".strip()
                continue
            cells[first] = f"{cells[first] or ''} {text}".strip()
            cells[first + 1 : last] = [None] * (last - first - 1)
        _fill_open_cells(cells, row, band, borders, table.cells)
        rows.append(cells)
    return rows, bold


def _clusters(values, tolerance: float) -> dict[float, int]:
    """Each value's cluster: sorted distinct values chained while each is within `tolerance` of the last."""
    index: dict[float, int] = {}
    k, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            k += 1
        index[v], last = k, v
    return index


def _joined(word: list[dict]) -> tuple[float, str]:
    """A word's top and its text, ligatures spelled out (as pdfplumber does)."""
    return min(c["top"] for c in word), "".join(LIGATURES.get(c["text"], c["text"]) for c in word)


def cell_text(chars: list[dict]) -> str:
    """A cell's text exactly as pdfplumber's `utils.extract_text` with its default settings gives it,
    computed directly: lines by top (within 3 pt, chained), characters by x0, a word ending at a blank
    character or a gap of more than 3 pt, words joined by a space and lines by a newline.
    pdfplumber's general word extractor costs a hundred times more on a cell of a few characters."""
    if not chars:
        return ""
    if not all(c["upright"] for c in chars):
        return pdfplumber.utils.extract_text(chars)
    x_tol, y_tol = DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE
    line_of = _clusters((c["top"] for c in chars), y_tol)
    lines: dict[int, list[dict]] = {}
    for c in chars:
        lines.setdefault(line_of[c["top"]], []).append(c)
    words: list[tuple[float, str]] = []  # (top, text) in the order pdfplumber makes them
    for k in sorted(lines):
        word: list[dict] = []
        for c in sorted(lines[k], key=lambda c: c["x0"]):
            if c["text"].isspace():
                if word:
                    words.append(_joined(word))
                word = []
                continue
            if word:
                last = word[-1]
                if c["x0"] < last["x0"] or c["x0"] > last["x1"] + x_tol or abs(c["top"] - last["top"]) > y_tol:
                    words.append(_joined(word))
                    word = []
            word.append(c)
        if word:
            words.append(_joined(word))
    line_of = _clusters((top for top, _ in words), y_tol)
    text_lines: dict[int, list[str]] = {}
    for top, text in words:
        text_lines.setdefault(line_of[top], []).append(text)
    return "\n".join(" ".join(text_lines[k]) for k in sorted(text_lines))


def _fill_open_cells(cells: list[str | None], row, band: list, borders: list[tuple[float, float]], boxes) -> None:
    """Text in a column of the row that no cell box of the table frames (a header label left
    unboxed over the first column, beside the boxed labels of the others) fills that column's
    empty slot."""
    r_top, r_bottom = row.bbox[1], row.bbox[3]
    for i, (_, left) in enumerate(borders[:-1]):
        right = borders[i + 1][0]
        if cells[i] != "":
            continue
        loose = [p[2] for p in band if left <= p[1] < right and r_top <= p[0] < r_bottom
                 and not any(b[0] <= p[1] < b[2] and b[1] <= p[0] < b[3] for b in boxes)]
        if loose:
            cells[i] = cell_text(loose)


def _borders(table) -> list[tuple[float, float]]:
    """The table's column borders: cell edges, those closer than SLIVER taken as one border."""
    xs = sorted({x for cell in table.cells for x in (cell[0], cell[2])})
    borders: list[list[float]] = []
    for x in xs:
        if borders and x - borders[-1][1] <= SLIVER:
            borders[-1][1] = x
        else:
            borders.append([x, x])
    return [(a, b) for a, b in borders]


def _border(borders: list[tuple[float, float]], x: float) -> int:
    return next(i for i, (a, b) in enumerate(borders) if a - 0.01 <= x <= b + 0.01)


def _rows_run_together(rows: list[list[str | None]]) -> bool:
    """True when cells of one row hold several lines each, in step across columns (rows with no rules between)."""
    for row in rows:
        counts = [len(c.split("\n")) for c in row if c]
        if len(counts) >= 2 and sorted(counts)[-2] >= 3 and counts.count(max(counts)) >= 2 and min(counts) >= 2:
            return True
    return False


def pdfium_edges(page, height: float) -> list[dict]:
    """Straight horizontal and vertical strokes of the page's paths, as pdfplumber edges."""
    edges = []
    x, y = ctypes.c_float(), ctypes.c_float()
    paths, white = [], []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        shows, box = _drawn(obj)
        if shows:
            paths.append((obj, len(white) if box else -1))
            if box:
                white.append(box)
    runs = _word_backgrounds(white)
    for obj, box_no in paths:
        m = obj.get_matrix()
        points: list[tuple[float, float, int, bool]] = []
        for k in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, k)
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
            points.append((px, height - py, pdfium_c.FPDFPathSegment_GetType(seg), bool(pdfium_c.FPDFPathSegment_GetClose(seg))))
        start = prev = None
        found: list[dict] = []
        for px, py, kind, close in points:
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO or prev is None:
                start = prev = (px, py)
                continue
            if kind == pdfium_c.FPDF_SEGMENT_LINETO:
                found.extend(_edge(prev, (px, py)))
            prev = (px, py)
            if close and start is not None:
                found.extend(_edge(prev, start))
                prev = start
        if box_no in runs:
            found = [dict(e, word_box=True) for e in found]
        edges.extend(found)
    return edges


TEXT_BOX = 20.0  # a white box no taller than a line or two of text may be the background of words


def _drawn(obj) -> tuple[bool, tuple[float, float, float, float] | None]:
    """Whether the path shows at all (stroked, or filled not clear), and its bounds when it is a low
    white box, which shows only against a darker fill under it."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)) or stroke.value:
        return True, None
    if not fill.value:
        return False, None
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a):
        return True, None
    if a.value == 0:
        return False, None
    left, bottom, right, top = obj.get_bounds()
    white_box = min(r.value, g.value, b.value) >= 250 and top - bottom <= TEXT_BOX
    return True, ((left, bottom, right, top) if white_box else None)


def _word_backgrounds(boxes: list[tuple[float, float, float, float]]) -> set[int]:
    """Low white boxes set edge to edge along one line: a word processor's box behind each run of
    words, or a spreadsheet's white cells (told apart by cutting words, see ruled_tables)."""
    runs = set()
    order = sorted(range(len(boxes)), key=lambda i: (round(boxes[i][1]), round(boxes[i][3]), boxes[i][0]))
    for i, j in zip(order, order[1:]):
        a, b = boxes[i], boxes[j]
        if abs(a[1] - b[1]) < 0.5 and abs(a[3] - b[3]) < 0.5 and abs(b[0] - a[2]) < 0.5:
            runs.update((i, j))
    return runs


def _edge(a: tuple[float, float], b: tuple[float, float]) -> list[dict]:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 0.5 and abs(x0 - x1) >= 0.5:
        left, right = sorted((x0, x1))
        return [{"x0": left, "x1": right, "top": y0, "bottom": y0, "width": right - left, "height": 0.0,
                 "orientation": "h", "object_type": "line"}]
    if abs(x0 - x1) < 0.5 and abs(y0 - y1) >= 0.5:
        top, bottom = sorted((y0, y1))
        return [{"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                 "orientation": "v", "object_type": "line"}]
    return []


class LitePage:
    """Just enough of a pdfplumber page (chars, edges, crop, tables) built from PDFium's objects."""

    def __init__(self, chars: list[dict], edges: list[dict], bbox: tuple[float, float, float, float]):
        self.chars, self.edges, self.bbox = chars, edges, bbox

    def crop(self, bbox) -> "LitePage":
        """Characters whose centre is inside the box, and edges clipped to it (as pdfplumber crops)."""
        x0, top, x1, bottom = bbox
        chars = [c for c in self.chars
                 if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        edges = []
        for e in self.edges:
            if e["x1"] < x0 or e["x0"] > x1 or e["bottom"] < top or e["top"] > bottom:
                continue
            clipped = dict(e, x0=max(e["x0"], x0), x1=min(e["x1"], x1), top=max(e["top"], top), bottom=min(e["bottom"], bottom))
            clipped["width"], clipped["height"] = clipped["x1"] - clipped["x0"], clipped["bottom"] - clipped["top"]
            edges.append(clipped)
        return LitePage(chars, edges, tuple(bbox))

    def extract_words(self, **kwargs) -> list[dict]:
        return pdfplumber.utils.extract_words(self.chars, **kwargs)

    def find_tables(self, table_settings=None) -> list:
        return TableFinder(self, table_settings).tables

    def find_table(self, table_settings=None):
        tables = self.find_tables(table_settings)
        return max(tables, key=lambda t: len(t.cells)) if tables else None
