"""A page's characters from PDFium's text layer: text, box, printed size and font, then words.

Called from read.py; the ctypes calls run once per character, so this is the hot loop of
ingest: text objects are compared by address and asked for their font once each.
"""

from __future__ import annotations

import ctypes
import math

import pypdfium2.raw as pdfium_c

from .models import Word
from .read_spacing import SOFT, Char, join_letter_spacing, soften
from .read_tables import is_bold_font

_NAME = ctypes.create_string_buffer(256)
_FLAGS = ctypes.c_int()
_CHAR_MATRIX = pdfium_c.FS_MATRIX()


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



def _direction(matrix) -> int:
    """How a text object's matrix turns its text: upright, or a quarter turn either way."""
    a, b = matrix.a, matrix.b
    if abs(b) <= abs(a):
        return 0
    return -1 if b > 0 else 1


def pdfium_chars(page, height: float) -> list[Char | None]:
    """PDFium's characters in reading order; None marks a break (a generated space, a line end)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        address = ctypes.cast(raw, ctypes.c_void_p)
        rect, sizes = pdfium_c.FS_RECTF(), _Sizes(page)
        chars: list[Char | None] = []
        last_object, size, font, turn = None, 0.0, "", 0
        count = textpage.count_chars()
        x0, y0, x1, y1 = page.get_bbox()
        for i in range(count):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            # PDFium reports a hyphen printed at the end of a line as U+0002 (or U+FFFE); it is printed as "-".
            # Any other control code is a glyph with no text behind it (a signature in a font the file
            # does not map to Unicode): nothing a reader can read, so a break.
            if code in (0x2, 0xFFFE):  # a hyphen follows a letter; among other control codes it is a glyph
                char = "-" if i and pdfium_c.FPDFText_GetUnicode(raw, i - 1) >= 0x20 else ""
            else:
                char = chr(code) if code >= 0x20 or chr(code).isspace() else ""
            # A space printed in the file ends a word and is kept for table cells; the spaces and line
            # ends PDFium generates itself, and other white space, are only breaks.
            if not char or (char.isspace() and (char != " " or pdfium_c.FPDFText_IsGenerated(raw, i) == 1)):
                # A space PDFium adds between characters of a line may fall inside tracked text (`Hal l`).
                chars.append(SOFT if char == " " else None)
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
            if rect.top <= y0 or rect.bottom >= y1 or rect.right <= x0 or rect.left >= x1:
                chars.append(None)  # drawn off the page (outside its visible box): not printed
                continue
            # Characters of one text object share its font, size and turn: ask PDFium once per object.
            text_object = _text_object(address, i)
            if text_object is None or text_object != last_object:
                last_object = text_object
                size = sizes.size(raw, i, text_object, rect.top - rect.bottom)
                # The character's whole matrix (forms around it included) tells which way it reads.
                turn = _direction(_CHAR_MATRIX) if pdfium_c.FPDFText_GetMatrix(raw, i, _CHAR_MATRIX) else 0
                pdfium_c.FPDFText_GetFontInfo(raw, i, _NAME, 256, _FLAGS)
                font = _NAME.value.decode("utf-8", "replace").split("+", 1)[-1]
            chars.append((char, rect.left, rect.right, height - rect.top, height - rect.bottom, size, font, turn))
        return chars
    finally:
        textpage.close()


def char_dicts(chars: list[Char | None]) -> list[dict]:
    """The characters as pdfplumber's table finder takes them."""
    return [
        {"text": c[0], "x0": c[1], "x1": c[2], "top": c[3], "bottom": c[4], "doctop": c[3], "upright": True,
         "size": c[5], "fontname": c[6]}
        for c in chars if c is not None and c is not SOFT
    ]


# A gap wider than this share of the font size between two characters is a word space: character boxes
# span the glyphs' advance widths, so the letters of a word touch (as poppler, 0.1 of the size).
WORD_GAP = 0.1


