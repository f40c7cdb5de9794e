"""PDF -> pages of words with font, size and position. The only module that imports a PDF library."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .errors import BrokenPdf, EmptyFile, EncryptedPdf, NotAPdf
from .models import RawPage, Word

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


def read_pdf(path: Path, password: str | None = None, max_pages: int | None = None) -> Iterator[RawPage]:
    """Yield every page's words; a page that cannot be read comes back with `error` set."""
    check_pdf_header(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PDFPasswordIncorrect as exc:
        raise EncryptedPdf(
            f"{path.name}: encrypted; supply the password with --password" if not password
            else f"{path.name}: the password given does not open this file"
        ) from exc
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise BrokenPdf(f"{path.name}: cannot be opened as a PDF ({type(exc).__name__}: {exc})".strip()) from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise BrokenPdf(f"{path.name}: its page tree cannot be read ({type(exc).__name__})") from exc
        for index, page in enumerate(pages):
            if max_pages is not None and index >= max_pages:
                break
            number = index + 1
            try:
                width, height = float(page.width), float(page.height)
            except Exception:
                width, height = 0.0, 0.0
            try:
                raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
                words = tuple(_word(w) for w in raw if w["text"].strip())
                yield RawPage(number, width, height, words)
            except Exception as exc:
                yield RawPage(number, width, height, (), f"{type(exc).__name__}: {exc}"[:300])
            finally:
                page.close()


def count_pages(path: Path, password: str | None = None) -> int:
    """Number of pages, for progress bars; 0 when the file cannot be opened."""
    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            return len(pdf.pages)
    except Exception:
        return 0
