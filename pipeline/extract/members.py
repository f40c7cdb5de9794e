"""The body's membership as a front sheet lists it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line, Person
from ..rules import pattern
from .attendees import block_people, with_text
from .people import honorific_of

HEAD_LINES = 60
MAX_LINES = 30


def extract_members(lines: Sequence[Line]) -> list[Person]:
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
    if rest:
        if not honorific_of(rest)[0]:
            return []  # "To: Members of the Planning Committee" names no one
        block.append(with_text(ln, rest))
    for nxt in lines[i + 1 : i + 1 + MAX_LINES]:
        open_list = bool(block) and re.search(r"(?:,|\band)$", block[-1].text.strip())
        if not (honorific_of(nxt.text.strip())[0] or open_list):
            break
        block.append(nxt)
    return block_people(block, None) if block else []
