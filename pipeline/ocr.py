"""Optical character recognition of page images with Tesseract, when it is installed."""

from __future__ import annotations

import os
import shutil
from functools import cache

from .models import Word

ENABLE_HINT = "install Tesseract to read them (Debian: apt-get install tesseract-ocr)"


@cache
def ocr_available() -> bool:
    """True when the tesseract binary and its Python wrapper are both present."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return True


def ocr_words(image, scale: float, lang: str = "eng") -> tuple[Word, ...]:
    """Words with their boxes in PDF points; `scale` is pixels per point of the rendered image."""
    import pytesseract

    # Ingest already runs one worker per core; Tesseract's own threads would only contend with them.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang=lang, output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or float(data["conf"][i]) < 30:
            continue
        x0, top = data["left"][i] / scale, data["top"][i] / scale
        width, height = data["width"][i] / scale, data["height"][i] / scale
        # Tesseract boxes hug the ink; a font size is about 1.4 times an x-height-to-cap box.
        words.append(Word(text, x0, x0 + width, top, top + height, round(max(height * 1.2, 1.0), 1), "OCR", False))
    return tuple(words)
