"""Fields printed around a meeting's date: labelled fields ('Place:'), a venue or time under the date line,
the meeting's date when no label names it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line
from ..rules import pattern
from .dates import DATE_PHRASE, parse_date, parse_time

RULES = "meeting"
HEAD_LINES = 30


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,.;:\u2013-")

TIME_ONLY = re.compile(r"^(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)$", re.IGNORECASE)
NEAR = 4  # lines under a date that may carry its time
SHORT = 60  # characters: a line this long or shorter is a heading or a field, not a sentence


def names_more_than_a_date(text: str) -> bool:
    """'COUNTY COUNCIL - THURSDAY, 13 FEBRUARY 2025' does; 'Thursday, December 3, 2020' does not."""
    rest = re.sub(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", "", DATE_PHRASE.sub("", text), flags=re.IGNORECASE)
    return bool(re.search(r"[A-Za-z]{2,}", rest))


PLACE_DASH_TIME = re.compile(
    r"^(?P<place>[A-Z][^:@]{2,80}?)\s+[\u2013\u2014-]\s+(?P<time>\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?))$",
    re.IGNORECASE,
)


def time_after(head: Sequence[Line], index: int) -> str | None:
    """A time printed alone (a line or a column of its own), or after a venue and a dash
    ('LEGISLATIVE CHAMBERS - 2:00 P.M.'), on the lines just under the date."""
    for ln in head[index + 1 : index + 1 + NEAR]:
        for seg in ln.segments or (ln.text,):
            m = PLACE_DASH_TIME.match(seg.strip())
            if TIME_ONLY.match(seg.strip()) or m:
                return parse_time(m.group("time") if m else seg)
    return None


def place_dash_time(head: Sequence[Line], index: int) -> str | None:
    """The venue of a 'LEGISLATIVE CHAMBERS - 2:00 P.M.' line right under the date."""
    m = PLACE_DASH_TIME.match(head[index + 1].text.strip()) if index + 1 < len(head) else None
    return _clean(m.group("place")) if m else None


def unlabelled_date(head: Sequence[Line]) -> tuple[str | None, int]:
    """The meeting's date when no label names it: the first date printed with a time beside or
    under it (a notice's own date stands alone), else the first date."""
    # A line about another meeting ('Date of next meeting – Tuesday 1 October 2024') does not date this one.
    dated = [(seg, i) for i, ln in enumerate(head) for seg in (ln.segments or (ln.text,))
             if parse_date(seg) and not pattern(RULES, "other_meeting").search(ln.text)]
    # A date in a heading or a column of its own, not one inside a running sentence.
    dated = [(seg, i) for seg, i in dated if len(seg) <= SHORT] or dated
    for seg, i in dated:
        if parse_time(seg) or time_after(head, i):
            return seg, i
    return dated[0] if dated else (None, -1)


def labelled(lines: Sequence[Line], key: str) -> tuple[str | None, int]:
    for i, ln in enumerate(lines[:HEAD_LINES]):
        m = pattern(RULES, key).match(ln.text.strip())
        if m:
            return m.group("value").strip(), i
    return None, -1


def place_after_label(lines: Sequence[Line], value: str, index: int) -> str:
    """A labelled place that wraps onto the next lines (until the next label or a gap)."""
    parts = [value]
    prev = lines[index]
    for ln in lines[index + 1 : index + 4]:
        # a line that prints the date ('on Wednesday 21 August 2024, ...') says when, not where
        if pattern(RULES, "other_label").match(ln.text) or ln.top - prev.bottom > ln.size * 0.9 or ln.is_bold != prev.is_bold \
                or parse_date(ln.text):
            break
        parts.append(ln.text)
        prev = ln
    return _clean(" ".join(parts))


def place_under_date(lines: Sequence[Line], index: int, centred_too: bool = False) -> str | None:
    """A venue printed on the lines under the date line, in the same column (flush left, or
    when `centred_too`, centred under a centred heading)."""
    date_line = lines[index]
    if len(pattern(RULES, "column_label").sub("", date_line.text)) > SHORT:
        return None  # a date inside a sentence: the lines under it are the paragraph
    parts = []
    prev = date_line
    centre = (date_line.x0 + date_line.x1) / 2
    for ln in lines[index + 1 : index + 5]:
        centred = centred_too and date_line.x0 > 100 and abs((ln.x0 + ln.x1) / 2 - centre) <= 6
        if (abs(ln.x0 - date_line.x0) > 3 and not centred) or ln.top - prev.bottom > ln.size * 0.9:
            break
        # A time printed in a column of its own beside the venue is not part of it.
        first = " ".join(seg for seg in (ln.segments or (ln.text,)) if not TIME_ONLY.match(seg.strip()))
        first = pattern(RULES, "column_label").sub("", first)
        if parse_date(first) or pattern(RULES, "other_label").match(first):
            break
        parts.append(first)
        prev = ln
    place = re.sub(r"\([^)]*\)", " ", " ".join(parts))  # asides such as "(or on the rising of Council)"
    return _clean(place) or None


def place_after_time(lines: Sequence[Line], date: str | None) -> str | None:
    """A venue named after the time on the line that prints the meeting's date ('... 9:00am at Carbon Arc Bar')."""
    for ln in lines:
        if parse_date(ln.text) == date:
            m = pattern(RULES, "place_after_time").search(ln.text.strip())
            if m:
                return _clean(m.group("place"))
    return None


def letterspaced(ln: Line) -> str:
    """'S T R A T H C A I R N  C O U N C I L' -> 'STRATHCAIRN COUNCIL': a masthead set in spaced capitals,
    its words told apart by the wider gaps between them."""
    words = ln.words
    if len(words) < 4 or any(len(w.text) != 1 for w in words):
        return ln.text
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    step = sorted(gaps)[len(gaps) // 2]
    out = words[0].text
    for gap, w in zip(gaps, words[1:]):
        out += (" " if gap > 1.8 * max(step, 0.5) else "") + w.text
    return out
