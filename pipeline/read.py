"""PDF -> pages of words with font, size and position. The only module that imports a PDF library."""

from __future__ import annotations

import ctypes
import dataclasses
from bisect import bisect_left
import hashlib
import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
from pdfplumber.table import TableFinder
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .errors import BrokenPdf, EmptyFile, EncryptedPdf, NotAPdf, TimeLimit
from .models import RawPage, RawTable, Word
from .ocr import ocr_available, ocr_words

OCR_DPI = 300

# pdfminer logs every recoverable oddity of a damaged file; the problems table says what matters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")


def file_sha256(path: Path) -> str:
    """Hash a file's bytes: the identity of a document."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_pdf_header(path: Path) -> None:
    """Raise EmptyFile or NotAPdf before handing the file to the PDF library."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        raise EmptyFile(f"{path.name}: the file is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise NotAPdf(f"{path.name}: not a PDF (no %PDF- header in the first 1024 bytes)")


def is_bold_font(fontname: str) -> bool:
    """Tell bold faces by their PostScript name (`ABCDEF+Arial-BoldMT`)."""
    name = fontname.split("+", 1)[-1].lower()
    return any(marker in name for marker in BOLD_MARKERS)


def _word(raw: dict) -> Word:
    font = raw.get("fontname") or ""
    return Word(
        text=raw["text"],
        x0=float(raw["x0"]),
        x1=float(raw["x1"]),
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        size=round(float(raw.get("size") or 0.0), 2),
        font=font.split("+", 1)[-1],
        is_bold=is_bold_font(font),
    )


def _ruled_tables(page) -> tuple[RawTable, ...]:
    """Tables drawn with ruling lines, with the boldness of each row (a header is set in bold)."""
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
    return tuple(found)


def _cells(table) -> tuple[list[list[str | None]], list[bool]]:
    """The table's cell texts (as pdfplumber's Table.extract) and whether each row is all bold.

    Characters are sorted by their vertical middle once, so each row looks only at its own band.
    """
    def mid(c: dict, a: str, b: str) -> float:
        return (c[a] + c[b]) / 2

    x0, top, x1, bottom = table.bbox
    chars = sorted((c for c in table.page.chars if top - 1 <= mid(c, "top", "bottom") <= bottom + 1),
                   key=lambda c: mid(c, "top", "bottom"))
    keys = [mid(c, "top", "bottom") for c in chars]
    by_top = sorted(chars, key=lambda c: c["top"])
    tops = [c["top"] for c in by_top]
    rows, bold = [], []
    for row in table.rows:
        r_x0, r_top, r_x1, r_bottom = row.bbox
        band = chars[bisect_left(keys, r_top):bisect_left(keys, r_bottom)]
        # A row is bold when every character that starts in it is set in a bold face.
        printed = [c for c in by_top[bisect_left(tops, r_top):bisect_left(tops, r_bottom + 1e-9)]
                   if r_x0 <= c["x0"] <= r_x1 and c["text"].strip()]
        bold.append(bool(printed) and all(is_bold_font(c.get("fontname") or "") for c in printed))
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c0, c_top, c1, c_bottom = cell
            inside = [c for c in band if c0 <= mid(c, "x0", "x1") < c1 and c_top <= mid(c, "top", "bottom") < c_bottom]
            cells.append(pdfplumber.utils.extract_text(inside) if inside else "")
        rows.append(cells)
    return rows, bold


def _rows_run_together(rows: list[list[str | None]]) -> bool:
    """True when cells of one row hold several lines each, in step across columns (rows with no rules between)."""
    for row in rows:
        counts = [len(c.split("\n")) for c in row if c]
        if len(counts) >= 2 and sorted(counts)[-2] >= 3 and counts.count(max(counts)) >= 2 and min(counts) >= 2:
            return True
    return False


def _is_password_error(exc: BaseException) -> bool:
    seen = {exc, exc.__cause__, exc.__context__, *(a for a in getattr(exc, "args", ()) if isinstance(a, BaseException))}
    return any(isinstance(e, PDFPasswordIncorrect) for e in seen)


OCR_BATCH = 4  # scanned pages rendered ahead of reading them; bounds the memory their images take


