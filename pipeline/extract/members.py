"""The body's membership as a front sheet lists it."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Line, Person
from ..rules import pattern
from .attendees import line_entries, people_in
from .people import honorific_of


def extract_members(lines: Sequence[Line]) -> list[Person]:
    """Names under a 'Members of the Committee' heading, up to the first line that is not a name list."""
    heading = next((i for i, ln in enumerate(lines[:60]) if pattern("people", "membership_heading").match(ln.text.strip())), None)
    if heading is None:
        return []
    found: list[Person] = []
    for ln in lines[heading + 1 : heading + 30]:
        if not honorific_of(ln.text.strip())[0]:
            break  # a list of members opens each line with an honorific ("Councillor", "Cllrs")
        found.extend(people_in(line_entries(ln), None, ln.page))
    return found
