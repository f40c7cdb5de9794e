"""Blocks -> the outline: numbered headings as a tree, whose outer level is a document's items.

Numbering is a tree. A list is a run of labels of one style that count up by one (1, 2, 3;
A, B, C; I, II, III; 21.01.01, 21.01.02; 21-324, 21-325). The items are the outer list: the
one whose members look like headings (bold or larger than the body) and that no other list
holds inside one of its items. Under an item, labels that extend its own (2 -> 2-A, A -> A-1,
1 -> 1a) are its sub-items; in an agenda, a list that starts again at 1 (or A, or a) indented
under an item is its sub-items too (V -> A, B, C -> 1, 2, 3). Numbered paragraphs inside an
item of minutes (Kent's 1) to 26) under minute 285) are never items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .blocks import Block, Label, is_file_number, run_in_heading

INDENT_STEP = 8.0  # points a sub-list sits to the right of the label it hangs under


@dataclass(frozen=True)
class Node:
    """One heading of the outline: its block, the label reading it was taken with, its number
    (as printed, or the path from the outer level for lists numbered afresh under an item),
    its level (1 = outer) and the position of its parent among the nodes (None at level 1)."""

    block: Block
    label: Label
    number: str
    level: int
    parent: int | None


def _follows(a: Label, b: Label) -> bool:
    return a.key == b.key and b.value == a.value + 1


def _longest_run(cands: Sequence[tuple[Block, Label]]) -> list[tuple[Block, Label]]:
    """The longest subsequence whose labels count up by exactly one. A list that starts again
    at one, at the same left edge, between two labels cuts them apart: the '4.' after it is
    that list's own (a sub-list indented under an item does not)."""
    best: list[list[tuple[Block, Label]]] = []
    restarts = [(b.index, b.line.x0) for b, label in cands if label.value == 1]
    for j, (block, label) in enumerate(cands):
        chain = [(block, label)]
        for i in range(j):
            before, x0 = cands[i][0].index, cands[i][0].line.x0
            if (before < block.index and _follows(cands[i][1], label) and len(best[i]) + 1 > len(chain)
                    and not any(before < r < block.index and abs(x - x0) <= 4 for r, x in restarts)):
                chain = best[i] + [(block, label)]
        best.append(chain)
    return max(best, key=len, default=[])


def _increasing(cands: Sequence[tuple[Block, Label]]) -> list[tuple[Block, Label]]:
    """The longest subsequence whose labels only increase."""
    best: list[list[tuple[Block, Label]]] = []
    for j, (block, label) in enumerate(cands):
        chain = [(block, label)]
        for i in range(j):
            if (cands[i][1].value, cands[i][1].parts[-1]) < (label.value, label.parts[-1]) and len(best[i]) + 1 > len(chain):
                chain = best[i] + [(block, label)]
        best.append(chain)
    return max(best, key=len, default=[])


def _candidates(blocks: Sequence[Block]) -> dict[tuple, list[tuple[Block, Label]]]:
    by_key: dict[tuple, list[tuple[Block, Label]]] = {}
    for b in blocks:
        for label in b.labels:
            by_key.setdefault(label.key, []).append((b, label))
    return by_key


def _lists(cands: Sequence[tuple[Block, Label]], most: int = 4) -> list[list[tuple[Block, Label]]]:
    """The longest list among the labels, then the longest among the rest, and so on."""
    found, rest = [], list(cands)
    while rest and len(found) < most:
        run = _longest_run(rest)
        if len(run) < 2 and found:
            break
        found.append(run)
        taken = {b.index for b, _ in run}
        rest = [c for c in rest if c[0].index not in taken]
    return found


def _runs(blocks: Sequence[Block]) -> list[list[tuple[Block, Label]]]:
    """For each numbering style, its lists, and its lists of styled headings ('01 Jon Nicholls'
    in a table must not outnumber the bold '1 Welcome'). 'Item N' labels need not count up."""
    runs: list[list[tuple[Block, Label]]] = []
    at = {b.index: i for i, b in enumerate(blocks)}
    for key, cands in _candidates(blocks).items():
        if key[3] == "item":
            styled = [c for c in cands if c[0].is_styled]
            runs.append(styled or cands)
            continue
        if key[0] >= 2 and (key[3].startswith("(") or all(is_file_number(label) for _, label in cands)):
            # File numbers ('(21-324) Public Hearing ...', '24-0312 Resolution Adopting ...')
            # identify items, they do not count them: they only increase. A paragraph they open that is prose, not a title
            # ('(21-328) Erin Fraser, Alameda, stated ...'), is a public comment, not an item.
            titled = [c for c in cands if heading_like(_heading_text(blocks, at[c[0].index]), stop_allowed=True)]
            runs.append(_increasing(titled))
            continue
        plain = _lists(cands)
        runs += plain
        seen = {tuple(b.index for b, _ in r) for r in plain}
        runs += [r for r in _lists([c for c in cands if c[0].is_styled]) if tuple(b.index for b, _ in r) not in seen]
    lists = [r for r in runs if len(r) >= 2]
    return lists or [r for r in runs if r and r[0][0].is_styled]


