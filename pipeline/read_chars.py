"""A page's characters from PDFium's text layer: text, box, printed size and font, then words.

Called from read.py; the ctypes calls run once per character, so this is the hot loop of
ingest: text objects are compared by address and asked for their font once each.
"""

from __future__ import annotations

import ctypes
import math

import pypdfium2.raw as pdfium_c

from .models import Word
from .read_tables import is_bold_font

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


def pdfium_chars(page, height: float) -> list[Char | None]:
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


def char_dicts(chars: list[Char | None]) -> list[dict]:
    """The characters as pdfplumber's table finder takes them."""
    return [
        {"text": c[0], "x0": c[1], "x1": c[2], "top": c[3], "bottom": c[4], "doctop": c[3], "upright": True,
         "size": c[5], "fontname": c[6]}
        for c in chars if c is not None
    ]


def words_from_chars(chars: list[Char | None]) -> tuple[Word, ...]:
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