def read_pdf(
    path: Path, password: str | None = None, max_pages: int | None = None, time_limit: float | None = None,
    ocr_threads: int = 1,
) -> Iterator[RawPage]:
    """Yield every page's words; a page that cannot be read comes back with `error` set.

    Words come from PDFium's text layer; pdfplumber is opened only for pages drawn with
    ruling lines (to find their tables), and reads the whole file when PDFium cannot open
    it. Pages with no text layer are read with OCR when Tesseract is installed, up to
    `ocr_threads` pages at a time (Tesseract runs as its own process). TimeLimit is raised
    between pages once `time_limit` seconds have passed.
    """
    check_pdf_header(path)
    try:
        doc = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf(
                f"{path.name}: encrypted; supply the password with --password" if not password
                else f"{path.name}: the password given does not open this file"
            ) from exc
        yield from _read_with_pdfplumber(path, password, max_pages, time_limit)
        return
    started = time.monotonic()
    pending: list = []  # pages read so far, a scanned one as (RawPage, image) until it is OCR'd
    pool = ThreadPoolExecutor(max_workers=max(1, ocr_threads)) if ocr_available() else None
    try:
        for index in range(len(doc)):
            if max_pages is not None and index >= max_pages:
                break
            try:
                _check_time(path, started, time_limit, index)
            except TimeLimit:
                yield from _ocr_pending(pending, pool)  # the pages read by then are kept
                raise
            pending.append(_read_pdfium_page(doc, index, render=pool is not None))
            if sum(isinstance(p, tuple) for p in pending) >= OCR_BATCH:
                yield from _ocr_pending(pending, pool)
                pending = []
        yield from _ocr_pending(pending, pool)
    finally:
        if pool is not None:
            pool.shutdown()
        doc.close()


def _ocr_pending(pending: list, pool) -> Iterator[RawPage]:
    """Read the rendered scans among the pending pages (in parallel), then yield all in page order."""
    jobs = {i: pool.submit(ocr_words, p[1], OCR_DPI / 72) for i, p in enumerate(pending) if isinstance(p, tuple)}
    for i, page in enumerate(pending):
        if i not in jobs:
            yield page
            continue
        raw = page[0]
        try:
            yield dataclasses.replace(raw, words=jobs[i].result(), is_ocr=True)
        except Exception as exc:
            yield dataclasses.replace(raw, error=f"OCR failed: {type(exc).__name__}: {exc}"[:300])


def _check_time(path: Path, started: float, time_limit: float | None, index: int) -> None:
    if time_limit is not None and time.monotonic() - started > time_limit:
        raise TimeLimit(f"{path.name}: stopped after {index} pages: the time limit of {time_limit:g} s was reached", index + 1)


def _read_pdfium_page(doc, index: int, render: bool):
    """One page's words and ruled tables; a page with no text comes with its image to OCR when `render`."""
    number = index + 1
    page = doc[index]
    try:
        width, height = (float(v) for v in page.get_size())
        chars = _pdfium_chars(page, height)
        words = _words_from_chars(chars)
        if not words:
            if not render:
                return RawPage(number, width, height)
            try:
                # Grey is read as well as colour, and faster.
                image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            except Exception as exc:
                return RawPage(number, width, height, (), f"OCR failed: {type(exc).__name__}: {exc}"[:300])
            return (RawPage(number, width, height), image)
        found = ()
        if _has_rules(page):
            lite = _LitePage([c for c in chars if c is not None], _pdfium_edges(page, height), (0, 0, width, height))
            found = _ruled_tables(lite)
        return RawPage(number, width, height, words, tables=found)
    except Exception as exc:
        return RawPage(number, 0.0, 0.0, (), f"{type(exc).__name__}: {exc}"[:300])
    finally:
        page.close()


def _has_rules(page) -> bool:
    """Three or more drawn rules (paths thinner than 2.5 pt and longer than 10 pt): the page may hold a ruled table.

    Only such pages are handed to pdfplumber, whose table finder costs far more than reading the text.
    """
    rules = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if min(right - left, top - bottom) < 2.5 and max(right - left, top - bottom) > 10:
            rules += 1
            if rules >= 3:
                return True
    return False


_NAME = ctypes.create_string_buffer(256)
_FLAGS = ctypes.c_int()


