"""Votes printed inside sentences: a tally that may wrap over lines, and a roll call with each member's vote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Line
from ..rules import kind_patterns, pattern, patterns
from .attendees import join_lines, people_in

RULES = "votes"


NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def count(text: str | None) -> int | None:
    """A printed count; 'none' and 'no' are 0, an empty group is no count."""
    if not text:
        return None
    word = text.lower()
    return 0 if word in ("none", "no") else NUMBER_WORDS.index(word) + 1 if word in NUMBER_WORDS else int(text)


def _lines_used(texts: Sequence[str], end: int) -> int:
    """How many of the joined lines the text up to `end` reaches into."""
    used, pos = 0, -1
    for t in texts:
        if pos >= end:
            break
        pos += len(t.strip()) + 1
        used += 1
    return max(used, 1)


def sentence_tally(lines: Sequence[Line], i: int) -> tuple[re.Match[str], int] | None:
    """A tally that starts on line i and may run onto the next two lines; with the lines it used."""
    texts = [ln.text for ln in lines[i : i + 3]]
    window, first = join_lines(texts), len(lines[i].text.strip())
    for p in patterns(RULES, "tally"):
        m = p.search(window)
        if m and m.start() < first:
            return m, _lines_used(texts, m.end())
    return None


def _kind(key: str, text: str) -> str | None:
    for kind, pats in kind_patterns(RULES, key):
        for p in pats if isinstance(pats, tuple) else (pats,):
            if p.search(text):
                return kind
    return None


def roll_call_sentence(lines: Sequence[Line], i: int) -> tuple[list[tuple[str, str | None, str]], dict[str, int | None], str, int] | None:
    """'... by the following roll call vote: A: Aye; B: No; ... Ayes: 4. Noes: 1.' starting on line i.

    Returns the named votes, the printed counts, the sentence before the colon and the lines used.
    """
    texts = [ln.text for ln in lines[i : i + 6]]
    window = join_lines(texts)
    m = pattern(RULES, "roll_call_sentence").search(window)
    if not m or m.start() >= len(lines[i].text.strip()):
        return None
    records: list[tuple[str, str | None, str]] = []
    end = m.start("body")
    for entry in re.split(r"[;.]\s*", m.group("body")):
        entry = entry.strip()
        mv = pattern(RULES, "member_vote").match(entry)
        if not mv:
            break
        end = window.index(entry, end) + len(entry)
        kind = _kind("vote_words", mv.group("vote"))
        name = pattern(RULES, "name_titles").sub("", mv.group("name")).strip()
        if kind and name:
            records.extend((p.name, p.honorific, kind) for p in people_in([name], kind, 0))
    if not records:
        return None
    counts: dict[str, int | None] = {"for": None, "against": None, "abstain": None}
    tail = window[end : end + 80]
    for kind, pats in kind_patterns(RULES, "count_label"):
        for p in pats if isinstance(pats, tuple) else (pats,):
            c = p.search(tail)
            if c:
                counts[kind] = int(c.group("count"))
                end = max(end, window.index(c.group(0), end) + len(c.group(0)))
    # The outcome is said in the sentence that introduces the roll call, which may start a line above.
    said = join_lines([*(ln.text for ln in lines[max(0, i - 1) : i]), window[: m.start()]])
    return records, counts, said, _lines_used(texts, end)


def motion_number(lines: Sequence[Line], before: int) -> str | None:
    """The printed number of the motion a vote follows ("Motion No. 3"), in a record with no minute numbers."""
    return motion_numbers(lines[: before + 1])[before]


def motion_numbers(lines: Sequence[Line]) -> list[str | None]:
    """motion_number for every line at once, in one pass: the last motion heading above each line."""
    heading = pattern(RULES, "motion_heading")
    numbers: list[str | None] = []
    last = None
    for line in lines:
        numbers.append(last)
        text = line.text.strip()
        if heading.match(text):
            last = text
    return numbers


def _groups(window: str) -> list[tuple[str, re.Match[str]]]:
    """Every labelled, counted group in the text ("Yeas (5):", "Nays (2):"), in print order."""
    found = [(kind, m) for kind, pats in kind_patterns(RULES, "labelled_group") for p in pats for m in p.finditer(window)]
    return sorted(found, key=lambda km: km[1].start())


def _names_end(text: str) -> int:
    """Where a group's names stop: a semicolon, or a full stop that is not an initial's."""
    for m in re.finditer(r";|\.(?=\s|$)", text):
        if m.group(0) == "." and re.search(r"(?:^|\s)[A-Z]$", text[: m.start()]):
            continue  # "P. Ostrowski"
        return m.start()
    return len(text)


def labelled_sentence(lines: Sequence[Line], i: int) -> tuple[list[tuple[str, str, int, int]], str | None, str, int] | None:
    """'Recorded vote: Yeas (5): A, B; Nays (2): C. Carried' printed in running text from line i.

    Returns each group (kind, names as printed, count, end), the outcome printed after it, the text of line i
    before the first group ("... the motion was carried on a recorded vote:") and the lines used.
    A group that starts a line with no other on it is a vote block's heading, read elsewhere.
    """
    texts = [ln.text for ln in lines[i : i + 6]]
    window, first = join_lines(texts), len(lines[i].text.strip())
    found = _groups(window)
    if not found or found[0][1].start() >= first:
        return None
    on_line = [g for g in found if g[1].start() < first]
    if found[0][1].start() == 0 and len(on_line) < 2:
        return None
    groups: list[tuple[str, str, int, int]] = []
    for k, (kind, m) in enumerate(found):
        stop = found[k + 1][1].start() if k + 1 < len(found) else len(window)
        text = window[m.end() : stop]
        end = _names_end(text)
        groups.append((kind, text[:end].strip(" ,;"), int(m.group("count")), m.end() + end))
        if text[end:].strip(" ,;."):
            break  # the sentence ended before the next label: that label is another vote's
    end = groups[-1][3]
    rest = window[end:].lstrip(" ;.")
    said = pattern(RULES, "outcome_after").match(rest)
    outcome = said.group("outcome") if said else None
    if said:
        end = len(window) - len(rest) + said.end()
    return groups, outcome, window[: found[0][1].start()], _lines_used(texts, end)
