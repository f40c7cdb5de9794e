"""The meeting a front sheet summons, or the meeting a set of minutes records."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..models import Line, Meeting
from ..rules import pattern
from .dates import DATE_PHRASE, parse_date, parse_time

RULES = "meeting"
HEAD_LINES = 30


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,.;:\u2013-")


def find_council(lines: Sequence[Line]) -> str | None:
    """The council's name: from the heading lines (a logo may split it), else the most printed one."""
    council = pattern(RULES, "council")
    head = lines[:8]
    for ln in head:
        m = council.search(ln.text)
        if m:
            return _clean(m.group(1))
    for a, b in zip(head, head[1:]):
        # A logo may set the name over two lines in one style ("Leicester" / "City Council").
        if a.is_bold == b.is_bold and abs(a.size - b.size) < 0.5 and len(a.text.split()) <= 3:
            m = council.search(f"{a.text} {b.text}")
            if m:
                return _clean(m.group(1))
    counts = Counter(_clean(m.group(1)) for ln in lines for m in council.finditer(ln.text))
    return counts.most_common(1)[0][0] if counts else None


def _labelled(lines: Sequence[Line], key: str) -> tuple[str | None, int]:
    for i, ln in enumerate(lines[:HEAD_LINES]):
        m = pattern(RULES, key).match(ln.text.strip())
        if m:
            return m.group("value").strip(), i
    return None, -1


def _place_after_label(lines: Sequence[Line], value: str, index: int) -> str:
    """A labelled place that wraps onto the next lines (until the next label or a gap)."""
    parts = [value]
    prev = lines[index]
    for ln in lines[index + 1 : index + 4]:
        if pattern(RULES, "other_label").match(ln.text) or ln.top - prev.bottom > ln.size * 0.9 or ln.is_bold != prev.is_bold:
            break
        parts.append(ln.text)
        prev = ln
    return _clean(" ".join(parts))


def _place_under_date(lines: Sequence[Line], index: int) -> str | None:
    """A venue printed on the lines under the date line, in the same column."""
    date_line = lines[index]
    parts = []
    prev = date_line
    for ln in lines[index + 1 : index + 5]:
        if abs(ln.x0 - date_line.x0) > 3 or ln.top - prev.bottom > ln.size * 0.9:
            break
        first = pattern(RULES, "column_label").sub("", ln.text)
        if parse_date(first) or pattern(RULES, "other_label").match(first):
            break
        parts.append(first)
        prev = ln
    place = re.sub(r"\([^)]*\)", " ", " ".join(parts))  # asides such as "(or on the rising of Council)"
    return _clean(place) or None


def _body_from_title(title: str, council: str | None = None) -> str | None:
    """The body's name in a heading: meeting words, dates and 'agenda' taken off; None if nothing is left."""
    date = DATE_PHRASE.search(title)
    if date:
        title = title[: date.start()]
    body = pattern(RULES, "body_prefix").sub("", title.strip(), count=1)
    body = pattern(RULES, "body_suffix").sub("", body)
    body = _clean(re.sub(r"^agenda\b|\bagenda(?:\s+(?:for|of))?$", "", _clean(body), flags=re.IGNORECASE))
    if not body or pattern(RULES, "not_a_body").match(body) or re.search(r"[:@/]|\d{4,}", body):
        return None  # a letter's reference block or contact line, not a name
    if council and body.casefold() == council.casefold():
        return None
    return body


def extract_front_sheet_meeting(lines: Sequence[Line], title: str) -> Meeting | None:
    """Council, body, date, time and place from a front sheet (summons)."""
    head = list(lines[:HEAD_LINES])
    if not head:
        return None
    date_value, date_index = _labelled(head, "date_label")
    if parse_date(title):
        # A heading that names its meeting's date ("COUNTY COUNCIL - THURSDAY, 13 FEBRUARY 2025") outranks
        # a dated letter ("Date: 27 February 2025") around it.
        date_value = title
        date_index = next((i for i, ln in enumerate(head) if parse_date(ln.text) == parse_date(title)), date_index)
    if date_value is None:
        for i, ln in enumerate(head):
            first = ln.segments[0] if ln.segments else ln.text
            if parse_date(first):
                date_value, date_index = first, i
                break
    date = parse_date(date_value) if date_value else None
    time_value, _ = _labelled(head, "time_label")
    time = parse_time(time_value or date_value or "")
    place_value, place_index = _labelled(head, "place_label")
    if place_value is not None:
        place = _place_after_label(head, place_value, place_index)
    elif date_index >= 0:
        place = _place_under_date(head, date_index)
    else:
        place = None
    if not date:
        return None
    council = find_council(lines)
    body_value, _ = _labelled(head, "body_label")
    return Meeting(
        council=council,
        body=_clean(body_value) if body_value else _body_from_title(title, council),
        date=date,
        time=time,
        place=place,
        page=head[date_index].page if date_index >= 0 else head[0].page,
    )


def extract_minutes_meeting(lines: Sequence[Line], title: str) -> Meeting | None:
    """The meeting a set of minutes records, from its opening sentence or labelled heading."""
    head = list(lines[:HEAD_LINES])
    if not head:
        return None
    text = re.sub(r"\s+", " ", " ".join(ln.text for ln in head[:12]))
    m = pattern(RULES, "minutes_heading").search(text)
    body = place = None
    date_text = None
    if m:
        body = _clean(m.group("body"))
        place = _clean(m.group("place")) if m.group("place") else None
        date_text = m.group("date")
        if place is None:
            after = pattern(RULES, "place_after").search(text[m.end() - 1 :])
            place = _clean(after.group("place")) if after else None
    date_value, _ = _labelled(head, "date_label")
    date = parse_date(date_text or "") or parse_date(date_value or "") or parse_date(text)
    if not date:
        return None
    council = find_council(lines)
    if body is None or len(body) > 120:
        body = _body_from_title(re.sub(r"^minutes of (?:an? |the )?(?:meeting of )?(?:the )?", "", title, flags=re.I))
    date_line = next((ln.text for ln in head[:12] if parse_date(ln.text) == date), "")
    time = parse_time(date_value or "") or parse_time(date_text or "") or parse_time(date_line)
    place_value, place_index = _labelled(head, "place_label")
    if place_value is not None:
        place = _place_after_label(head, place_value, place_index)
    return Meeting(
        council=council,
        body=body,
        date=date,
        time=time,
        place=place,
        page=head[0].page,
    )
