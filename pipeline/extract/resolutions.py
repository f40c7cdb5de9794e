"""Decisions recorded in minutes: labelled blocks, inline 'RESOLVED that', numbered lists under one label.

A resolution is never inferred: only text introduced by a decision keyword becomes a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..models import Line, Resolution, Section
from ..rules import kind_patterns, pattern, patterns
from .attendees import join_lines
from .decision_prose import prose_resolutions
from .motion_clauses import motion_resolutions, vote_label
from .movers import motion_start, movers_of, resolution_number

RULES = "resolutions"


def _gap(prev: Line, ln: Line) -> bool:
    """A paragraph break: a new page or a vertical gap wider than a line."""
    return ln.page != prev.page or ln.top - prev.bottom > ln.size * 0.9


def _announces(text: str) -> bool:
    """A line that announces what follows: it ends in a colon, or a dash after a space ('RESOLVED that Cabinet –',
    'The Committee agreed:-')."""
    return bool(re.search(r"(?::\s*[-\u2013\u2014]?|\s[-\u2013\u2014])\s*$", text))


def _opens_decision(text: str) -> bool:
    """A line that starts a decision of its own ("FURTHER RESOLVED: ..." straight after another)."""
    return bool(pattern(RULES, "label").match(text) or any(p.match(text) for p in patterns(RULES, "inline")))


def _paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    paras: list[list[Line]] = []
    for ln in lines:
        # a bold line after plain text is a run-in heading ('Reasons for decision:'), not the decision's words
        if paras and not _gap(paras[-1][-1], ln) and not pattern(RULES, "list_marker").match(ln.text) \
                and not _opens_decision(ln.text.strip()) and not (ln.is_bold and not paras[-1][-1].is_bold) \
                and not _out_of_hang(paras, ln):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _out_of_hang(paras: list[list[Line]], ln: Line) -> bool:
    """A line back at the edge of a hung list entry's marker ('(iii) to request ...' / hung 'plan to ...' /
    'Councillor Nicol returned to the meeting.'): the minutes again, not the entry."""
    para, first = paras[-1], paras[-1][0]
    marked = [p for p in paras if pattern(RULES, "list_marker").match(p[0].text) and abs(p[0].x0 - first.x0) < 1]
    if not marked or marked[-1] is not para:
        return False
    # hung: the entry's second line (or, for a one-line entry, an earlier entry's) sits right of the marker
    second = next((p[1] for p in reversed(marked) if len(p) >= 2), None)
    return second is not None and second.x0 > first.x0 + 0.5 * first.size and ln.x0 <= first.x0 + 0.5 * first.size


def _is_subheading(para: list[Line]) -> bool:
    """A one-line heading between list items ("Kent Pay Scheme 2025-26", "In addition:")."""
    text = para[0].text.strip()
    return len(para) == 1 and len(text) < 80 and not text.endswith((".", ";", ","))


def _marker(para: list[Line]) -> re.Match[str] | None:
    return pattern(RULES, "list_marker").match(para[0].text)


def _is_group_heading(para: list[Line], nxt: list[Line] | None) -> bool:
    """A numbered entry that only heads lettered entries ("2. Residents Parking" then "a. ...")."""
    m, n = _marker(para), _marker(nxt) if nxt else None
    if not (m and n) or len(para) > 1 or m.group("text").rstrip().endswith((".", ";", ":", ",")):
        return False
    if pattern(RULES, "lead_in").search(m.group("text")):
        return False  # "2. Authorised the Director to": a sentence the entries below complete
    label_of = lambda x: (x.group("p") or x.group("b") or "")[:1]  # noqa: E731
    return label_of(m).isdigit() != label_of(n).isdigit()


def _label_kind(para: Sequence[Line]) -> bool:
    """Whether an entry is numbered (1. 2.) rather than lettered (a. (i))."""
    m = _marker(list(para))
    return bool(m and (m.group("p") or m.group("b") or "")[:1].isdigit())


def _fold_lead_ins(items: list[tuple[bool, list[Line]]]) -> list[tuple[bool, list[Line]]]:
    """An entry whose sentence runs on into a list of another kind ('... subject to approval by the MCA to'
    then 'a. Take all steps ...', 'b. Procure ...') is one decision: the sub-entries join it, letters kept."""
    out: list[tuple[bool, list[Line]]] = []
    open_kind: bool | None = None
    for heading, lines in items:
        if out and open_kind is not None and not heading and _label_kind(lines) != open_kind:
            out[-1][1].extend(lines)
            continue
        out.append((heading, list(lines)))
        ends = join_lines([ln.text for ln in lines])
        open_kind = _label_kind(lines) if not heading and pattern(RULES, "lead_in").search(ends) else None
    return out


def _list_items(paras: list[list[Line]], stem_open: bool = False) -> list[tuple[bool, list[Line]]]:
    """Consecutive paragraphs that each open with a list marker (a page break may split one).

    After a stem that ends in a colon, a quoted preamble and one-line sub-headings between
    the items are passed over; they are not decisions. Each entry is (is_group_heading, lines).
    """
    items: list[tuple[bool, list[Line]]] = []
    for k, para in enumerate(paras):
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if _marker(para) and _opens_decision(_marker(para).group("text").strip()):
            break  # "c. It was RESOLVED to ...": an entry with a decision of its own, not part of this one
        if _marker(para):
            items.append((_is_group_heading(para, nxt), list(para)))
        elif items and para[0].page != items[-1][1][-1].page and not para[0].text[:1].isupper():
            items[-1][1].extend(para)  # the same item carried over a page break
        elif stem_open and not items and k < 3:
            continue  # the preamble under "RESOLVED that:"
        elif items and _is_subheading(para) and nxt is not None and _marker(nxt) and not pattern(RULES, "list_stop").search(para[0].text):
            continue
        else:
            break
    return _fold_lead_ins(items)


def _text(lines: Sequence[Line], first: str | None = None) -> str:
    texts = [pattern(RULES, "bullet").sub("", ln.text) for ln in lines]
    if first is not None:
        texts[0] = first
    return join_lines(texts).strip("\u201c\u201d\" ")


def _listed(items: list[tuple[bool, list[Line]]], item: Section, keyword: str) -> list[Resolution]:
    """One resolution per entry: a lone entry has no number; a flat numbered list keeps its printed numbers."""
    leaves = [lines for heading, lines in items if not heading]
    labels = [(_marker(lines).group("p") or _marker(lines).group("b")) for lines in leaves]
    printed = not any(h for h, _ in items) and all(lb.isdigit() for lb in labels)
    out = []
    for n, (label, lines) in enumerate(zip(labels, leaves), start=1):
        number = None if len(leaves) == 1 else int(label) if printed else n
        text = _text(lines, _marker(lines).group("text"))
        out.append(Resolution(item.number, item.title, number, text, keyword, lines[0].page))
    return out


def _motion_above(body: Sequence[Line], i: int) -> str | None:
    """The motion an outcome line ("Agreed unanimously.") answers: the 'that ...' of the proposal above."""
    window = join_lines([ln.text for ln in body[max(0, i - 8) : i]])
    found = list(pattern(RULES, "motion_text").finditer(window))
    return found[-1].group("text").strip() if found else None


def _that_follows(body: Sequence[Line], i: int) -> bool:
    """An outcome sentence ("... were CARRIED (unanimously).") followed by the decision as a 'That ...' paragraph."""
    paras = _paragraphs(body[i + 1 :])
    return bool(paras) and _gap(body[i], paras[0][0]) and bool(pattern(RULES, "stem_that").match(paras[0][0].text.strip()))


def _motion_block(body: list[Line], i: int, item: Section, out: list[Resolution]) -> int:
    """'Moved by: A' / 'Seconded by: B' / 'That ...' / 'Carried': the motion when carried; the index after it (0: none).

    A stem ending in a colon ("That the Council:") over a lettered or numbered list is one decision per entry.
    """
    first = body[i].text.strip()
    inline = pattern(RULES, "moved_that").match(first)
    if not (inline or re.match(r"^(?:That|THAT)\b", first)):
        return 0
    seconded = pattern(RULES, "seconded_line")
    above = inline or any(seconded.match(body[k].text.strip()) for k in range(max(0, i - 3), i))
    for j in range(i + 1, min(len(body), i + 40)):
        said = pattern(RULES, "motion_outcome").match(body[j].text.strip())
        if said:
            # Its mover and seconder are printed above it, in its first line, or under it ('Moved Cr A / Seconded Cr B').
            if not (above or any(seconded.match(body[k].text.strip()) for k in range(i + 1, j))):
                return 0
            if said.group("outcome").lower() == "carried":
                # The recorded vote, or the movers, printed between the motion and its outcome are not its text.
                stop = next((k for k in range(i + 1, j) if _vote_line(body[k].text.strip())
                             or seconded.match(body[k].text.strip())), j)
                stem = inline.group("text") if inline else first
                items = _list_items(_paragraphs(body[i + 1 : stop])) if pattern(RULES, "stem_that").match(stem) else []
                if items:
                    out.extend(_listed(items, item, said.group("outcome")))
                else:
                    text = _text(body[i:stop], inline.group("text")) if inline else _text(body[i:stop])
                    out.append(Resolution(item.number, item.title, None, text, said.group("outcome"), body[i].page))
            return j + 1
    return 0


def _vote_line(text: str) -> bool:
    """A recorded vote's first line: a roll-call label, or counted names ("Recorded vote: Yeas (5): ...")."""
    if vote_label(text) or pattern(RULES, "vote_request").match(text):
        return True
    groups = [m for _, pats in kind_patterns("votes", "labelled_group") for p in pats for m in [p.search(text)] if m]
    return any(m.start() == 0 or text[: m.start()].rstrip().endswith(":") for m in groups)


