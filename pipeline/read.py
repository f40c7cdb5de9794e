"""PDF -> pages of words with font, size and position (with read_tables.py, the only modules that use a PDF library)."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import logging
import math
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .errors import BrokenPdf, EmptyFile, EncryptedPdf, NotAFile, NotAPdf, TimeLimit, Unreadable
from .models import Bookmark, RawPage, Word
from .ocr import ocr_available, ocr_words
from .read_chars import char_dicts, pdfium_chars, words_from_chars
from .read_tables import LitePage, is_bold_font, pdfium_edges, ruled_tables

OCR_DPI = 300
# Pixels a page is rendered into for OCR: A2 at 300 dpi. A larger page is rendered at a lower
# resolution, so one 14400 pt page cannot take gigabytes as a bitmap.
OCR_PIXEL_BUDGET = 36_000_000

# pdfminer logs every recoverable oddity of a damaged file; the problems table says what matters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)



def open_regular(path: Path):
    """The file opened for reading; NotAFile for a FIFO, device or folder (opening a FIFO would wait
    for a writer for ever), Unreadable when it is gone or not readable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise NotAFile(f"{path.name}: a folder, not a file") from exc
        reason = "it no longer exists" if exc.errno == errno.ENOENT else exc.strerror
        raise Unreadable(f"{path.name}: cannot be read ({reason})") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
        raise NotAFile(f"{path.name}: {kind}, not a file; only regular files are read")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def file_sha256(path: Path) -> str:
    """Hash a file's bytes: the identity of a document (NotAFile or Unreadable when it has none)."""
    digest = hashlib.sha256()
    with open_regular(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_pdf_header(path: Path) -> None:
    """Raise EmptyFile or NotAPdf before handing the file to the PDF library."""
    with open_regular(path) as fh:
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
    ocr_threads: int = 1, notes: list[tuple[str, str]] | None = None,
) -> Iterator[RawPage]:
    """Yield every page's words; a page that cannot be read comes back with `error` set.

    Words come from PDFium's text layer; pdfplumber is opened only for pages drawn with
    ruling lines (to find their tables). A file PDFium cannot open is repaired by qpdf
    (pikepdf) and read again, with (code, message) added to `notes`, as is a stop at
    `max_pages`; pdfplumber reads the file when even that fails. Pages with no text layer are read with OCR when Tesseract is
    installed, up to `ocr_threads` pages at a time (Tesseract runs as its own process).
    TimeLimit is raised between pages once `time_limit` seconds have passed (and inside a
    page, from budget.deadline).
    """
    check_pdf_header(path)
    repaired = None
    try:
        doc = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _encrypted(path, password) from exc
        repaired = _repair(path, password)
        try:
            doc = pypdfium2.PdfDocument(str(repaired), password=password) if repaired else None
        except pypdfium2.PdfiumError:
            doc = None
        if doc is None:
            _unlink(repaired)
            yield from _read_with_pdfplumber(path, password, max_pages, time_limit, notes)
            return
        if notes is not None:
            notes.append(("repaired", f"{path.name}: damaged, PDFium cannot open it ({exc}); repaired by qpdf, "
                                      f"{len(doc)} pages read (a page cut short may have lost its text)"))
    try:
        yield from _read_pdfium(path, doc, max_pages, time_limit, ocr_threads, notes)
    finally:
        doc.close()
        _unlink(repaired)


def _repair(path: Path, password: str | None) -> Path | None:
    """A copy of the file rewritten by qpdf, which rebuilds a lost cross-reference table; None when qpdf cannot."""
    try:
        import pikepdf
    except ImportError:
        return None
    fd, name = tempfile.mkstemp(suffix=".pdf", prefix="agendapack-repair-")
    os.close(fd)
    try:
        with pikepdf.open(path, password=password or "") as pdf:
            pdf.save(name)
    except Exception:  # pikepdf raises its own and qpdf's many errors for files past repair
        _unlink(Path(name))
        return None
    return Path(name)


