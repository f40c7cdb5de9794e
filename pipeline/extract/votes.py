"""Recorded votes: 'For (57)' / 'Against (0)' blocks with names, and US roll calls ('AYES: ...')."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..models import Line, Section, Vote
from ..rules import kind_patterns, pattern, patterns
from .attendees import join_lines, people_in
from .movers import motion_start, movers_of
from .people import split_outside_brackets
from .vote_sentences import count, labelled_sentence, motion_number, motion_numbers, roll_call_sentence, sentence_tally

RULES = "votes"
# Where the next label of a roll call starts on the same line, after a full stop or a semicolon.
ROLL_LABEL_RUN_ON = re.compile(r"(?<=[.;])\s+(?=(?:ayes|noes|nays|yeas|abstain(?:ed|ing|ions?)?|abstentions?|absent)\s*:)", re.IGNORECASE)


def _match_kind(key: str, text: str) -> tuple[str, re.Match[str]] | None:
    for kind, pats in kind_patterns(RULES, key):
        for p in pats if isinstance(pats, tuple) else (pats,):
            m = p.match(text)
            if m:
                return kind, m
    return None


def _tally(text: str) -> re.Match[str] | None:
    return next((m for m in (p.search(text) for p in patterns(RULES, "tally")) if m), None)


def _result(text: str) -> str | None:
    if pattern(RULES, "withdrawn").search(text):
        return "withdrawn"
    if pattern(RULES, "lost").search(text):
        return "lost"
    if pattern(RULES, "carried").search(text):
        return "carried"
    return None


def _names(text: str, vote: str) -> list[tuple[str, str | None, str]]:
    titles = pattern(RULES, "name_titles")  # an office before the name ("Madam Speaker Councillor Sharma")
    entries = [titles.sub("", e.replace("*", "")).strip() for e in split_outside_brackets(text)
               if e.lower() not in ("none", "nil", "n/a", "-")]
    return [(p.name, p.honorific, vote) for p in people_in(entries, vote, 0)]


def _quote(text: str) -> str | None:
    m = re.search(r"[\u201c\"](.+?)(?:[\u201d\"]|$)", text)
    return m.group(1).strip() if m else None


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.;:])(?:\s|$)", text)
    return (m.group(1) if m else text).strip()


def _subject(lines: Sequence[Line], before: int, head: str = "") -> str | None:
    """The motion voted on: the quoted text of the paragraph it refers to, else of the last proposal.

    `head` is the text printed before the vote on its own line ("to approve the agenda. Motion carried 5-0.").
    """
    prior = [ln.text for ln in lines[:before]] + ([head] if head.strip() else [])
    window = join_lines(prior[-6:])
    asked = pattern(RULES, "vote_on").search(join_lines(prior[-3:]))
    if asked:
        return asked.group("subject").strip()
    ref = pattern(RULES, "paragraph_reference").search(window)
    if ref:
        marker = re.compile(rf"^\(?{ref.group('number')}[.)]\s")
        start = next((i for i in range(len(prior) - 1, -1, -1) if marker.match(prior[i])), None)
        if start is not None:
            q = _quote(join_lines(prior[start : start + 40]))
            if q:
                return _first_sentence(q)
    for i in range(len(prior) - 1, -1, -1):
        found = pattern(RULES, "proposal").search(prior[i])
        if found:
            # The proposal's sentence starts after the last full stop before it on its line.
            start = max((m.end() for m in re.finditer(r"[.;]\s+(?=[A-Z])", prior[i][: found.start()])), default=0)
            if any(p.match(prior[i].strip()) for p in patterns(RULES, "mover_lines")):
                # "Moved by: X" / "Seconded by: Y" / "That ...": the motion is the paragraph after the labels.
                k = next((k for k in range(i + 1, len(prior)) if re.match(r"(?i)that\b", prior[k].strip())), None)
                if k is None:
                    return None
                said = _first_sentence(join_lines(prior[k : k + 40]))
                if said.endswith(":"):  # "That Council:" over numbered entries: the stem and its first entry
                    rest = re.sub(r"^\(?\w{1,4}[.)]\s+", "", join_lines(prior[k : k + 40])[len(said):].lstrip())
                    said = f"{said} {_first_sentence(rest)}".strip()
                return said
            text = join_lines([prior[i][start:], *prior[i + 1 : i + 40]])
            q = _quote(text)
            said = _first_sentence(q or text)
            clause = pattern(RULES, "proposal_motion").search(said) if not q else None
            return clause.group("subject") if clause else said
    return None


def _bracket_names(tally: re.Match[str]) -> tuple[dict[str, int | None], list[tuple[str, str | None, str]]]:
    """A tally's counts, and the members a bracket after it names ("2-3 (Alvarez, Boyd and Kowalski opposed)")."""
    counts = {k: count(tally.group(k)) for k in ("for", "against", "abstain")}
    third = tally.groupdict().get("third")
    after = tally.string[tally.end() :]
    for kind, pats in kind_patterns(RULES, "bracket_names"):
        m = next((m for m in (p.match(after) for p in pats) if m), None)
        if not m:
            continue
        named = _names(m.group("names"), kind)
        if kind == "abstain" and counts["abstain"] is None and third is not None:
            counts["abstain"] = int(third)  # the third figure, confirmed by the abstainers named
        if counts[kind] is not None and len(named) == counts[kind]:
            return counts, named
    return counts, []