def with_movers(r: Resolution, body: Sequence[Line], i: int) -> Resolution:
    """A decision read at line i, with its motion's mover, seconder and printed number where they are printed."""
    start = motion_start(body, i, carried_ok=True, stop=_opens_decision)
    mover, seconder = movers_of(body, start, i + 1)
    number = resolution_number(body, start, i + 1)
    return replace(r, mover=mover, seconder=seconder, resolution_number=number)


def extract_resolutions(item: Section) -> list[Resolution]:
    """The decisions recorded under one minute item: labelled blocks first, then decisions told in prose."""
    body = list(item.lines[1:]) if item.kind != "minutes" else list(item.lines)
    out, used = motion_resolutions(item, body)
    i = 0
    while i < len(body):
        if i in used:
            i += 1
            continue
        before = len(out)
        nxt = _read_at(body, i, item, out)
        out[before:] = [with_movers(r, body, i) for r in out[before:]]
        used.update(range(i, nxt))
        i = max(nxt, i + 1)
    rest = [ln for k, ln in enumerate(body) if k not in used]
    out += prose_resolutions(item, rest)
    printed = _printed_heading(item)
    heading = pattern(RULES, "heading_outcome").match(printed) if item.kind == "minute_item" else None
    if heading and not out:
        # "Constitution and Standing Orders Adopted": the heading is the record of the decision.
        out.append(Resolution(item.number, item.title, None, printed, heading.group("keyword"), item.page_start))
    return out