def _unlink(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _read_pdfium(path: Path, doc, max_pages: int | None, time_limit: float | None, ocr_threads: int,
                 notes: list | None) -> Iterator[RawPage]:
    started = time.monotonic()
    pending: list = []  # pages read so far, a scanned one as (RawPage, image, scale) until it is OCR'd
    pool = ThreadPoolExecutor(max_workers=max(1, ocr_threads)) if ocr_available() else None
    total = len(doc)
    try:
        for index in range(total):
            if max_pages is not None and index >= max_pages:
                _truncated(notes, path, max_pages, total)
                break
            try:
                _check_time(path, started, time_limit, index)
                page = _read_pdfium_page(doc, index, render=pool is not None)
            except TimeLimit:
                yield from _ocr_pending(pending, pool)  # the pages read by then are kept
                pending = []
                raise _time_limit(path, time_limit, index) from None
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
            pool.shutdown(cancel_futures=True)


def _truncated(notes: list | None, path: Path, max_pages: int, total: int) -> None:
    if notes is not None:
        notes.append(("max_pages", f"{path.name}: only the first {max_pages} of {total} pages were read (--max-pages)"))


def _time_limit(path: Path, time_limit: float | None, index: int) -> TimeLimit:
    kept = f"the {index} pages before it are kept" if index else "nothing was read"
    return TimeLimit(f"{path.name}: stopped at page {index + 1}: the time limit of {time_limit or 0:g} s was reached; "
                     f"{kept}", index + 1)


def _ocr_pending(pending: list, pool) -> Iterator[RawPage]:
    """Read the rendered scans among the pending pages (in parallel), then yield all in page order."""
    jobs = {i: pool.submit(ocr_words, p[1], p[2]) for i, p in enumerate(pending) if isinstance(p, tuple)}
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
        raise _time_limit(path, time_limit, index)


def _render_for_ocr(page, width: float, height: float):
    """The page as a grey image for OCR and its pixels per point: 300 dpi, or less within the pixel budget."""
    scale = min(OCR_DPI / 72, math.sqrt(OCR_PIXEL_BUDGET / max(1.0, width * height)))
    return page.render(scale=scale, grayscale=True).to_pil(), scale


def _read_pdfium_page(doc, index: int, render: bool):
    """One page's words and ruled tables; a page with no text comes with its image to OCR when `render`."""
    number = index + 1
    page = doc[index]
    try:
        width, height = (float(v) for v in page.get_size())
        chars = pdfium_chars(page, height)
        breaks: list[int] = []
        words = words_from_chars(chars, breaks)
        if not words:
            if not render:
                return RawPage(number, width, height)
            try:
                # Grey is read as well as colour, and faster.
                image, scale = _render_for_ocr(page, width, height)
            except Exception as exc:
                return RawPage(number, width, height, (), f"OCR failed: {type(exc).__name__}: {exc}"[:300])
            low = None if scale >= OCR_DPI / 72 else (f"a {width:.0f} x {height:.0f} pt page: read by OCR at "
                                                      f"{scale * 72:.0f} dpi, not {OCR_DPI}, to bound its image")
            return (RawPage(number, width, height, error=low), image, scale)
        found = ()
        if _has_rules(page):
            lite = LitePage(char_dicts(chars, breaks), pdfium_edges(page, height), (0, 0, width, height))
            found = ruled_tables(lite)
        return RawPage(number, width, height, words, tables=found)
    except TimeLimit:
        raise
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


def _read_with_pdfplumber(
    path: Path, password: str | None, max_pages: int | None, time_limit: float | None, notes: list | None = None
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
                _truncated(notes, path, max_pages, len(pages))
                break
            try:
                _check_time(path, started, time_limit, index)
            except TimeLimit:
                raise _time_limit(path, time_limit, index) from None
            number = index + 1
            try:
                width, height = float(page.width), float(page.height)
                raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
                words = tuple(_word(w) for w in raw if w["text"].strip())
                error = None if words else "no text, and the file is too damaged to render for OCR"
                yield RawPage(number, width, height, words, error, tables=ruled_tables(page))
            except TimeLimit:
                raise _time_limit(path, time_limit, index) from None
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


MAX_BOOKMARKS = 500


def read_bookmarks(path: Path, password: str | None = None) -> tuple[Bookmark, ...]:
    """The PDF's own outline (bookmarks) as (level, title, 1-based page); empty when it has none or
    it cannot be read: bookmarks are a hint checked against the pages, never needed."""
    try:
        doc = pypdfium2.PdfDocument(str(path), password=password)
    except Exception:
        return ()
    found = []
    try:
        for item in doc.get_toc(max_depth=4):
            dest = item.get_dest()
            index = dest.get_index() if dest is not None else None
            title = " ".join((item.get_title() or "").split())
            if index is not None and title:
                found.append(Bookmark(item.level, title, index + 1))
            if len(found) >= MAX_BOOKMARKS:
                break
    except Exception:
        return tuple(found)
    finally:
        doc.close()
    return tuple(found)
