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


# The calls made once per character, bound without argument types: ctypes then passes the text page
# (a c_void_p), the index (an int) and the box (byref) as they are, at about half the cost of converting.
def _bare(function, restype):
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


_loose_box = _bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_char_object = _bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_size_t)  # an address; 0 for none
_unicode = _bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_is_generated = _bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_get_text = _bare(pdfium_c.FPDFText_GetText, ctypes.c_int)


# Code points above the space that are white space (U+00A0, U+2003, U+3000...): the last is U+3000.
_WHITE_SPACE = frozenset(c for c in range(0x21, 0x3001) if chr(c).isspace())


def page_codes(address: ctypes.c_void_p, count: int) -> list[int]:
    """Every character's code point, read in one call; one call per character where the bulk text
    cannot stand in for them (control codes, which the bulk text reports differently, or characters
    beyond the Basic Multilingual Plane, which it splits in two)."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    _get_text(address, 0, count, ctypes.byref(buffer))
    codes = list(memoryview(buffer.raw[: 2 * count]).cast("H"))
    if any(c < 0x20 and c not in (0xA, 0xD) for c in codes) or any(c >= 0xD800 and (c < 0xE000 or c >= 0xFFFE) for c in codes):
        return [_unicode(address, i) for i in range(count)]
    return codes


def pdfium_chars(page, height: float) -> list[Char | None]:
    """PDFium's characters in reading order; None marks a break (a generated space, a line end)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        address = ctypes.cast(raw, ctypes.c_void_p)
        rect, sizes = pdfium_c.FS_RECTF(), _Sizes(page)
        rect_at = ctypes.byref(rect)
        chars: list[Char | None] = []
        append = chars.append
        last_object, size, font, turn = None, 0.0, "", 0
        count = textpage.count_chars()
        codes = page_codes(address, count)
        x0, y0, x1, y1 = page.get_bbox()
        for i, code in enumerate(codes):
            if code > 0x20 and code != 0xFFFE:  # the common case first: a printed character
                if code in _WHITE_SPACE:
                    append(None)  # white space other than a space (a no-break space, an em space): a break
                    continue
                char = chr(code)
            elif code == 0x20:
                # A space printed in the file ends a word and is kept for table cells; the spaces and line
                # ends PDFium generates itself are only breaks (a space it adds between characters of a
                # line may fall inside tracked text, `Hal l`).
                if _is_generated(address, i) == 1:
                    append(SOFT)
                    continue
                char = " "
            elif code in (0x2, 0xFFFE):
                # PDFium reports a hyphen printed at the end of a line as U+0002 (or U+FFFE); it is printed as
                # "-" after a letter; among other control codes it is a glyph with no text behind it.
                char = "-" if i and codes[i - 1] >= 0x20 else ""
            else:
                # Other white space is a break; any other control code is a glyph with no text behind it
                # (a signature in a font the file does not map to Unicode): nothing a reader can read.
                char = ""
            if not char:
                append(None)
                continue
            _loose_box(address, i, rect_at)
            left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
            if top <= y0 or bottom >= y1 or right <= x0 or left >= x1:
                append(None)  # drawn off the page (outside its visible box): not printed
                continue
            # Characters of one text object share its font, size and turn: ask PDFium once per object.
            text_object = _char_object(address, i)
            if not text_object or text_object != last_object:
                last_object = text_object
                size = sizes.size(raw, i, text_object or None, top - bottom)
                # The character's whole matrix (forms around it included) tells which way it reads.
                turn = _direction(_CHAR_MATRIX) if pdfium_c.FPDFText_GetMatrix(raw, i, _CHAR_MATRIX) else 0
                pdfium_c.FPDFText_GetFontInfo(raw, i, _NAME, 256, _FLAGS)
                font = _NAME.value.decode("utf-8", "replace").split("+", 1)[-1]
            append((char, left, right, height - top, height - bottom, size, font, turn))
        return chars
    finally:
        textpage.close()


def char_dicts(chars: list[Char | None], breaks: list[int] | None = None) -> list[dict]:
    """The characters as pdfplumber's table finder takes them, with a space where PDFium saw a word
    space that prints no glyph (a table cell's words then stay apart however tight the type).
    `breaks`: the generated spaces soften kept as breaks, when words_from_chars has found them."""
    if breaks is None:
        breaks = []
        soften(chars, breaks)
    spaces = {k for k in breaks if 0 < k < len(chars) - 1}
    out = []
    for k, c in enumerate(chars):
        if k in spaces:
            a, b = chars[k - 1], chars[k + 1]
            if a is None or b is None or a is SOFT or b is SOFT or a[7] or b[7] or b[1] < a[2]:
                continue
            c = (" ", a[2], b[1], a[3], a[4], a[5], a[6], 0)  # between the two, on the first one's line
        elif c is None or c is SOFT:
            continue
        out.append({"text": c[0], "x0": c[1], "x1": c[2], "top": c[3], "bottom": c[4], "doctop": c[3],
                    "upright": True, "size": c[5], "fontname": c[6]})
    return out


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


def words_from_chars(chars: list[Char | None], breaks: list[int] | None = None) -> tuple[Word, ...]:
    """Characters grouped into words in their own reading direction, by their own gaps.

    A break (a printed or generated space, a line end), a turn, a step off the line or a gap
    wider than a quarter of the font size ends a run of characters; a run is then cut where a
    gap is wider than its letters' usual gap by WORD_GAP of the size (a space PDFium did not
    report); then runs of single characters at one even spacing (a letter-spaced heading,
    `A G E N D A`) are joined into words. The generated spaces kept as word breaks are added to
    `breaks` when given (char_dicts needs them for ruled tables).
    """
    words: list[Word] = []
    bold: dict[str, bool] = {}
    run: list[tuple[float, float, float, float, str]] = []
    size, font, turn = 0.0, "", 0

    def close() -> None:
        if font not in bold:
            bold[font] = is_bold_font(font)
        for part in _cut(run, size):
            # A run's ends (c[1]) only grow along it, so a part's last one is its furthest.
            x0, x1, y0, y1 = _page_box(turn, part[0][0], part[-1][1],
                                       min(c[2] for c in part), max(c[3] for c in part))
            words.append(Word("".join(c[4] for c in part), x0, x1, y0, y1, round(size, 2), font, bold[font], turn))

    softened, tracked = soften(chars, breaks)
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
    if max(gaps) <= WORD_GAP * size and not any(c[4] == "." for c in run[1:]):
        return [run]  # no gap wide enough and no leader: one word (the common case, without sorting)
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


