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


# A character read from PDFium: text, x0, x1, top, bottom, size, font name, direction; None marks a
# break. A printed space is a character too (table cells keep it), and a break between words.
# Direction: 0 upright, 1 turned to read downwards (top to bottom), -1 turned to read upwards.
Char = tuple[str, float, float, float, float, float, str, int]


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
        for c in chars if c is not None
    ]


LETTER_RUN = 3  # single characters in a row at one even spacing read as one letter-spaced word
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

    for ch in chars:
        if ch is not None and ch[0] == " ":
            ch = None
        if ch is not None and run and ch[7] == turn:
            c0, c1, ctop, cbottom = _along(ch)
            last = run[-1]
            # On the line: the character lies mostly within the first one's height (a small capital
            # or a superscript does too).
            first = run[0]
            on_line = min(cbottom, first[3]) - max(ctop, first[2]) >= 0.5 * min(cbottom - ctop, first[3] - first[2])
            if on_line and c0 - last[1] <= max(size, ch[5]) * 0.25 and c0 >= first[0] - 1:
                run.append((c0, max(c1, last[1]), ctop, cbottom, ch[0]))
                continue
        if run:
            close()
        run = []
        if ch is not None:
            size, font, turn = ch[5], ch[6], ch[7]
            run.append((*_along(ch), ch[0]))
    if run:
        close()
    return tuple(_join_letter_spacing(words))


def _cut(run: list[tuple[float, float, float, float, str]], size: float) -> list[list]:
    """A run of characters cut at its word gaps: gaps wider than its letters' middle gap by WORD_GAP of the size."""
    if len(run) < 2:
        return [run]
    gaps = [b[0] - a[1] for a, b in zip(run, run[1:])]
    usual = sorted(gaps)[len(gaps) // 2]
    limit = max(usual, 0.0) + WORD_GAP * size
    parts = [[run[0]]]
    for gap, c in zip(gaps, run[1:]):
        if gap > limit:
            parts.append([c])
        else:
            parts[-1].append(c)
    return parts


def _word_spaces(words: list[Word]) -> tuple[dict[str, float], float]:
    """The usual word space of the page as a share of the font size, per font and over all fonts.

    Measured between words of two or more characters next to each other on a line, so single
    letters (initials, letter-spaced text) do not set it; 0.28 (a common font's space) when unseen.
    """
    ratios: dict[str, list[float]] = {}
    for a, b in zip(words, words[1:]):
        if len(a.text) < 2 or len(b.text) < 2 or a.size != b.size or a.turn or b.turn or abs(a.top - b.top) > 0.5:
            continue
        ratio = (b.x0 - a.x1) / a.size if a.size else 0
        if 0.1 < ratio < 0.6:
            ratios.setdefault(a.font, []).append(ratio)
    every = sorted(r for rs in ratios.values() for r in rs)
    fallback = every[len(every) // 2] if every else 0.28
    return {font: sorted(rs)[len(rs) // 2] for font, rs in ratios.items() if len(rs) >= 3}, fallback


def _join_letter_spacing(words: list[Word]) -> list[Word]:
    """Join runs of letters printed at one even spacing (letter-spaced text) into words.

    A run is letter-spaced when its letters stand closer than the page's word space of its font
    (tracked type: `C I T Y`), when it holds its own wider word gaps (`P E C A N   V A L L E Y`), or
    when it is four or more letters with a space typed between each (`P R E S E N T:`, `P a g e`). Initials
    (`Mr M A J Hood`) stand a plain word space apart and are left as printed. Runs of digits or
    symbols alone are left too: a row of single-figure table cells is evenly spaced.
    """
    spaces, fallback = _word_spaces(words)
    out: list[Word] = []
    i = 0
    while i < len(words):
        space = spaces.get(words[i].font, fallback) * words[i].size
        j = i + 1
        while j < len(words) and _spaced_next(words[j - 1], words[j], space,
                                              words[j - 1].x0 - words[j - 2].x1 if j - 1 > i else None):
            j += 1
        run = words[i:j]
        if _letter_spaced(run, space):
            out.extend(_spaced_words(run))
        else:
            out.extend(run)
        i = j
    return out


def _letter_spaced(run: list[Word], space: float) -> bool:
    """The run is letter-spaced text, not single letters standing a word space apart (see _join_letter_spacing)."""
    singles = [w for w in run if len(w.text) == 1 or not w.text[1].isalnum()]
    alpha = sum(w.text[0].isalpha() for w in run)
    if len(run) < 2 or alpha < 2:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:])]
    letter = min(gaps)
    steps = sum(gap <= _letter_step(letter, w.size) for gap, w in zip(gaps, run[1:]))
    if steps * 2 >= len(gaps) and max(gaps) > 2 * max(letter, 0.5) and len(singles) >= 4:
        return True  # words of letters, wider gaps between them ("M A Y   2 1 ,   2 0 2 4")
    if alpha * 2 < len(run):
        return False
    if len(run) >= LETTER_RUN and letter < 0.75 * space:
        return True
    return len(singles) == len(run) >= 4 and all(w.text[0].isalpha() for w in run)


def _letter_step(letter: float, size: float) -> float:
    """The widest gap that is still the letter spacing of a run whose narrowest gap is `letter`."""
    return letter * 1.5 + size * 0.05


def _spaced_next(a: Word, b: Word, space: float, step: float | None) -> bool:
    """b is the next short piece after a on its line, at most a letter-spaced step away: a single
    character (the last may carry a stop or colon: "P R E S E N T:"), or two letters a kerned pair
    left together ("C IT Y") when the step is narrower than a word space. `step` is the gap before a."""
    if not _one_line(a, b):
        return False
    gap = b.x0 - a.x1
    short = [len(w.text) == 1 or (len(w.text) == 2 and not w.text[1].isalnum()) for w in (a, b)]
    # Single letters may stand a word gap apart: the gap between two letter-spaced words, a word
    # space with the letter spacing on both sides of it.
    widest = max(a.size, 2 * step + 1.5 * space) if all(short) and step is not None else a.size * 0.6
    if not 0 <= gap <= widest:
        return False
    if all(short):
        return True
    pair = [len(w.text) == 2 and w.text.isalpha() for w in (a, b)]
    return all(s or p for s, p in zip(short, pair)) and gap < 0.75 * space


def _one_line(a: Word, b: Word) -> bool:
    """a and b are set on one line in one size, or one is a small capital inside the other's height
    (`C a r n m o y l e`: a capital, then its small capitals, letter-spaced)."""
    if a.turn or b.turn:
        return False
    if a.size == b.size:
        return abs(a.top - b.top) <= 0.5
    small, big = (a, b) if a.size < b.size else (b, a)
    return small.size >= 0.6 * big.size and small.top >= big.top - 0.5 and small.bottom <= big.bottom + 0.5


def _spaced_words(run: list[Word]) -> list[Word]:
    """One evenly spaced run cut at its word gaps."""
    gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:])]
    letter = min(gaps)
    out = [run[0]]
    for gap, w in zip(gaps, run[1:]):
        if gap <= _letter_step(letter, w.size):
            last = out[-1]
            out[-1] = Word(last.text + w.text, last.x0, w.x1, min(last.top, w.top), max(last.bottom, w.bottom),
                           last.size, last.font, last.is_bold)
        else:
            out.append(w)
    return out
