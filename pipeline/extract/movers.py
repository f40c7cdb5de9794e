"""Who moved and seconded a motion, and a decision's own printed number, read from the motion's own lines.

A name is never guessed: it must be printed in a clause of the same motion, after the outcome of the
motion before it. The lines a motion owns run back from its outcome to the previous motion's outcome
(or to an earlier decision); the last clause naming a mover wins, and its seconder is the one printed
in the same clause or after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..models import Line
from ..rules import load_rules, pattern, patterns
from .attendees import join_lines

RULES = "votes"
# How far back a motion's lines may reach (a Hansard's debate can fill pages between mover and vote).
REACH = 250


@cache
def _clauses() -> tuple[re.Pattern[str], ...]:
    """The mover patterns with @TITLED / @NAME spelled out."""
    rules = load_rules(RULES)
    name = rules["mover_name"]
    titled = rf"(?:{rules['mover_title']}\s+{name})"
    anyone = rf"(?:(?:{rules['mover_title']}\s+)?{name})"
    return tuple(re.compile(p.replace("@TITLED", titled).replace("@NAME", anyone), re.IGNORECASE)
                 for p in rules["movers"])


def _clean(name: str | None) -> str | None:
    name = " ".join((name or "").split()).strip(" ,.;:")
    return name or None


def clauses_in(text: str) -> list[tuple[int, str | None, str | None]]:
    """Every mover/seconder clause in a text, in order: (position, mover, seconder)."""
    found: dict[int, tuple[int, str | None, str | None]] = {}
    taken: list[tuple[int, int]] = []
    for p in _clauses():
        for m in p.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # an earlier (fuller) pattern read this clause already
            taken.append((m.start(), m.end()))
            d = m.groupdict()
            found[m.start()] = (m.start(), _clean(d.get("mover")), _clean(d.get("seconder")))
    return [found[k] for k in sorted(found)]


def pick(clauses: Sequence[tuple[int, str | None, str | None]]) -> tuple[str | None, str | None]:
    """The last mover and the seconder printed with it or after it; a seconder alone when no mover is printed."""
    movers = [k for k, c in enumerate(clauses) if c[1]]
    if not movers:
        seconders = [c[2] for c in clauses if c[2]]
        return None, (seconders[-1] if seconders else None)
    k = movers[-1]
    seconder = clauses[k][2] or next((c[2] for c in clauses[k + 1 :] if c[2]), None)
    return clauses[k][1], seconder


def _ends_motion(text: str) -> bool:
    return any(p.search(text) for p in patterns(RULES, "motion_end"))


def _labelled(text: str) -> tuple[str | None, str | None] | None:
    for p in patterns(RULES, "mover_lines"):
        m = p.match(text.strip())
        if m:
            d = m.groupdict()
            return _clean(d.get("mover")), _clean(d.get("seconder"))
    return None


def motion_start(lines: Sequence[Line], first: int, *, carried_ok: bool = False, stop=None) -> int:
    """The first line a motion owns, going back from line `first` (its outcome or decision).

    Another motion's outcome ends the search; a decision may pass over one carried outcome (its own:
    "... CARRIED." then "RESOLVED that ..."), never a lost or withdrawn one. `stop(text)` names other lines
    that close an earlier motion (a decision label).
    """
    passed = not carried_ok
    k = first
    while k > 0 and first - k < REACH:
        text = lines[k - 1].text.strip()
        if stop is not None and stop(text):
            break
        if _ends_motion(text):
            if passed or pattern(RULES, "motion_failed").search(text):
                break
            passed = True
        k -= 1
    return k


def movers_of(lines: Sequence[Line], start: int, end: int) -> tuple[str | None, str | None]:
    """The mover and seconder printed in lines[start:end]: vote-box labels first, then clauses in the text."""
    labelled = [lab for ln in lines[start:end] if (lab := _labelled(ln.text))]
    if labelled:
        mover = next((m for m, _ in reversed(labelled) if m), None)
        seconder = next((s for _, s in reversed(labelled) if s), None)
        if mover or seconder:
            return mover, seconder
    return pick(clauses_in(join_lines([ln.text for ln in lines[start:end]])))


def resolution_number(lines: Sequence[Line], start: int, end: int) -> str | None:
    """The decision's own printed number in its motion's lines ("Resolution No. R24-117"), else None.

    The last one printed wins: the lines may reach back over an earlier motion's heading."""
    for ln in reversed(lines[start:end]):
        for p in patterns("resolutions", "resolution_number"):
            m = p.match(ln.text.strip())
            if m:
                return m.group("number").strip(" .")
    return None
