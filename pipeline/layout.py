"""Words -> lines; running headers, footers and page numbers set apart from the body."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .columns import gutters, parallel
from .models import Line, Page, RawPage, Word, merge_in_order, position as _position

MARGIN_SHARE = 0.09  # the top and bottom share of a page where running headers and footers live
EDGE_LINES = 3  # only this many lines at each end of a page can be furniture
PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*-)?$", re.IGNORECASE
)


def _overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    """Vertical overlap as a share of the shorter box."""
    inter = min(a_bottom, b_bottom) - max(a_top, b_top)
    shorter = max(min(a_bottom - a_top, b_bottom - b_top), 0.1)
    return inter / shorter


def _dominant(values: Iterable[tuple[object, int]]) -> object:
    """The value with the most weight (the first such, on a tie)."""
    counts: dict = {}
    for value, weight in values:
        counts[value] = counts.get(value, 0) + weight
    return max(counts, key=counts.__getitem__)


def _join_words(
    words: Sequence[Word], line_bottom: float, line_size: float
) -> tuple[str, tuple[str, ...], tuple[tuple[float, float], ...]]:
    """Join words left to right; superscripts stick to the word before, wide gaps split segments.

    Returns the text, the segments and each segment's left and right edges."""
    parts: list[str] = []
    segments: list[list[str]] = [[]]
    spans: list[list[float]] = [[words[0].x0, words[0].x1]] if words else []
    prev: Word | None = None
    for w in words:
        # A superscript is raised: its middle sits high on the line. Small capitals are smaller too, but sit
        # on the baseline (a tight glyph box may end above the line's box; its middle stays low).
        is_sup = (w.size < line_size * 0.85 and w.bottom < line_bottom - line_size * 0.2
                  and (w.top + w.bottom) / 2 < line_bottom - line_size * 0.6
                  and (prev is None or prev.size >= line_size * 0.85 or w.x0 - prev.x1 < prev.size * 0.1))
        if prev is not None:
            gap = w.x0 - prev.x1
            if gap > max(line_size, 6.0) * 1.2:
                segments.append([])
                spans.append([w.x0, w.x1])
            spans[-1][1] = max(spans[-1][1], w.x1)
            if is_sup and gap < line_size * 0.5:
                parts[-1] += w.text
                segments[-1][-1] += w.text
                prev = w
                continue
            if (_touch(prev, w, gap, line_size) or _continues(prev, w, gap)) and parts and segments[-1]:
                # Words that touch ("(" and the word it opens, a change of font mid-word) are one word;
                # a gap of a tenth of the size may be a narrow italic space, which the reader has seen.
                parts[-1] += w.text
                segments[-1][-1] += w.text
                prev = w
                continue
        parts.append(w.text)
        segments[-1].append(w.text)
        prev = w
    kept = [(" ".join(s), (x[0], x[1])) for s, x in zip(segments, spans) if s]
    return " ".join(parts), tuple(t for t, _ in kept), tuple(x for _, x in kept)


def _touch(prev: Word, w: Word, gap: float, line_size: float) -> bool:
    """Two words that touch are one: a bracket or stop and the word beside it, or a change of font
    mid-word. Two words of one font the reader kept apart had a space printed between them, however
    narrow (condensed type: 'of the' a hundredth of the size apart)."""
    if gap >= line_size * 0.02:
        return False
    if prev.text[-1] in ",;" and w.text[0].isalpha() and prev.font == w.font:
        return False  # a comma and the next word, boxes overlapping in wide-set type: the reader saw a space
    return prev.font != w.font or prev.size != w.size or not (prev.text[-1].isalnum() and w.text[0].isalnum())


def _continues(prev: Word, w: Word, gap: float) -> bool:
    """w goes on the word before it across a letter-spaced step: a small capital's letters after
    their full-size initial ('P' 'ecan'), a stop or comma after a letter-spaced word ('C ounty' ',')."""
    if gap > prev.size * 0.2:
        return False
    initial = len(prev.text) <= 2 and prev.text[0].isupper() and w.size < prev.size * 0.85 and w.text[0].islower()
    stop = w.text in (",", ";", ":", ".") and prev.text[-1].isalnum() and prev.size != w.size
    return initial or stop