def _tally_sentence(lines: Sequence[Line], i: int, used: int, tally: str) -> str:
    """The sentence a tally is printed in (the outcome of the sentence before is another vote's)."""
    text = join_lines([ln.text for ln in lines[max(0, i - 1) : i + used + 1]])
    at = text.find(tally)
    if at < 0:
        return text
    before = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z])", text[:at])]
    after = re.search(r"[.!?](?:\s+(?=[A-Z])|$)", text[at + len(tally) :])
    end = at + len(tally) + (after.end() if after else len(text))
    return text[(before[-1] if before else 0) : end]


def _movers(lines: Sequence[Line], first: int, end: int) -> tuple[str | None, str | None]:
    """Who moved and seconded the motion whose outcome is printed in lines[first:end]."""
    return movers_of(lines, motion_start(lines, first, stop=_decision_line), end)


def _bare_outcome(text: str, current: str | None, records: Sequence[object]) -> re.Match[str] | None:
    """A short line closing a block of counted names with its outcome alone ("CARRIED", "The motion was lost.")."""
    if current is None and not records:
        return None
    said = pattern(RULES, "outcome_after").match(text)
    # the outcome may close with its count ("CARRIED 6/1"), read as the block's tally
    rest = _tally(text) if said else None
    closed = said is not None and (said.end() >= len(text.rstrip(" .")) or (rest is not None and rest.end() >= len(text.rstrip(" ."))))
    return said if closed and len(text.split()) <= 6 else None


def _split_labels(lines: Sequence[Line]) -> list[Line]:
    """A roll call's labels run on in one line ('Ayes: Bennett, Whitaker, Zhou. Noes: O'Hara, Thompson.'): one line each."""
    out: list[Line] = []
    for ln in lines:
        parts = ROLL_LABEL_RUN_ON.split(ln.text.strip())
        if len(parts) > 1 and _match_kind("roll_call", parts[0]):
            out.extend(dataclasses.replace(ln, text=part, segments=(part,), segment_spans=()) for part in parts)
        else:
            out.append(ln)
    return out


def _decision_line(text: str) -> bool:
    """A decision printed before this motion ('RESOLVED that ...') closes the motion before it."""
    return bool(pattern("resolutions", "label").match(text) or any(p.match(text) for p in patterns("resolutions", "inline")))


