"""Decisions recorded in minutes: labelled blocks, inline 'RESOLVED that', numbered lists under one label.

A resolution is never inferred: only text introduced by a decision keyword becomes a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line, Resolution, Section
from ..rules import pattern, patterns
from .attendees import join_lines

RULES = "resolutions"


def _gap(prev: Line, ln: Line) -> bool:
    """A paragraph break: a new page or a vertical gap wider than a line."""
    return ln.page != prev.page or ln.top - prev.bottom > ln.size * 0.9


def _paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    paras: list[list[Line]] = []
    for ln in lines:
        if paras and not _gap(paras[-1][-1], ln) and not pattern(RULES, "list_marker").match(ln.text):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _is_subheading(para: list[Line]) -> bool:
    """A one-line heading between list items ("Kent Pay Scheme 2025-26", "In addition:")."""
    text = para[0].text.strip()
    return len(para) == 1 and len(text) < 80 and not text.endswith((".", ";", ","))


def _list_items(paras: list[list[Line]], stem_open: bool = False) -> list[list[Line]]:
    """Consecutive paragraphs that each open with a list marker (a page break may split one).

    After a stem that ends in a colon, a quoted preamble and one-line sub-headings between
    the items are passed over; they are not decisions.
    """
    marker = pattern(RULES, "list_marker")
    items: list[list[Line]] = []
    for k, para in enumerate(paras):
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if marker.match(para[0].text):
            items.append(list(para))
        elif items and para[0].page != items[-1][-1].page and not para[0].text[:1].isupper():
            items[-1].extend(para)  # the same item carried over a page break
        elif stem_open and not items and k < 3:
            continue  # the preamble under "RESOLVED that:"
        elif items and _is_subheading(para) and nxt is not None and marker.match(nxt[0].text):
            continue
        else:
            break
    return items


def _text(lines: Sequence[Line], first: str | None = None) -> str:
    texts = [ln.text for ln in lines]
    if first is not None:
        texts[0] = first
    return join_lines(texts).strip("\u201c\u201d\" ")


def _listed(items: list[list[Line]], item: Section, keyword: str) -> list[Resolution]:
    out = []
    for n, lines in enumerate(items, start=1):
        m = pattern(RULES, "list_marker").match(lines[0].text)
        out.append(Resolution(item.number, item.title, n, _text(lines, m.group("text")), keyword, lines[0].page))
    return out


def extract_resolutions(item: Section) -> list[Resolution]:
    """The decisions recorded under one minute item."""
    body = list(item.lines[1:]) if item.kind != "minutes" else list(item.lines)
    out: list[Resolution] = []
    i = 0
    while i < len(body):
        ln = body[i]
        text = re.sub(r"^[^\w(\u201c\"']+", "", ln.text.strip()) or ln.text.strip()  # bullets and stray glyphs
        label = pattern(RULES, "label").match(text)
        inline = next((m for m in (p.match(text) for p in patterns(RULES, "inline")) if m), None)
        whole = pattern(RULES, "whole").match(text)
        if whole:
            out.append(Resolution(item.number, item.title, None, text, whole.group("keyword"), ln.page))
            i += 1
            continue
        moved = next((m for m in (p.match(text) for p in patterns(RULES, "moved_lines")) if m), None)
        if moved:
            text_moved, keyword_moved = moved.group("text").strip(), moved.group("keyword")
            out.append(Resolution(item.number, item.title, None, text_moved, keyword_moved, ln.page))
            i += 1
            continue
        if not (label or inline):
            i += 1
            continue
        keyword = (label or inline).group("keyword")
        paras = _paragraphs(body[i + 1 :])
        stem_lines = [ln]
        if inline:
            # The inline text runs on until the paragraph ends.
            rest = paras[0] if paras and not _gap(ln, paras[0][0]) else []
            if rest and not pattern(RULES, "list_marker").match(rest[0].text):
                stem_lines += rest
                paras = paras[1:]
            stem = _text(stem_lines, inline.group("text"))
            if not stem.rstrip().endswith(":"):
                out.append(Resolution(item.number, item.title, None, stem, keyword, ln.page))
                i += len(stem_lines)
                continue
        items = _list_items(paras, stem_open=bool(inline) or bool(label))
        if items:
            out.extend(_listed(items, item, keyword))
            i += len(stem_lines) + sum(len(x) for x in items)
        elif paras and label:
            out.append(Resolution(item.number, item.title, None, _text(paras[0]), keyword, paras[0][0].page))
            i += 1 + len(paras[0])
        else:
            i += len(stem_lines)
    return out
