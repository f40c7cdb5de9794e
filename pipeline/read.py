"""PDF -> pages of words with font, size and position (with read_tables.py, the only modules that use a PDF library)."""

from __future__ import annotations

import ctypes
import dataclasses
import hashlib
import logging
import math
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .errors import BrokenPdf, EmptyFile, EncryptedPdf, NotAPdf, TimeLimit
from .models import RawPage, Word
from .ocr import ocr_available, ocr_words
from .read_tables import LitePage, is_bold_font, pdfium_edges, ruled_tables

OCR_DPI = 300

# pdfminer logs every recoverable oddity of a damaged file; the problems table says what matters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)



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


def _encrypted(path: Path, password: str | None) -> EncryptedPdf:
    return EncryptedPdf(
        f"{path.name}: encrypted; supply the password with --password" if not password
        else f"{path.name}: the password given does not open this file"
    )


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
            raise _encrypted(path, password) from exc
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
            page = _read_pdfium_page(doc, index, render=pool is not None)
            if not pending and not isinstance(page, tuple):
                yield page  # no scan waiting for OCR: the page goes on at once
                continue
            pending.append(page)
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
            lite = LitePage(_char_dicts(chars), pdfium_edges(page, height), (0, 0, width, height))
            found = ruled_tables(lite)
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
    # Top-level paths only, as pdfium_edges reads: a rule inside a form object would give no edge.
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if min(right - left, top - bottom) < 2.5 and max(right - left, top - bottom) > 10:
            rules += 1
            if rules >= 3:
                return True
    return False


_NAME = ctypes.create_string_buffer(256)
_FLAGS = ctypes.c_int()


def _bind(function, restype, *argtypes):
    """A PDFium function taking and returning plain addresses, so objects compare without a ctypes cast."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_text_object = _bind(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_object_matrix = _bind(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(pdfium_c.FS_MATRIX))


def _form_scales(page) -> dict[int, tuple[float, float, float, float]]:
    """The linear part of the form XObject matrices around each text object inside a form.

    A text object's own matrix is relative to the form it is drawn in; the form's matrix
    (a logo or a whole page placed at half size, say) scales it again on the page.
    """
    scales: dict[int, tuple[float, float, float, float]] = {}
    matrix = pdfium_c.FS_MATRIX()

    def walk(count, get, container, outer: tuple[float, float, float, float] | None) -> None:
        for k in range(count(container)):
            obj = get(container, k)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
                a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
                if outer is not None:  # this form's matrix, then the forms around it
                    oa, ob, oc, od = outer
                    a, b, c, d = a * oa + b * oc, a * ob + b * od, c * oa + d * oc, c * ob + d * od
                walk(pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj, (a, b, c, d))
            elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT and outer is not None:
                scales[ctypes.cast(obj, ctypes.c_void_p).value] = outer

    walk(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, None)
    return scales


class _Sizes:
    """The size each text object is printed at, as pdfplumber measures it: the font size scaled by
    the text matrix (a file may set size 1 and scale its matrix instead) and by the forms around it.

    PDFium's loose character box spans the font's ascent to descent on the page; when it is far
    from the size the text matrix gives, the object sits in a scaled form, which is then looked up.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.forms: dict | None = None
        self.matrix = pdfium_c.FS_MATRIX()

    def size(self, raw, i: int, text_object: int | None, box_height: float) -> float:
        size = pdfium_c.FPDFText_GetFontSize(raw, i)
        m = self.matrix
        if text_object is None or not _object_matrix(text_object, m):
            return size
        c, d = m.c, m.d
        if size > 0 and not 0.75 <= box_height / (size * math.hypot(c, d) or 1) <= 1.6:
            if self.forms is None:
                self.forms = _form_scales(self.page)
            if text_object in self.forms:
                fa, fb, fc, fd = self.forms[text_object]
                c, d = c * fa + d * fc, c * fb + d * fd
        return size * math.hypot(c, d)


# A character read from PDFium: text, x0, x1, top, bottom, size, font name; None marks a break.
# A printed space is a character too (table cells keep it), and a break between words.
Char = tuple[str, float, float, float, float, float, str]


def _pdfium_chars(page, height: float) -> list[Char | None]:
    """PDFium's characters in reading order; None marks a break (a generated space, a line end)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        address = ctypes.cast(raw, ctypes.c_void_p)
        rect, sizes = pdfium_c.FS_RECTF(), _Sizes(page)
        chars: list[Char | None] = []
        last_object, size, font = None, 0.0, ""
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            # PDFium reports a hyphen printed at the end of a line as U+0002 (or U+FFFE); it is printed as "-".
            char = "-" if code in (0x2, 0xFFFE) else (chr(code) if code else "")
            # A space printed in the file ends a word and is kept for table cells; the spaces and line
            # ends PDFium generates itself, and other white space, are only breaks.
            if not char or (char.isspace() and (char != " " or pdfium_c.FPDFText_IsGenerated(raw, i) == 1)):
                chars.append(None)
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
            # Characters of one text object share its font and size: ask PDFium once per object.
            text_object = _text_object(address, i)
            if text_object is None or text_object != last_object:
                last_object = text_object
                size = sizes.size(raw, i, text_object, rect.top - rect.bottom)
                pdfium_c.FPDFText_GetFontInfo(raw, i, _NAME, 256, _FLAGS)
                font = _NAME.value.decode("utf-8", "replace").split("+", 1)[-1]
            chars.append((char, rect.left, rect.right, height - rect.top, height - rect.bottom, size, font))
        return chars
    finally:
        textpage.close()


def _char_dicts(chars: list[Char | None]) -> list[dict]:
    """The characters as pdfplumber's table finder takes them."""
    return [
        {"text": c[0], "x0": c[1], "x1": c[2], "top": c[3], "bottom": c[4], "doctop": c[3], "upright": True,
         "size": c[5], "fontname": c[6]}
        for c in chars if c is not None
    ]


def _words_from_chars(chars: list[Char | None]) -> tuple[Word, ...]:
    """Words as pdfplumber groups characters: a break, a gap over 3 pt or a new line ends a word."""
    words: list[Word] = []
    bold: dict[str, bool] = {}
    text = ""
    x0 = x1 = top = bottom = size = 0.0
    font = ""
    for ch in chars:
        if ch is not None and ch[0] == " ":
            ch = None
        if ch is not None and text and abs(ch[3] - top) <= 3 and ch[1] - x1 <= 3 and ch[1] >= x0 - 1:
            text += ch[0]
            x1, top, bottom = max(x1, ch[2]), min(top, ch[3]), max(bottom, ch[4])
            continue
        if text:
            if font not in bold:
                bold[font] = is_bold_font(font)
            words.append(Word(text, x0, x1, top, bottom, round(size, 2), font, bold[font]))
        text = ""
        if ch is not None:
            text, x0, x1, top, bottom, size, font = ch
    if text:
        words.append(Word(text, x0, x1, top, bottom, round(size, 2), font, is_bold_font(font)))
    return tuple(words)


def _read_with_pdfplumber(
    path: Path, password: str | None, max_pages: int | None, time_limit: float | None
) -> Iterator[RawPage]:
    """The whole file through pdfminer, for files PDFium cannot open."""
    started = time.monotonic()
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        if _is_password_error(exc):
            raise _encrypted(path, password) from exc
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
                yield RawPage(number, width, height, words, error, tables=ruled_tables(page))
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