def _printed_heading(item: Section) -> str:
    """The item's heading as printed: its first line without the number when that line holds the whole title."""
    title = " ".join((item.title or "").split())
    if not item.lines or not title:
        return title
    first = " ".join(re.sub(r"^\(?[\w.]{1,6}[.)]+\s+", "", item.lines[0].text.strip(), count=1).split())
    return first if first.startswith(title) else title


def _read_at(body: list[Line], i: int, item: Section, out: list[Resolution]) -> int:
    """Read a labelled decision starting at line i; the index after what it used (i when none)."""
    ln = body[i]
    text = re.sub(r"^[^\w(\u201c\"']+", "", ln.text.strip()) or ln.text.strip()  # bullets and stray glyphs
    label = pattern(RULES, "label").match(text)
    inline = next((m for m in (p.match(text) for p in patterns(RULES, "inline")) if m), None)
    whole = pattern(RULES, "whole").match(text)
    if whole:
        motion = _motion_above(body, i)
        if motion:
            out.append(Resolution(item.number, item.title, None, motion, whole.group("keyword") or whole.group("bare"), ln.page))
        return i + 1
    moved = next((m for m in (p.match(text) for p in patterns(RULES, "moved_lines")) if m), None)
    if moved:
        out.append(Resolution(item.number, item.title, None, moved.group("text").strip(), moved.group("keyword"), ln.page))
        return i + 1
    block = _motion_block(body, i, item, out)
    if block:
        return block
    carried = pattern(RULES, "carried_stem").search(text) if not (label or inline) else None
    carried = carried or (pattern(RULES, "adopted_stem").search(text) if not (label or inline) else None)
    if carried and (_that_follows(body, i) or carried.re is pattern(RULES, "adopted_stem")):
        label = carried
    if not (label or inline):
        return i
    if label and i + 1 < len(body) and _opens_decision(body[i + 1].text.strip()):
        return i + 1  # 'Decision' over 'RESOLVED: That ...': the decision is under the label that says it
    keyword = (label or inline).group("keyword")
    paras = _paragraphs(body[i + 1 :])
    stem_lines = [ln]
    if inline:
        # The inline text runs on until the paragraph ends.
        rest = paras[0] if paras and not _gap(ln, paras[0][0]) else []
        if rest and not _marker(rest):
            # A line ending in a colon announces what follows (a table of payments): the decision's words end there.
            cut = 0 if _announces(ln.text) else next((k + 1 for k, r in enumerate(rest) if _announces(r.text)), len(rest))
            stem_lines += rest[:cut]
            paras = ([rest[cut:]] if rest[cut:] else []) + paras[1:]
        bullet = pattern(RULES, "bullet")
        while paras and bullet.match(paras[0][0].text) and (bullet.match(stem_lines[-1].text) or stem_lines[-1].text.rstrip().endswith(":")):
            stem_lines += paras[0]  # bullets under the decision, carried over a page break
            paras = paras[1:]
        stem = _text(stem_lines, inline.group("text"))
        if not _announces(stem):
            out.append(Resolution(item.number, item.title, None, stem, keyword, ln.page))
            return i + len(stem_lines)
    items = _list_items(paras, stem_open=True)
    if items:
        out.extend(_listed(items, item, keyword))
        last = items[-1][1][-1]
        return next(k for k in range(i, len(body)) if body[k] is last) + 1
    if inline and not items and _announces(stem_lines[-1].text):
        # "... and RESOLVED that the following payments be approved:" over a table, not a list: the words printed.
        out.append(Resolution(item.number, item.title, None, _text(stem_lines, inline.group("text")), keyword, ln.page))
        return i + len(stem_lines)
    if paras and carried and _opens_decision(paras[0][0].text.strip()):
        return i + 1  # "the following resolution was adopted:" then "RESOLVED, that ...", read on its own
    if paras and (label or carried):
        para = paras[0]
        if pattern(RULES, "stem_that").match(para[0].text.strip()):
            # "That the Committee:" introduces the decision below it; the stem is not the decision.
            para = para[1:] or (paras[1] if len(paras) > 1 else [])
        if not para:
            return i + 1
        out.append(Resolution(item.number, item.title, None, _text(para), keyword, para[0].page))
        return next(k for k in range(i, len(body)) if body[k] is para[-1]) + 1
    return i + len(stem_lines)