def _along(ch: Char) -> tuple[float, float, float, float]:
    """A character's box turned upright: (start, end) along its reading direction, (top, bottom) across it."""
    turn = ch[7]
    if turn == 0:
        return ch[1], ch[2], ch[3], ch[4]
    if turn == 1:  # reads downwards: its line runs down the page, its top is on the right
        return ch[3], ch[4], -ch[2], -ch[1]
    return -ch[4], -ch[3], ch[1], ch[2]


def _page_box(turn: int, start: float, end: float, top: float, bottom: float) -> tuple[float, float, float, float]:
    """An upright (start, end, top, bottom) box back on the page as (x0, x1, top, bottom)."""
    if turn == 0:
        return start, end, top, bottom
    if turn == 1:
        return -bottom, -top, start, end
    return top, bottom, -end, -start


def words_from_chars(chars: list[Char | None]) -> tuple[Word, ...]:
    """Characters grouped into words in their own reading direction, by their own gaps.

    A break (a printed or generated space, a line end), a turn, a step off the line or a gap
    wider than a quarter of the font size ends a run of characters; a run is then cut where a
    gap is wider than its letters' usual gap by WORD_GAP of the size (a space PDFium did not
    report); then runs of single characters at one even spacing (a letter-spaced heading,
    `A G E N D A`) are joined into words.
    """
    words: list[Word] = []
    bold: dict[str, bool] = {}
    run: list[tuple[float, float, float, float, str]] = []
    size, font, turn = 0.0, "", 0

    def close() -> None:
        if font not in bold:
            bold[font] = is_bold_font(font)
        for part in _cut(run, size):
            x0, x1, y0, y1 = _page_box(turn, part[0][0], max(c[1] for c in part),
                                       min(c[2] for c in part), max(c[3] for c in part))
            words.append(Word("".join(c[4] for c in part), x0, x1, y0, y1, round(size, 2), font, bold[font], turn))

    softened, tracked = soften(chars)
    for k, ch in enumerate(softened):
        if ch is not None and ch[0] == " ":
            ch = None
        if ch is not None and run and ch[7] == turn:
            # The hot loop of reading: plain comparisons instead of min()/max() calls.
            c0, c1, ctop, cbottom = (ch[1], ch[2], ch[3], ch[4]) if turn == 0 else _along(ch)
            last = run[-1]
            # On the line: the character lies mostly within the first one's height (a small capital
            # or a superscript does too).
            first = run[0]
            ftop, fbottom = first[2], first[3]
            shared = (cbottom if cbottom < fbottom else fbottom) - (ctop if ctop > ftop else ftop)
            ch_height, first_height = cbottom - ctop, fbottom - ftop
            on_line = shared >= 0.5 * (ch_height if ch_height < first_height else first_height)
            # Across a generated space inside tracked text the gap is the letter spacing, however wide.
            near = k in tracked or c0 - last[1] <= (size if size > ch[5] else ch[5]) * 0.25
            if on_line and near and c0 >= first[0] - 1:
                run.append((c0, c1 if c1 > last[1] else last[1], ctop, cbottom, ch[0]))
                continue
        if run:
            close()
        run = []
        if ch is not None:
            size, font, turn = ch[5], ch[6], ch[7]
            run.append((*_along(ch), ch[0]))
    if run:
        close()
    return tuple(join_letter_spacing(words))


def _cut(run: list[tuple[float, float, float, float, str]], size: float) -> list[list]:
    """A run of characters cut at its word gaps: gaps wider than its letters' middle gap by WORD_GAP of the
    size; and before a leader of three or more dots after a letter."""
    if len(run) < 2:
        return [run]
    gaps = [b[0] - a[1] for a, b in zip(run, run[1:])]
    usual = sorted(gaps)[(len(gaps) - 1) // 2]  # the lower middle: of two gaps, the letter one
    limit = max(usual, 0.0) + WORD_GAP * size
    parts = [[run[0]]]
    for k, (gap, c) in enumerate(zip(gaps, run[1:]), 1):
        # A leader of dots after a word (a contents line: `Budgets.......22`) is not part of the word.
        leader = c[4] == "." and run[k - 1][4].isalpha() and "".join(x[4] for x in run[k:k + 3]) == "..."
        if gap > limit or leader:
            parts.append([c])
        else:
            parts[-1].append(c)
    return parts