def extract_votes(item: Section) -> tuple[list[Vote], list[tuple[int, str]]]:
    """The recorded votes under one minute item, and a note for each count that disagrees with its names."""
    lines = _split_labels(item.lines[1:])
    votes: list[Vote] = []
    notes: list[tuple[int, str]] = []
    i = 0
    last_end = -1  # the line after the last vote read: a roll call straight after a tally names its voters
    numbers = motion_numbers(lines)
    while i < len(lines):
        text = lines[i].text.strip()
        uk = _match_kind("count_heading", text)
        us = _match_kind("roll_call", text)
        number = item.number or numbers[i]
        named = roll_call_sentence(lines, i) if not (uk or us) else None
        if named:
            # Each member's vote printed in one sentence ("Daysog: Aye; Vella: Aye; ... Ayes: 5.").
            records, counts, said, used = named
            votes.append(Vote(number, _subject(lines, i) or item.title, counts["for"], counts["against"],
                              counts["abstain"], _result(said), lines[i].page, tuple(records),
                              *_movers(lines, i, i + 1)))
            i += used
            last_end = i
            continue
        grouped = labelled_sentence(lines, i)
        if grouped:
            # "Recorded vote: Yeas (5): A, B; Nays (2): C." with the outcome after it.
            groups, said, lead, used = grouped
            counts: dict[str, int | None] = {"for": None, "against": None, "abstain": None}
            records: list[tuple[str, str | None, str]] = []
            for kind, names, n, _ in groups:
                counts[kind] = n
                records.extend(_names(names, kind))
            if not said:  # the outcome said before the names ("the motion was carried on a recorded vote:")
                o = pattern(RULES, "outcome_in_sentence").search(join_lines([*(ln.text for ln in lines[max(0, i - 1) : i]), lead]))
                said = (o.group("outcome") or o.group("caps")) if o else None
            votes.append(Vote(number, _subject(lines, i, lead) or item.title, counts["for"], counts["against"],
                              counts["abstain"], _result(said) if said else None, lines[i].page, tuple(records),
                              *_movers(lines, i, i + used)))
            i += used
            last_end = i
            continue
        found = sentence_tally(lines, i) if not (uk or us) else None
        if found:
            # Counts printed in a sentence ("For 10, Against 3, Abstentions 1"), no names.
            tally, used = found
            said_in = _tally_sentence(lines, i, used, tally.group(0))
            res = pattern(RULES, "result_line").search(said_in)
            outcome = (res.group("result") or res.group("outcome") or "") if res else ""
            if not outcome:
                said = pattern(RULES, "outcome_in_sentence").search(said_in)
                outcome = (said.group("outcome") or said.group("caps")) if said else ""
            # A US tally says its outcome itself ("adopted by unanimous consent, 4-0-3").
            outcome = outcome or tally.group(0)
            counts, records = _bracket_names(tally)
            votes.append(Vote(number, _subject(lines, i, tally.string[: tally.start()]) or item.title, counts["for"],
                              counts["against"], counts["abstain"],
                              _result(outcome) if outcome else None, lines[i].page, tuple(records), *_movers(lines, i, i + used)))
            i += used
            last_end = i
            continue
        if not (uk or us):
            i += 1
            continue
        start = i
        counts = {"for": None, "against": None, "abstain": None}
        records = []
        result = None
        current: str | None = None
        buffer: list[str] = []
        beside = False  # the names were printed beside their label, not under it

        def flush() -> None:
            if current is not None:
                names = join_lines(buffer)
                # The count may close names that ran over lines ("For: Cllrs A, B, ... / ... and C (12)").
                closing = re.search(r"\s*\((\d{1,3})\)\.?\s*$", names)
                if closing:
                    counts[current] = counts[current] if counts[current] is not None else int(closing.group(1))
                    names = names[: closing.start()]
                records.extend(_names(names, current))

        while i < len(lines):
            text = lines[i].text.strip()
            head = _match_kind("count_heading", text)
            roll = _match_kind("roll_call", text)
            res = pattern(RULES, "result_line").search(text) or _bare_outcome(text, current, records)
            tally = _tally(text)
            if tally and current is None or (tally and res):
                counts["for"] = counts["for"] if counts["for"] is not None else int(tally.group("for"))
                counts["against"] = counts["against"] if counts["against"] is not None else int(tally.group("against"))
                if tally.group("abstain"):
                    counts["abstain"] = int(tally.group("abstain"))
            if head or roll:
                flush()
                current, m = head or roll
                # A line may read as both ("Ayes:" with no count): the names follow when the roll call's own pattern has them.
                buffer = [m.group("names")] if "names" in m.re.groupindex and m.group("names") else []
                beside = bool(buffer)
                if "count" in m.re.groupindex and m.group("count"):
                    counts[current] = int(m.group("count"))
            elif res:
                flush()
                current, buffer = None, []
                result = _result(res.groupdict().get("result") or res.group("outcome") or "")
                i += 1
                break
            elif pattern(RULES, "roll_call_other").match(text) or re.match(r"^\(?\d{1,3}[.)]\s", text):
                flush()
                current, buffer = None, []
                if not pattern(RULES, "roll_call_other").match(text):
                    break
            elif _decision_line(text):
                flush()  # "RESOLVED – that ..." after the names: the block has ended
                current, buffer = None, []
                break
            elif current is not None and beside and buffer and not re.search(r"(?:[,;&]|\band)\s*$", join_lines(buffer)):
                # Names printed beside their label end with the line unless it breaks off mid-list.
                flush()
                current, buffer = None, []
                break
            elif current is not None:
                # Names set in columns: each run between wide gaps is one entry ("Cllr Brennan   Cllr Flood").
                buffer.append("; ".join(lines[i].segments) + ";" if len(lines[i].segments) > 1 else text)
            elif records or any(v is not None for v in counts.values()):
                break  # the block has ended: the line belongs to the minutes again
            i += 1
        else:
            flush()
        first = start
        if uk is None:
            # A US result printed above the roll call: "RESULT: FAILED [4-2-1-1]".
            above = [ln.text.strip() for ln in lines[max(0, start - 4) : start]]
            for n, t in [*reversed(list(enumerate(above))), (len(above) - 2, join_lines(above[-2:]))]:
                res = pattern(RULES, "result_line").search(t)
                if res:
                    first = max(0, start - len(above) + max(n, 0))
                    result = result or _result(res.group("result") or res.group("outcome") or "")
                    bc = pattern(RULES, "bracket_counts").search(t)
                    if bc:
                        counts = {"for": int(bc.group("ayes")), "against": int(bc.group("nays")),
                                  "abstain": int(bc.group("abstain")) if bc.group("abstain") else None}
                    break
        if not records and result is None and all(n is None for n in counts.values()):
            continue  # labels with nothing legible under them (a scanned form) record no vote
        prev_named = votes[-1].records if votes else ()
        # (the tally's sentence may end on a line of its own: 'Motion carried 4-1 (Trustee' / 'Thompson no).')
        follows = 0 <= last_end <= start <= last_end + 1 and all(
            not (pattern(RULES, "proposal").search(lines[k].text) or _tally(lines[k].text)) for k in range(last_end, start))
        if (uk is None and follows and votes and all(n is None for n in counts.values())
                and all(r in records or (r[0], None, r[2]) in records for r in prev_named)):
            # 'Motion carried 4-1 (Trustee Thompson no).' then 'Ayes: A, B, C, D. Noes: Thompson.': the names of that
            # vote (agreeing with any the bracket named)
            prev = votes[-1]
            for kind, n in (("for", prev.for_count), ("against", prev.against_count), ("abstain", prev.abstain_count)):
                named = sum(1 for r in records if r[2] == kind)
                if n is not None and named and n != named:
                    notes.append((lines[start].page, f"{'minute ' + item.number if item.number else 'vote'}: '{kind}' count {n} but {named} names printed"))
            votes[-1] = dataclasses.replace(prev, records=tuple(records), result=prev.result or result)
            last_end = i
            continue
        if (uk is not None and follows and votes and not votes[-1].records
                and (votes[-1].for_count, votes[-1].against_count) == (counts["for"], counts["against"])):
            # 'On a division, 3 members voted for the amendment and 5 for the motion, as follows:-', then the division
            # itself ('For the motion (5)' / names): one vote, its names from the division.
            prev = votes[-1]
            votes[-1] = dataclasses.replace(prev, records=tuple(records), result=result or prev.result,
                                            abstain_count=prev.abstain_count if counts["abstain"] is None else counts["abstain"])
            last_end = i
            continue
        for kind, n in counts.items():
            named = sum(1 for r in records if r[2] == kind)
            if n is not None and n != named:
                notes.append((lines[start].page, f"{'minute ' + item.number if item.number else 'vote'}: '{kind}' count {n} but {named} names printed"))
        votes.append(Vote(item.number or motion_number(lines, start), _subject(lines, start) or item.title, counts["for"], counts["against"],
                          counts["abstain"], result, lines[start].page, tuple(records), *_movers(lines, first, i)))
    group = pattern(RULES, "group_motion")
    if item.number and not group.search(item.title or ""):
        # "that the Consent Calendar be Approved" after the calendar's last entry: the calendar's vote, not the entry's.
        votes = [dataclasses.replace(v, minute_number=None) if group.search(v.subject or "") else v for v in votes]
    return votes, notes
