"""Dates and times as printed -> ISO dates and 24-hour times, never relative to today."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import cache

import dateparser
from dateparser.search import search_dates

from ..rules import load_rules

MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
DATE_PHRASE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS},?\s+\d{{4}}"
    rf"|{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}})\b",
    re.IGNORECASE,
)
TIME_PHRASE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])|(?<![\d:.])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d)"
    r"|\b(?:12(?:[.:]00)?\s*)?(?P<noon>noon|midday)\b"
    # "16h00", "9 h 30": the French way.
    r"|\b(?P<hfr>[01]?\d|2[0-3])\s?h\s?(?P<mfr>[0-5]\d)\b",
    re.IGNORECASE,
)


@cache
def _other_months() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(language, '20 juin 2023' pattern) for each language whose month names the rules list."""
    out = []
    for language, names in load_rules("meeting")["other_months"].items():
        months = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
        out.append((language, re.compile(rf"\b\d{{1,2}}(?:er)?\s+(?:{months})\s+\d{{4}}\b", re.IGNORECASE)))
    return tuple(out)


# The base a date is read against: a fixed day, so parsing never depends on today.
FIXED_BASE = datetime(2000, 1, 1)


def settings(base: datetime | None = None) -> dict:
    """dateparser settings pinned to day-month-year English."""
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": base or FIXED_BASE,
        "REQUIRE_PARTS": ["day", "month", "year"],
    }


NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


# How the document being read writes numeric dates: "DMY", "MDY", or None when it does not say.
_ORDER: ContextVar[str | None] = ContextVar("numeric_date_order", default=None)


@contextmanager
def numeric_order(order: str | None) -> Iterator[None]:
    """Read ambiguous numeric dates in this order ('DMY' or 'MDY') inside the block."""
    token = _ORDER.set(order)
    try:
        yield
    finally:
        _ORDER.reset(token)


def _numeric(phrase: str) -> str | None:
    """'13/03/2024' or '03/13/2024' -> 2024-03-13. '05/03/2024' is 5 March in Britain and May 3
    in the US: it is read in the document's order when known, else not at all (a wrong date is
    worse than none)."""
    a, b, year = (int(g) for g in NUMERIC.match(phrase).groups())
    if a == b or (a > 12) != (b > 12):
        day, month = (a, b) if a > 12 or a == b else (b, a)
    elif _ORDER.get() in ("DMY", "MDY"):
        day, month = (a, b) if _ORDER.get() == "DMY" else (b, a)
    else:
        return None
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def parse_date(text: str, base: datetime | None = None) -> str | None:
    """The first full date printed in text that reads one way only, as YYYY-MM-DD, or None."""
    for m in DATE_PHRASE.finditer(text):
        if NUMERIC.match(m.group(0)):
            found = _numeric(m.group(0))
            if found:
                return found
            continue
        phrase = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", m.group(0), flags=re.IGNORECASE)
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings(base))
        if parsed is None:
            hits = search_dates(phrase, languages=["en"], settings=settings(base)) or []
            parsed = hits[0][1] if hits else None
        if parsed:
            return parsed.date().isoformat()
    for language, phrase in _other_months():
        m = phrase.search(text)
        parsed = dateparser.parse(re.sub(r"(\d)er\b", r"\1", m.group(0)), languages=[language],
                                  settings=settings(base)) if m else None
        if parsed:
            return parsed.date().isoformat()
    return None


def parse_time(text: str) -> str | None:
    """The first time of day printed in text, as 24-hour HH:MM, or None."""
    m = TIME_PHRASE.search(text)
    if not m:
        return None
    if m.group("noon"):
        return "12:00"
    if m.group("hfr"):
        return f"{int(m.group('hfr')):02d}:{m.group('mfr')}"
    if m.group("h24"):
        return f"{int(m.group('h24')):02d}:{m.group('m24')}"
    hour, minute = int(m.group("h")), int(m.group("m") or 0)
    if hour > 12 or minute > 59:
        return None
    pm = m.group("ampm").lower().startswith("p")
    hour = (hour % 12) + (12 if pm else 0)
    return f"{hour:02d}:{minute:02d}"
