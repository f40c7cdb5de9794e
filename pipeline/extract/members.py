"""The body's membership as a front sheet lists it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from ..models import Line, Person
from ..rules import load_rules, pattern
from .attendees import block_people, people_in, with_text
from .member_lists import titled_roster
from .people import honorific_of, looks_like_name, parse_person

HEAD_LINES = 60
MAX_LINES = 30
MIN_ROSTER = 3  # lines that make a roster without a heading


@cache
def _vocabulary(key: str) -> dict[str, str]:
    """A people.yml vocabulary keyed by its casefolded words."""
    return {w.casefold(): w for w in load_rules("people")[key]}


def _roster_entry(text: str) -> Person | None:
    """'Rick Ramirez, Chair' -> role Chair; 'Tony Ayala, Commissioner' -> honorific Commissioner."""
    m = re.match(r"^(?P<name>[^,]+),\s*(?P<title>[A-Za-z -]+)$", text.strip())
    if not m or not looks_like_name(m.group("name").strip()):
        return None
    title = m.group("title").strip()
    if title.casefold() in _vocabulary("roles"):
        return Person(name=m.group("name").strip(), honorific=None, role=title, page=0)
    if title.casefold() in _vocabulary("member_titles"):
        return Person(name=m.group("name").strip(), honorific=title, role=None, page=0)
    return None


def _roster(lines: Sequence[Line]) -> list[Person]:
    """A run of lines each naming one member with their role or title, on a front sheet without
    a membership heading (US agendas print the board under the meeting's heading)."""
    run: list[Person] = []
    for ln in [*lines[:HEAD_LINES], None]:
        person = _roster_entry(ln.text) if ln is not None else None
        if person is not None:
            run.append(replace(person, page=ln.page))
            continue
        if len(run) >= MIN_ROSTER:
            return run
        run = []
    return _stacked_roster(lines)


def _stacked_roster(lines: Sequence[Line]) -> list[Person]:
    """A roster set as a role on one line and the name on the next ('Mayor' / 'Ray Jackson'),
    or a plural heading over names ('Councilmembers' / 'Dean Francois' / ...)."""
    roles, plural = _vocabulary("roles"), _vocabulary("member_headings")
    run: list[Person] = []
    role: str | None = None
    under = False  # names follow a role or a plural heading
    for ln in [*lines[:HEAD_LINES], None]:
        text = ln.text.strip() if ln is not None else ""
        if ln is not None and len(ln.segments) == 1 and text.casefold() in roles:
            role, under = roles[text.casefold()], True
            continue
        if ln is not None and len(ln.segments) == 1 and text.casefold() in plural:
            role, under = None, True
            continue
        parsed = parse_person(text) if ln is not None and under and len(ln.segments) == 1 and "," not in text else None
        if parsed is not None:
            hon, name, own_role = parsed
            run.append(Person(name=name, honorific=hon, role=own_role or role, page=ln.page))
            role = None if role in roles.values() else role  # a role names one person; a heading many
            continue
        if len(run) >= MIN_ROSTER:
            return run
        run, role, under = [], None, False
    return _names_over_offices(lines)


def _names_over_offices(lines: Sequence[Line]) -> list[Person]:
    """A roster set as each member's name over their office, perhaps beside a column of staff
    ('Margaret Ellison' / 'Chair, Supervisor District 3'   'Brenda Sato' / 'County Administrative Officer'):
    a name whose next line in its column holds a member title ('Supervisor District 2') is a member; the
    office before a comma is the role ('Chair'). Staff under offices with no member title are not members."""
    columns: dict[int, list[tuple[str, int]]] = {}
    for ln in lines[:HEAD_LINES]:
        spans = ln.segment_spans if len(ln.segment_spans) == len(ln.segments) else ((ln.x0, ln.x1),) * len(ln.segments)
        for text, (x0, _) in zip(ln.segments, spans):
            columns.setdefault(round(x0 / 24), []).append((text.strip(), ln.page))
    roles, titles = _vocabulary("roles"), _vocabulary("member_titles")
    for column in columns.values():
        found: list[Person] = []
        for (name, page), (office, _) in zip(column, column[1:]):
            words = {w.casefold() for w in re.findall(r"[\w-]+", office)}
            parsed = parse_person(name) if "," not in name else None
            if parsed is None or parsed[0] is not None or not any(t in words for t in titles):
                continue
            lead = office.split(",", 1)[0].strip().casefold() if "," in office else ""
            found.append(Person(name=parsed[1], honorific=None, role=roles.get(lead), page=page))
        if len(found) >= MIN_ROSTER:
            return found
    return []


def _contacts(lines: Sequence[Line]) -> list[Person]:
    """Members listed with their addresses and telephone numbers ('Chairman Dennis Richardson,
    Townhead Farm Tel 61430'): each name opens its entry, before the first comma, and a telephone
    number closes it (two may share a line)."""
    phone = pattern("people", "contact_phone")
    found: list[Person] = []
    for ln in lines:
        if not phone.search(ln.text):
            break
        for chunk in phone.split(ln.text):
            name = chunk.split(",")[0].strip()
            if name:
                found.extend(people_in([name], None, ln.page))
    return found


def _after_heading(lines: Sequence[Line]) -> list[Person]:
    """Names under (or after) a 'Membership' heading: lines that open with an honorific
    ("Councillor", "Cllrs"), and lines that finish a list the line before left open with a comma."""
    for i, ln in enumerate(lines[:HEAD_LINES]):
        m = pattern("people", "membership_heading").match(ln.text.strip())
        if m:
            break
    else:
        return []
    block: list[Line] = []
    rest = (m.group("rest") or "").strip()
    if rest and m.group("plural"):
        rest = f"{m.group('plural')} {rest}"  # "Councillors: A (Chair), B": the heading is their honorific
    if rest:
        if not honorific_of(rest)[0]:
            return []  # "To: Members of the Planning Committee" names no one
        block.append(with_text(ln, rest))
    else:
        contacts = _contacts(lines[i + 1 : i + 1 + MAX_LINES]) or _member_table(lines[i + 1 : i + 1 + MAX_LINES])
        if contacts:
            return contacts
    columns: list[list[Line]] = []
    for nxt in lines[i + 1 : i + 1 + MAX_LINES]:
        open_list = bool(block) and re.search(r"(?:,|\band)$", block[-1].text.strip())
        cells = [c.strip() for c in nxt.segments] if len(nxt.segments) > 1 else []
        if cells and not open_list and all(honorific_of(c)[0] for c in cells):
            # Names set in columns ('Cllr A (Chairman)' | 'Cllr E'), read down each column in turn.
            columns.extend([] for _ in range(len(cells) - len(columns)))
            for col, cell in zip(columns, cells):
                col.append(replace(nxt, text=cell, segments=(cell,)))
            continue
        if not (honorific_of(nxt.text.strip())[0] or open_list) or columns:
            if columns and honorific_of(nxt.text.strip())[0] and len(nxt.segments) == 1:
                columns[0].append(nxt)  # the first column runs one line longer
                continue
            break
        block.append(nxt)
    block.extend(ln for col in columns for ln in col)
    return block_people(block, None) if block else []


def _member_table(lines: Sequence[Line]) -> list[Person]:
    """Members in a table whose first column is headed by an honorific or 'Name' ('Councillor' | 'Ward'): each
    row's first cell is a member, the header's honorific theirs."""
    if not lines or len(lines[0].segments) < 2:
        return []
    head = lines[0].segments[0].strip()
    honorific, rest = honorific_of(f"{head} X")  # a column headed by an honorific alone
    honorific = honorific if rest == "X" else None
    if not honorific and head.casefold() not in ("name", "member", "members"):
        return []
    found: list[Person] = []
    for ln in lines[1:]:
        parsed = parse_person(ln.segments[0]) if len(ln.segments) >= 2 else None
        if parsed is None:
            break
        hon, name, role = parsed
        found.append(Person(name=name, honorific=hon or honorific, role=role, page=ln.page))
    return found if len(found) >= MIN_ROSTER else []


def extract_members(lines: Sequence[Line]) -> list[Person]:
    """The members a front sheet lists under a membership heading, else its roster of
    'Name, Role' lines or of roles over names."""
    found = _after_heading(lines)
    if len(found) < MIN_ROSTER:
        # A heading whose list the simple reading stops short in (a grid with ward lines under each name).
        found = titled_roster(lines) or found
    return found or _roster(lines)
