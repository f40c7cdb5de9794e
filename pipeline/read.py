"""PDF -> pages of words with font, size and position. The only module that imports a PDF library."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdfium2
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
        rows = table.extract()
        if _rows_run_together(rows):
            # Rules around blocks but none between rows: take the rows from the text lines instead.
            table = page.crop(table.bbox).find_table({"vertical_strategy": "lines", "horizontal_strategy": "text"}) or table
            rows = table.extract()
        width = max(len(r) for r in rows)
        if len(rows) < 2 or (width < 2 and len(rows) < 3):
            continue  # a single box is a frame, not a table; a boxed list of three or more is
        bold_rows = []
        for row in table.rows:
            x0, top, x1, bottom = row.bbox
            chars = [c for c in page.chars if x0 <= c["x0"] <= x1 and top <= c["top"] <= bottom and c["text"].strip()]
            bold_rows.append(bool(chars) and all(is_bold_font(c.get("fontname") or "") for c in chars))
        cells = tuple(tuple(None if c is None else " ".join(c.split()) for c in r) for r in rows)
        found.append(RawTable(tuple(float(v) for v in table.bbox), cells, tuple(bold_rows)))
    return tuple(found)


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


def _ocr_page(path: Path, index: int, password: str | None, cache: dict) -> tuple[Word, ...]:
    """Render one page with PDFium and read it with Tesseract."""
    if "doc" not in cache:
        cache["doc"] = pypdfium2.PdfDocument(str(path), password=password)
    page = cache["doc"][index]
    try:
        scale = OCR_DPI / 72
        image = page.render(scale=scale).to_pil()
        return ocr_words(image, scale)
    finally:
        page.close()


def read_pdf(
    path: Path, password: str | None = None, max_pages: int | None = None, time_limit: float | None = None
) -> Iterator[RawPage]:
    """Yield every page's words; a page that cannot be read comes back with `error` set.

    Pages with no text layer are read with OCR when Tesseract is installed. TimeLimit is
    raised between pages once `time_limit` seconds have passed.
    """
    check_pdf_header(path)
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
    rendered: dict = {}
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise BrokenPdf(f"{path.name}: its page tree cannot be read ({type(exc).__name__})") from exc
        for index, page in enumerate(pages):
            if max_pages is not None and index >= max_pages:
                break
            if time_limit is not None and time.monotonic() - started > time_limit:
                raise TimeLimit(f"{path.name}: stopped after {index} pages: the time limit of {time_limit:g} s was reached", index + 1)
            number = index + 1
            try:
                width, height = float(page.width), float(page.height)
            except Exception:
                width, height = 0.0, 0.0
            try:
                raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
                words = tuple(_word(w) for w in raw if w["text"].strip())
                if not words and ocr_available():
                    try:
                        yield RawPage(number, width, height, _ocr_page(path, index, password, rendered), is_ocr=True)
                    except Exception as exc:
                        yield RawPage(number, width, height, (), f"OCR failed: {type(exc).__name__}: {exc}"[:300])
                    continue
                yield RawPage(number, width, height, words, tables=_ruled_tables(page))
            except Exception as exc:
                yield RawPage(number, width, height, (), f"{type(exc).__name__}: {exc}"[:300])
            finally:
                page.close()
    if "doc" in rendered:
        rendered["doc"].close()


def count_pages(path: Path, password: str | None = None) -> int:
    """Number of pages, for progress bars; 0 when the file cannot be opened."""
    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            return len(pdf.pages)
    except Exception:
        return 0