def _fits_row(w: Word, row: Sequence[Word]) -> bool:
    """w can share a line with the row's words: it crosses none of them, and a word of its size sits on its baseline.

    Words that overlap across the page lie on different lines (a stamp over a name, a cell's second
    line beside a tall heading); so do words of one size whose baselines are apart.
    """
    # One pass over the row (this is called for every word of a page: kept to plain local arithmetic).
    wx0, wx1, ws, wb = w.x0, w.x1, w.size, w.bottom
    near, near_gap = row[0], float("inf")
    for u in row:
        ux0, ux1, us = u.x0, u.x1, u.size
        gap = max(ux0 - wx1, wx0 - ux1)
        if gap < 0:
            inter = min(wx1, ux1) - max(wx0, ux0)
            if inter > 0.3 * max(min(wx1 - wx0, ux1 - ux0), 0.1):
                return False
        big, small = (ws, us) if ws >= us else (us, ws)
        if small >= 0.8 * big and abs(wb - u.bottom) > 0.5 * big:
            return False
        if gap < near_gap:
            near, near_gap = u, gap
    # Small type set well apart from a taller heading, on a baseline of its own, is a line of its own (a
    # letterhead's address column beside the name); a superscript or small capital stands next to its word.
    apart = near_gap > 2 * max(ws, near.size)
    return not (apart and abs(w.bottom - near.bottom) > 0.5 * min(w.size, near.size))


_SPECKS = "_.,'`~-"


def _duplicate(w: Word, row: Sequence[Word]) -> bool:
    """The same word printed again on itself (a bold effect drawn twice): printed once to the eye;
    or a speck of punctuation inside another word's box (an OCR mark, an underline drawn as '_')."""
    if any(u.text == w.text and abs(u.x0 - w.x0) < 1.5 and abs(u.top - w.top) < 1.5 for u in row):
        return True
    return not w.text.strip(_SPECKS) and any(u.x0 <= w.x0 and w.x1 <= u.x1 and u.text != w.text for u in row)