def _pdfium_chars(page, height: float) -> list[dict | None]:
    """PDFium's characters as pdfplumber-style dicts; None marks a break (a space, a line end)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        rect = pdfium_c.FS_RECTF()
        chars: list[dict | None] = []
        last_object, size, font = None, 0.0, ""
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            # PDFium reports a hyphen printed at the end of a line as U+0002 (or U+FFFE); it is printed as "-".
            char = "-" if code in (0x2, 0xFFFE) else (chr(code) if code else "")
            generated = pdfium_c.FPDFText_IsGenerated(raw, i) == 1
            if not char or char in "\r\n" or generated or (char.isspace() and char != " "):
                chars.append(None)
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
            top = height - rect.top
            # Characters of one text object share its font and size: ask PDFium once per object.
            text_object = pdfium_c.FPDFText_GetTextObject(raw, i)
            key = ctypes.cast(text_object, ctypes.c_void_p).value
            if key is None or key != last_object:
                last_object = key
                size = pdfium_c.FPDFText_GetFontSize(raw, i)
                pdfium_c.FPDFText_GetFontInfo(raw, i, _NAME, 256, _FLAGS)
                font = _NAME.value.decode("utf-8", "replace").split("+", 1)[-1]
            chars.append({
                "text": char, "x0": rect.left, "x1": rect.right, "top": top, "bottom": height - rect.bottom,
                "doctop": top, "upright": True, "size": size, "fontname": font,
            })
        return chars
    finally:
        textpage.close()


def _words_from_chars(chars: list[dict | None]) -> tuple[Word, ...]:
    """Words as pdfplumber groups characters: a break, a gap over 3 pt or a new line ends a word."""
    words: list[Word] = []
    cur: dict | None = None

    def flush() -> None:
        if cur is not None and cur["text"].strip():
            words.append(Word(cur["text"], cur["x0"], cur["x1"], cur["top"], cur["bottom"], round(cur["size"], 2),
                              cur["fontname"], is_bold_font(cur["fontname"])))

    for ch in chars:
        if ch is None or ch["text"] == " ":
            flush()
            cur = None
            continue
        if cur is not None and (abs(ch["top"] - cur["top"]) > 3 or ch["x0"] - cur["x1"] > 3 or ch["x0"] < cur["x0"] - 1):
            flush()
            cur = None
        if cur is None:
            cur = dict(ch)
        else:
            cur["text"] += ch["text"]
            cur["x1"] = max(cur["x1"], ch["x1"])
            cur["top"], cur["bottom"] = min(cur["top"], ch["top"]), max(cur["bottom"], ch["bottom"])
    flush()
    return tuple(words)


def _pdfium_edges(page, height: float) -> list[dict]:
    """Straight horizontal and vertical strokes of the page's paths, as pdfplumber edges."""
    edges = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        m = obj.get_matrix()
        points: list[tuple[float, float, int, bool]] = []
        for k in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, k)
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
            points.append((px, height - py, pdfium_c.FPDFPathSegment_GetType(seg), bool(pdfium_c.FPDFPathSegment_GetClose(seg))))
        start = prev = None
        for px, py, kind, close in points:
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO or prev is None:
                start = prev = (px, py)
                continue
            if kind == pdfium_c.FPDF_SEGMENT_LINETO:
                edges.extend(_edge(prev, (px, py)))
            prev = (px, py)
            if close and start is not None:
                edges.extend(_edge(prev, start))
                prev = start
    return edges


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


class _LitePage:
    """Just enough of a pdfplumber page (chars, edges, crop, tables) built from PDFium's objects."""

    def __init__(self, chars: list[dict], edges: list[dict], bbox: tuple[float, float, float, float]):
        self.chars, self.edges, self.bbox = chars, edges, bbox

    def crop(self, bbox) -> "_LitePage":
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
        return _LitePage(chars, edges, tuple(bbox))

    def extract_words(self, **kwargs) -> list[dict]:
        return pdfplumber.utils.extract_words(self.chars, **kwargs)

    def find_tables(self, table_settings=None) -> list:
        return TableFinder(self, table_settings).tables

    def find_table(self, table_settings=None):
        tables = self.find_tables(table_settings)
        return max(tables, key=lambda t: len(t.cells)) if tables else None


def _read_with_pdfplumber(
    path: Path, password: str | None, max_pages: int | None, time_limit: float | None
) -> Iterator[RawPage]:
    """The whole file through pdfminer, for files PDFium cannot open."""
    started = time.monotonic()
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        if _is_password_error(exc):
            raise EncryptedPdf(
                f"{path.name}: encrypted; supply the password with --password" if not password
                else f"{path.name}: the password given does not open this file"
            ) from exc
        raise BrokenPdf(f"{path.name}: cannot be opened as a PDF ({type(exc).__name__}: {exc})".strip()) from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise BrokenPdf(f"{path.name}: its page tree cannot be read ({type(exc).__name__})") from exc
        for index, page in enumerate(pages):
            if max_pages is not None and index >= max_pages:
                break
            _check_time(path, started, time_limit, index)
            number = index + 1
            try:
                width, height = float(page.width), float(page.height)
                raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
                words = tuple(_word(w) for w in raw if w["text"].strip())
                error = None if words else "no text, and the file is too damaged to render for OCR"
                yield RawPage(number, width, height, words, error if not words else None, tables=_ruled_tables(page))
            except Exception as exc:
                yield RawPage(number, 0.0, 0.0, (), f"{type(exc).__name__}: {exc}"[:300])
            finally:
                page.close()


def count_pages(path: Path, password: str | None = None) -> int:
    """Number of pages, for progress bars; 0 when the file cannot be opened."""
    try:
        doc = pypdfium2.PdfDocument(str(path), password=password)
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:
        return 0
