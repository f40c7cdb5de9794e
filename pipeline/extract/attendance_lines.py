"""Attendance printed on one line in a form of its own: a roll call read with each member's status after a dash,
and an officer's line under the lists ('Clerk: Mr Huw Bowen.'); and the lines that end a list ('Nil', a heading
run in before a colon)."""

from __future__ import annotations

import re
from functools import cache

from ..models import Line, Person
from ..rules import load_rules
from .people import clean, honorific_of, leading_role, only_honorifics, parse_person


@cache
def _status_words() -> dict[str, str]:
    return {word.casefold(): kind for kind, words in load_rules("people")["attendance_table_status"].items() for word in words}


def status_entries(text: str) -> list[tuple[str, str]] | None:
    """'President Laura Bennett – present; ...; Student Board Member Ava Martinez – absent.': a roll call
    read out with each member's status after a dash; None unless every entry ends so."""
    parts = [p.strip(" .") for p in re.split(r";\s*(?:and\s+)?", text) if p.strip(" .")]
    if len(parts) < 2:
        return None
    out = []
    for part in parts:
        m = re.match(r"^(?P<name>.+?)\s*[\u2013\u2014-]\s*(?P<status>[a-z ]+)$", part, re.IGNORECASE)
        kind = _status_words().get(m.group("status").strip().casefold()) if m else None
        if kind is None:
            return None
        out.append((m.group("name"), kind))
    return out


@cache
def _officer_re() -> re.Pattern[str]:
    roles = sorted(load_rules("people")["officer_roles"], key=len, reverse=True)
    return re.compile(rf"^(?P<role>{'|'.join(re.escape(r) for r in roles)})\s*:\s*(?P<name>[^,;:]+?)\.?$", re.IGNORECASE)


def officer_line(ln: Line) -> Person | None:
    """'Clerk: Mr Huw Bowen.' under the lists: one officer, in attendance in that office (a clerk who reads a roll
    call, 'Clerk: His Worship Mayor Katz, Councillors ...', names many and is not one)."""
    m = _officer_re().match(ln.text.strip())
    parsed = parse_person(m.group("name")) if m else None
    if parsed is None or parsed[0] is None:
        return None
    hon, name, role = parsed
    return Person(name=name, honorific=hon, role=role or clean(m.group("role")), page=ln.page, status="in_attendance")


def no_names(text: str) -> bool:
    """'None.', 'Nil': the list is empty and ends here."""
    return clean(text).casefold() in {w.casefold() for w in load_rules("people")["not_names"]}


def other_label(text: str) -> bool:
    """'Declarations of Interest : Nil', 'Minutes:': a heading run in before a colon, which is not an
    honorific or an office heading names ('Councillors: A, B', 'Chair: Mrs S Walker')."""
    m = re.match(r"^\s*((?-i:[A-Z])[^:,();]{2,50}?)\s*:(?:\s|$)", text)  # (a heading holds no semicolon)
    if not m:
        return False
    head = m.group(1).strip()
    return not (honorific_of(f"{head} X")[0] or leading_role(f"{head}: X")[0] or only_honorifics(head))