def _rows(words: Iterable[Word]) -> list[list[Word]]:
    """Upright words grouped into rows by vertical overlap, each row left to right."""
    rows: list[list[Word]] = []
    bounds: list[list[float]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for i in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            top, bottom = bounds[i]
            if _overlap(w.top, w.bottom, top, bottom) >= 0.5:
                if _duplicate(w, rows[i]):
                    break
                if not _fits_row(w, rows[i]):
                    continue
                rows[i].append(w)
                bounds[i] = [min(top, w.top), max(bottom, w.bottom)]
                break
        else:
            rows.append([w])
            bounds.append([w.top, w.bottom])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


def _upright(w: Word) -> Word:
    """A turned word's box as if the page were turned to read it: along its line is x, across it y."""
    if w.turn == 1:
        return replace(w, x0=w.top, x1=w.bottom, top=-w.x1, bottom=-w.x0)
    return replace(w, x0=-w.bottom, x1=-w.top, top=w.x0, bottom=w.x1)


def _line(row: Sequence[Word], page: int, originals: Sequence[Word] | None = None) -> Line:
    """One row of words as a line; a turned row is read upright and keeps its words' boxes on the page."""
    size = float(_dominant((w.size, len(w.text)) for w in row))
    body = [w for w in row if w.size >= size * 0.85] or row
    text, segments, spans = _join_words(row, max(w.bottom for w in body), size)
    placed = originals or row
    return Line(
        page=page,
        text=text,
        x0=min(w.x0 for w in placed),
        x1=max(w.x1 for w in placed),
        top=min(w.top for w in (placed if originals else body)),
        bottom=max(w.bottom for w in (placed if originals else body)),
        size=size,
        is_bold=bool(_dominant((w.is_bold, len(w.text)) for w in row)),
        font=str(_dominant((w.font, len(w.text)) for w in row)),
        segments=segments,
        segment_spans=() if originals else spans,
        words=tuple(placed),
    )


def find_lines(words: Sequence[Word], page: int, aside: list[Line] | None = None) -> list[Line]:
    """Group words into lines, in reading order: top to bottom, and a page's columns of running text
    one after the other (columns.py); text turned up or down the page is read in its direction.
    Given `aside`, the column of a bilingual page that is not in English goes there (columns.parallel)."""
    rows = _rows(w for w in words if not w.turn)
    turned_lines = []
    for turn in (1, -1):
        turned = {_upright(w): w for w in words if w.turn == turn}
        turned_lines += [_line(row, page, [turned[w] for w in row]) for row in _rows(turned)]
    rows.sort(key=lambda row: min(w.top for w in row))
    size = float(_dominant((w.size, len(w.text)) for w in words)) if words else 0.0
    found = gutters(rows, size)
    if not found:
        return sorted([_line(row, page) for row in rows] + turned_lines, key=_position)
    return merge_in_order(_column_lines(rows, found, page, aside), sorted(turned_lines, key=_position))


def _column_lines(rows: list[list[Word]], found: list[tuple[int, int, tuple[float, float]]], page: int,
                  aside: list[Line] | None = None) -> list[Line]:
    """Rows above, between and below the column regions as lines; each region's columns left to right,
    each read top to bottom (gutters whose rows overlap make one region of several columns). Given
    `aside`, a region's column that translates the other goes there; once one region of the page
    is seen to be bilingual, its other two-column regions are read the same way."""
    regions: list[list] = []
    for start, end, band in found:
        if regions and start < regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
            regions[-1][2].append(band)
        else:
            regions.append([start, end, [band]])
    lines: list[Line] = []
    i = 0
    side: int | None = None  # the column set aside on this page, once a region showed it bilingual
    for start, end, bands in regions:
        lines += [_line(row, page) for row in rows[i:start]]
        cuts = sorted((a + b) / 2 for a, b in bands)
        columns: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
        for row in rows[start:end]:
            for w in row:
                middle = (w.x0 + w.x1) / 2
                columns[sum(middle > c for c in cuts)].append(w)
        read = [sorted((_line(row, page) for row in _rows(column) if row), key=_position) for column in columns]
        other = parallel(read) if aside is not None else None
        side = other if other is not None else (side if len(read) == 2 else None)
        for k, column_lines in enumerate(read):
            (aside if side is not None and k == side else lines).extend(column_lines)
        i = end
    return lines + [_line(row, page) for row in rows[i:]]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _edge_lines(lines: Sequence[Line], height: float) -> list[Line]:
    """Lines that sit in the top or bottom margin and among the first or last few of the page."""
    top_zone, bottom_zone = height * MARGIN_SHARE, height * (1 - MARGIN_SHARE)
    edges = [ln for ln in lines[:EDGE_LINES] if ln.bottom <= top_zone]
    edges += [ln for ln in lines[-EDGE_LINES:] if ln.top >= bottom_zone and ln not in edges]
    return edges


def find_pages(raw_pages: Sequence[RawPage]) -> list[Page]:
    """Lay out every page and move running headers, footers and page numbers out of the body."""
    asides: list[list[Line]] = [[] for _ in raw_pages]
    laid = [(raw, find_lines(raw.words, raw.number, aside)) for raw, aside in zip(raw_pages, asides)]
    counts: Counter = Counter()
    for raw, lines in laid:
        counts.update({_furniture_key(ln.text) for ln in _edge_lines(lines, raw.height)})
    n_pages = len(laid)

    def repeated(key: str) -> bool:
        n = counts[key]
        return n >= 3 or (n >= 2 and n_pages <= 4)

    pages = []
    for (raw, lines), aside in zip(laid, asides):
        furniture = [
            ln for ln in _edge_lines(lines, raw.height)
            if PAGE_NUMBER.match(ln.text.strip()) or repeated(_furniture_key(ln.text))
        ]
        body = tuple(ln for ln in lines if ln not in furniture)
        # A translation column stays in the page's text (searchable) but out of the body the facts are read from.
        furniture = sorted([*furniture, *aside], key=_position)
        pages.append(Page(raw.number, raw.width, raw.height, body, tuple(furniture), raw.is_ocr, raw.error, raw.tables))
    return pages


def body_size(lines: Iterable[Line]) -> float:
    """The font size most of the text is set in."""
    counts: Counter = Counter()
    for ln in lines:
        counts[round(ln.size, 1)] += len(ln.text)
    return float(counts.most_common(1)[0][0]) if counts else 0.0