def _nested(inner: Sequence[tuple[Block, Label]], outer: Sequence[tuple[Block, Label]]) -> str | None:
    """Where every member of `inner` lies inside one item of `outer`: 'between' two of its
    headings, 'after' its last (whose end is not known), or None."""
    starts = [b.index for b, _ in outer]
    spans = {sum(1 for s in starts if s < b.index) for b, _ in inner}
    if len(spans) != 1 or 0 in spans:
        return None
    return "after" if spans == {len(starts)} else "between"


def _compact(run: Sequence[tuple[Block, Label]]) -> bool:
    """Members on consecutive lines (a wrapped line at most between them): a list in a text, not headings."""
    gaps = sorted(b.index - a.index for (a, _), (b, _) in zip(run, run[1:]))
    return bool(gaps) and gaps[len(gaps) // 2] <= 2


def _styled_count(run: Sequence[tuple[Block, Label]]) -> int:
    return sum(1 for b, _ in run if b.is_styled)


def outer_run(blocks: Sequence[Block]) -> list[tuple[Block, Label]]:
    """The outer level: the list with the most headings set in bold or larger type, then one that
    no other such list holds inside one of its items, then the longest."""
    runs = _runs(blocks)
    if not runs:
        return []

    def rank(run):
        styled = _styled_count(run)
        peers = [r for r in runs if r is not run and _styled_count(r) >= styled]
        where = {_nested(run, other) for other in peers}
        # Inside an item's span is strong evidence; after the last item of a list (a preamble's
        # short list is followed by the whole document) only for a compact list.
        inside = "between" in where or ("after" in where and _compact(run))
        return (styled, not inside, len(run), -run[0][0].index)

    return max(runs, key=rank)


def _compose(parent: str, child: str) -> str:
    """The path of a sub-item numbered afresh, with a separator only where two parts would run
    together: '1' + 'a' -> '1a', '10' + 'A' -> '10A', 'V' + 'C' -> 'V.C', 'V.C' + '1' -> 'V.C.1'."""
    if parent[-1:].isdigit() and child.isalpha():
        return parent + child
    return f"{parent}.{child}"


SMALL_WORDS = frozenset("a an and as at by for from in into of on or per the to with via".split())


def _heading_text(blocks: Sequence[Block], at: int) -> str:
    """The words a numbered block opens with, as a reader takes its heading: a bold run-in
    heading alone ('CALL TO ORDER / GENERAL INTRODUCTION:' before plain text), else the line and
    the lines it wraps onto, up to the end of its first sentence (at most three lines)."""
    block = blocks[at]
    run_in = run_in_heading(block.line, len(block.title.split()))
    if run_in:
        return run_in
    parts, prev = [block.title], block.line
    left = block.line.x0
    for nxt in blocks[at + 1 : at + 3]:
        ln = nxt.line
        if re.search(r"[.:;]$", parts[-1].rstrip()) or nxt.labels or ln.page != prev.page:
            break
        if ln.x0 < left - 2 or ln.top - prev.top > max(prev.bottom - prev.top, ln.size) * 1.4:
            break
        parts.append(ln.text)
        prev = ln
    return " ".join(parts)


def heading_like(text: str, stop_allowed: bool = False) -> bool:
    """Set as a heading rather than a sentence: most words capitalised, no full stop at the end
    ('Traffic Impacts on Bay Farm Island', not 'Approved submission of the business case for ... funding.')."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text) if w.lower() not in SMALL_WORDS]
    if not words or (text.rstrip().endswith(".") and not stop_allowed):
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


def _has_bodies(blocks: Sequence[Block], run: Sequence[tuple[Block, Label]], stop: int) -> bool:
    """Some member of the list has text of its own under it: sub-items, not a list of names or
    policies printed one per line ('(i) Risk Assessment' / '(ii) Disciplinary Policy')."""
    starts = [b.index for b, _ in run] + [stop]
    return max(b - a for a, b in zip(starts, starts[1:])) >= 3


def _children(blocks: Sequence[Block], parent: Node, fresh: str) -> list[tuple[Block, Label, str]]:
    """Sub-items under one heading: labels extending the parent's ('2' -> '2-A'), else lists
    numbered afresh under it (starting at one; in the parent's own style only when bold and
    indented), never one that a sentence ending in a colon leads into. In an agenda (`fresh` is
    'indented') such a list counts when indented, set as titles, or announced by the parent's
    colon; in minutes ('headings') only when every member is set as a heading with text of its
    own, so numbered paragraphs and decision lists never become items."""
    plabel = parent.label
    extending = [
        (b, label) for b in blocks for label in b.labels
        if len(label.parts) == len(plabel.parts) + 1 and label.prefix == tuple(p.upper() for p in plabel.parts)
    ]
    at = {b.index: i for i, b in enumerate(blocks)}
    run = _longest_run(extending)
    if run and run[0][1].value == 1:
        # In minutes, '5.1 The committee considered ...' is a numbered paragraph, not a sub-item.
        if fresh == "indented" or all(heading_like(_heading_text(blocks, at[b.index]), stop_allowed=True) for b, _ in run):
            return [(b, label, label.printed) for b, label in run]
    if not fresh:
        return []
    x0 = parent.block.line.x0
    starts = [
        (b, label) for b in blocks for label in b.labels
        if label.value == 1 and len(label.parts) == 1 and label.style != "item"
        # a list in the parent's own style is its sub-items only when set as headings and indented
        and (label.key != plabel.key or (b.is_styled and b.line.x0 >= x0 + INDENT_STEP))
    ]
    kids: list[tuple[Block, Label, str]] = []
    for first in starts:
        if kids and (first[1].key != kids[0][1].key or first[0].index <= kids[-1][0].index):
            continue  # after one list, only the same list started again (under sub-headings) follows
        cands = [(b, label) for b in blocks for label in b.labels if label.key == first[1].key and b.index >= first[0].index]
        run = _longest_run(cands)
        if not run or run[0][0] is not first[0]:
            continue
        lead = blocks[at[first[0].index] - 1] if at[first[0].index] else parent.block
        sentence = not lead.line.text.isupper()  # 'REGULAR ACTIONS OF THE BOARD:' heads a group
        if lead is not parent.block and sentence and lead.line.text.rstrip().endswith(":"):
            continue  # a list completing a sentence ('the following policies:') is that sentence's
        indented = all(b.line.x0 >= x0 + INDENT_STEP * 0.5 for b, _ in run)
        texts = [_heading_text(blocks, at[b.index]) for b, _ in run]
        headings = all(heading_like(t) for t in texts)
        stop = blocks[-1].index + 1 if blocks else 0
        if fresh == "indented" and indented and not any(t.rstrip().endswith(".") for t in texts):
            headings = True  # an agenda's indented sub-list of titles
        if fresh == "indented" and parent.block.title.rstrip().endswith(":"):
            headings = True  # an agenda item that announces its list ('Approval of Resolutions/Motions:')
        if headings and (fresh == "indented" or _has_bodies(blocks, run, stop)):
            kids += [(b, label, _compose(parent.number, label.parts[0])) for b, label in run]
    return kids


def build_outline(blocks: Sequence[Block], fresh_sublists: str) -> list[Node]:
    """The outline in reading order: the outer list and, under each item, its sub-items (to any depth)."""
    outer = outer_run(blocks)
    nodes: list[Node] = []

    def add(block: Block, label: Label, number: str, level: int, parent: int | None, stop: int) -> None:
        node = Node(block, label, number, level, parent)
        nodes.append(node)
        here = len(nodes) - 1
        inside = [b for b in blocks if block.index < b.index < stop]
        kids = _children(inside, node, fresh_sublists) if level < 4 else []
        for k, (b, label_k, num) in enumerate(kids):
            end = kids[k + 1][0].index if k + 1 < len(kids) else stop
            add(b, label_k, num, level + 1, here, end)

    for k, (block, label) in enumerate(outer):
        stop = outer[k + 1][0].index if k + 1 < len(outer) else len(blocks) + 10**6
        add(block, label, label_number(label), 1, None, stop)
    return nodes


def label_number(label: Label) -> str:
    """The number as a reader quotes it: '283', '21.01.01', '21-324', 'PHHI 21', '12/24'; 'Item 5' -> '5'."""
    return label.parts[-1] if label.style == "item" else label.printed
