"""Decisions told in running sentences: 'the Councillors resolved to ...', 'The minutes ... were agreed'.

Parish and small-body minutes record decisions in narrative prose, in lower case. Only a sentence
whose subject is the deciding body (or a passive 'was/were agreed' of a named thing) counts; an
officer or the Chair agreeing to do something is not a decision of the meeting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line, Resolution, Section
from ..rules import pattern, patterns
from .attendees import join_lines
from .movers import clauses_in, pick

RULES = "resolutions"


def _short(ln: Line, right: float) -> bool:
    """A line that stops well short of the column's right edge ends its sentence or table row."""
    return right - ln.x1 > max(4 * ln.size, 0.1 * (right - ln.x0))


def _is_row(ln: Line) -> bool:
    """Cells apart on one line; a wide space after a full stop (justified text) is not a cell break."""
    return len(ln.segments) > 1 and not all(seg.rstrip().endswith((".", "!", "?")) for seg in ln.segments[:-1])


def sentences(lines: Sequence[Line]) -> list[tuple[str, int]]:
    """The sentences of a run of lines, each with the page it starts on."""
    if not lines:
        return []
    right = max(ln.x1 for ln in lines)
    out: list[tuple[str, int]] = []
    chunk: list[str] = []
    page = lines[0].page
    for k, ln in enumerate(lines):
        if not chunk:
            page = ln.page
        chunk.append(ln.text)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        gap = nxt is None or nxt.page != ln.page or nxt.top - ln.bottom > ln.size * 0.9
        # A row of a table (cells apart on one line) is read on its own, as is a short line before a capital.
        ends_row = nxt is not None and (_is_row(ln) or _is_row(nxt) or (_short(ln, right) and nxt.text.strip()[:1].isupper()))
        if gap or ends_row:
            out.extend(_split(join_lines(chunk), page))
            chunk = []
    return out


def _split(text: str, page: int) -> list[tuple[str, int]]:
    # A full stop ends a sentence when a capital, a bracket or a quote follows ("£4500 precept. Resolved").
    # A note ("n.b. Mrs Finlay also attended") starts a sentence of its own.
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(\u201c\"])|\s+(?=[Nn]\.[Bb]\.)", text)
    return [(p.strip(), page) for p in parts if p.strip()]


def _item_decision(sentence: str, following: str, title: str) -> bool:
    """Legistar: 'that this resolution be adopted' then 'The motion carried'; or 'The resolution was adopted'.

    The item is what was adopted only when its title names the kind of act adopted: a resolution
    adopted under a 'CONSENT AGENDA' heading is one of its entries, not the heading.
    """
    adopted = pattern(RULES, "item_adopted").search(sentence)
    if adopted:
        noun = adopted.group("noun").lower()
        return noun in ("item", "matter") or noun in title.lower()
    moved = pattern(RULES, "item_moved").search(sentence)
    return bool(moved and pattern(RULES, "motion_carried").search(following))


def _carried_motion(sentence: str) -> tuple[str, str] | None:
    """A motion told in one sentence that carried: (keyword, what was moved)."""
    for p in patterns(RULES, "carried_sentence"):
        m = p.search(sentence)
        if m:
            return m.group("keyword"), m.group("text")
    return None


def _number(sentence: str) -> str | None:
    """The printed number of the resolution a sentence adopts ("Resolution (15-06) adopted ...")."""
    for p in patterns(RULES, "resolution_number"):
        m = p.match(sentence)
        if m:
            return m.group("number").strip(" .")
    return None


def _motion_before(before: Sequence[tuple[str, int]]) -> str | None:
    """What a fate sentence ('The motion was adopted.', 'This was agreed.') decided: the last motion quoted in
    the sentences before it, else the 'that' clause of the request or proposal just before it."""
    quoted = list(pattern(RULES, "quoted_motion").finditer(" ".join(t for t, _ in before)))
    if quoted:
        return quoted[-1].group("text").strip()
    request = pattern(RULES, "request_clause").search(before[-1][0]) if before else None
    return request.group("text").strip() if request else None


def prose_resolutions(item: Section, lines: Sequence[Line]) -> list[Resolution]:
    """Decisions in the sentences of `lines` (lines already read as labelled decisions are left out)."""
    out: list[Resolution] = []
    said = sentences(lines)
    for k, (text, page) in enumerate(said):
        following = said[k + 1][0] if k + 1 < len(said) else ""
        if _item_decision(text, following, item.title or ""):
            if item.title and item.number:
                title = pattern(RULES, "title_reference").sub("", item.title, count=1)
                out.append(Resolution(item.number, item.title, None, title, "adopted", page, _number(text),
                                      *pick(clauses_in(text))))
            continue
        motion = _carried_motion(text)
        if motion:
            # The motion's own sentence names its mover ("Motion by X, seconded by Y, to approve ...").
            out.append(Resolution(item.number, item.title, None, motion[1].strip(), motion[0], page, None,
                                  *pick(clauses_in(text[: text.find(motion[1])] if motion[1] in text else text))))
            continue
        fate = pattern(RULES, "motion_fate_sentence").match(text)
        moved = _motion_before(said[max(0, k - 6):k]) if fate else None
        if moved:
            out.append(Resolution(item.number, item.title, None, moved, fate.group("keyword"), page))
            continue
        text = pattern(RULES, "run_in_label").sub("", text, count=1)
        for p in patterns(RULES, "prose"):
            m = p.search(text)
            if not m:
                continue
            rest = m.groupdict().get("text")
            if rest is not None and not rest.strip(" .;:"):
                break  # "... and it was agreed." records no decision text
            decision = rest.strip() if rest else text
            out.append(Resolution(item.number, item.title, None, decision, m.group("keyword"), page))
            break
    return out
