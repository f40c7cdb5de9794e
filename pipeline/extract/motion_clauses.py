"""The operative clauses of a moved motion ('THEREFORE BE IT RESOLVED that ...'), recorded once it is adopted.

A motion printed in full (WHEREAS recitals, then BE IT RESOLVED clauses) says what was moved, not
what was decided: its clauses become decisions only when the record later says the motion carried,
before another motion is printed. A motion defeated, referred or left as a notice records nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Line, Resolution, Section
from ..rules import kind_patterns, pattern
from .attendees import join_lines
from .movers import motion_start, movers_of, resolution_number
from .vote_sentences import motion_number

RULES = "resolutions"


def _gap(prev: Line, ln: Line) -> bool:
    return ln.page != prev.page or ln.top - prev.bottom > ln.size * 0.9


def _clause_end(body: Sequence[Line], i: int) -> int:
    """The index after the paragraph a clause opens (a blank gap or the next clause ends it)."""
    clause = pattern(RULES, "motion_clause")
    j = i + 1
    while j < len(body) and not _gap(body[j - 1], body[j]) and not clause.match(body[j].text.strip()) \
            and not vote_label(body[j].text.strip()):
        j += 1
    return j


def vote_label(text: str) -> bool:
    """A roll-call line ("AYES: ...", "ABSENT: Weller") printed straight under the clause: the vote, not its text."""
    rolls = [p for _, pats in kind_patterns("votes", "roll_call") for p in pats]
    return any(p.match(text) for p in rolls) or bool(pattern("votes", "roll_call_other").match(text))


def _fate(body: Sequence[Line], start: int) -> str | None:
    """What the record says of the motion after its clauses, up to the next motion printed: adopted or rejected."""
    clause, heading = pattern(RULES, "motion_clause"), pattern("votes", "motion_heading")
    said = pattern(RULES, "motion_fate")
    for k in range(start, len(body)):
        text = body[k].text.strip()
        if clause.match(text) or heading.match(text):
            return None
        # The outcome may wrap onto the next line ("The motion is / carried.").
        m = said.search(join_lines([text, body[k + 1].text.strip()]) if k + 1 < len(body) else text)
        if m:
            return "adopted" if m.group("adopted") else "rejected"
    return None


def _adopted_above(body: Sequence[Line], first: int, start: int) -> bool:
    """The record says, above the resolution's text, that it was adopted ('the following resolution was adopted:')."""
    said = pattern(RULES, "adopted_stem")
    lo = max(0, min(first, start - 12))
    return any(said.search(join_lines([body[k].text.strip(), body[k + 1].text.strip()]) if k + 1 < start else body[k].text.strip())
               for k in range(lo, start))


def motion_resolutions(item: Section, body: Sequence[Line]) -> tuple[list[Resolution], set[int]]:
    """The clauses of each adopted motion under an item, and the indices of every clause line read (adopted or not)."""
    clause = pattern(RULES, "motion_clause")
    out: list[Resolution] = []
    used: set[int] = set()
    i = 0
    while i < len(body):
        if not clause.match(body[i].text.strip()):
            i += 1
            continue
        clauses: list[tuple[int, int]] = []
        while i < len(body) and clause.match(body[i].text.strip()):
            end = _clause_end(body, i)
            clauses.append((i, end))
            used.update(range(i, end))
            # Tables or lists under a clause ("make the following appointments:") sit between clauses.
            nxt = next((k for k in range(end, min(len(body), end + 200)) if clause.match(body[k].text.strip())
                        or pattern("votes", "motion_heading").match(body[k].text.strip())), None)
            if nxt is None or not clause.match(body[nxt].text.strip()):
                i = end
                break
            i = nxt
        # The mover is printed above the motion ("Moved by Councillor Nordman, / Seconded by ...").
        first = motion_start(body, clauses[0][0], carried_ok=True)
        fate = _fate(body, clauses[-1][1])
        if fate is None and _adopted_above(body, first, clauses[0][0]):
            fate = "adopted"  # "On motion of X, seconded by Y, the following resolution was adopted:"
        if fate != "adopted":
            continue
        number = item.number or motion_number(list(body), clauses[0][0])
        mover, seconder = movers_of(body, first, clauses[0][0] + 1)
        printed = resolution_number(body, first, clauses[0][0] + 1)
        for start, end in clauses:
            m = clause.match(body[start].text.strip())
            text = join_lines([m.group("text"), *(ln.text.strip() for ln in body[start + 1 : end])])
            out.append(Resolution(number, item.title, None, text, "RESOLVED", body[start].page, printed, mover, seconder))
    return out, used
