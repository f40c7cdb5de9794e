"""Letter-spaced (tracked) text: spaces PDFium generates between tracked letters, and runs of
single letters printed at one even spacing, joined into the words they spell.

Called from read_chars.py, which reads the characters and groups them into words.
"""

from __future__ import annotations

from .models import Word

# A character read from PDFium: text, x0, x1, top, bottom, size, font name, direction; None marks a
# break. A printed space is a character too (table cells keep it), and a break between words.
# Direction: 0 upright, 1 turned to read downwards (top to bottom), -1 turned to read upwards.
Char = tuple[str, float, float, float, float, float, str, int]

def _level(a: Char, b: Char) -> bool:
    """Two upright characters side by side on one line: their boxes share half the smaller one's height."""
    return min(a[4], b[4]) - max(a[3], b[3]) >= 0.5 * min(a[4] - a[3], b[4] - b[3])


def soften(chars: list[Char | None], breaks: list[int] | None = None) -> tuple[list[Char | None], set[int]]:
    """Spaces PDFium generated inside tracked text dropped; every other generated space a break.
    Also the positions (in the list returned) of the characters that stood after a dropped space;
    the positions (in `chars`) of the generated spaces kept as breaks are added to `breaks` when given.

    PDFium adds a space where characters stand further apart than their fonts' advance, which
    letter-spaced type does between every letter. Such a space is no word space when the letters
    on either side already stand apart (tracked, not touching: more than TRACKED of the size) and
    the gap across it is no wider than theirs; condensed or plain type, whose letters touch, keeps it.
    """
    out: list[Char | None] = []
    tracked: set[int] = set()

    def neighbours(k: int, step: int) -> list[Char]:
        """Up to four characters from position k that way, across generated spaces, up to a break."""
        found: list[Char] = []
        while 0 <= k < len(chars) and len(found) < 4:
            c = chars[k]
            k += step
            if c is SOFT:
                continue
            if c is None or (found and not _level(found[-1], c)):
                break
            found.append(c)
        return found

    for k, ch in enumerate(chars):
        if ch is not SOFT:
            out.append(ch)
            continue
        a, b = chars[k - 1] if k else None, chars[k + 1] if k + 1 < len(chars) else None
        if (a is None or b is None or a is SOFT or b is SOFT or a[7] or b[7] or not _level(a, b)
                or not (a[0].isalnum() or a[0] in _OPENS) or not (b[0].isalnum() or b[0] in _CLOSES)):
            # A dash or a bullet between spaces stands apart; a stop or a bracket sits on its word.
            out.append(None)
            if breaks is not None:
                breaks.append(k)
            continue
        # The letter spacing around: the middle gap between the characters on either side.
        left, right = neighbours(k - 1, -1)[::-1], neighbours(k + 1, 1)
        gaps = sorted(y[1] - x[2] for side in (left, right) for x, y in zip(side, side[1:]))
        letter = gaps[(len(gaps) - 1) // 2] if gaps else -1.0
        size = max(a[5], b[5])
        # The letters beside the space stand apart from theirs too (plain type touches).
        beside = [side[1][1] - side[0][2] for side in (left[-2:], right[:2]) if len(side) == 2]
        if (TRACKED * size < letter and all(g > TRACKED * size for g in beside)
                and b[1] - a[2] <= min(letter_step(letter, size), LETTER_SPACING * size)):
            tracked.add(len(out))
            continue
        out.append(None)
        if breaks is not None:
            breaks.append(k)
    return out, tracked


_OPENS, _CLOSES = "([\u2018\u201c", ".,;:)]'\u2019\u201d"
SOFT: Char = ("", 0.0, 0.0, 0.0, 0.0, 0.0, "", 0)  # a space PDFium generated on a line, judged by soften
TRACKED = 0.05  # letters further apart than this share of the size are tracked (letter-spaced)
LETTER_SPACING = 0.5  # no wider than this share of the size: single-character table cells stand further apart
LETTER_RUN = 3  # single characters in a row at one even spacing read as one letter-spaced word


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


def join_letter_spacing(words: list[Word]) -> list[Word]:
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
        if j == i + 1:  # a word on its own: the common case
            out.append(words[i])
            i = j
            continue
        run = words[i:j]
        if _letter_spaced(run, space):
            out.extend(_spaced_words(run))
        else:
            out.extend(run)
        i = j
    return out


def _letter_spaced(run: list[Word], space: float) -> bool:
    """The run is letter-spaced text, not single letters standing a word space apart (see join_letter_spacing)."""
    singles = [w for w in run if len(w.text) == 1 or not w.text[1].isalnum()]
    alpha = sum(w.text[0].isalpha() for w in run)
    if len(run) < 2 or alpha < 2:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:])]
    letter = min(gaps)
    steps = sum(gap <= letter_step(letter, w.size) for gap, w in zip(gaps, run[1:]))
    if steps * 2 >= len(gaps) and max(gaps) > 2 * max(letter, 0.5) and len(singles) >= 4:
        return True  # words of letters, wider gaps between them ("M A Y   2 1 ,   2 0 2 4")
    if alpha * 2 < len(run):
        return False
    if len(run) >= LETTER_RUN and letter < 0.75 * space:
        return True
    return len(singles) == len(run) >= 4 and all(w.text[0].isalpha() for w in run)


def letter_step(letter: float, size: float) -> float:
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
        if gap <= letter_step(letter, w.size):
            last = out[-1]
            out[-1] = Word(last.text + w.text, last.x0, w.x1, min(last.top, w.top), max(last.bottom, w.bottom),
                           last.size, last.font, last.is_bold)
        else:
            out.append(w)
    return out
