"""Who attended, as minutes record it: labelled lists, roll-call tables, and sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from ..models import Line, Person, Section
from ..rules import any_match, kind_patterns, load_rules, pattern, patterns
from .people import (
    honorific_of,
    only_honorifics,
    parse_person,
    plural_honorifics,
    split_at_honorifics,
    split_outside_brackets,
)

# A full stop that ends a sentence: not after an initial ("Jesus M. Gomez") or a title ("Mr.").
SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bMrs)\.\s+(?=[A-Z0-9(])")
SEPARATOR = re.compile(r"^[*=_\-\u2013\u2014. ]{3,}$")


@cache
def _label_re() -> tuple[tuple[str, re.Pattern[str]], ...]:
    labels = load_rules("people")["attendance_labels"]
    return tuple(
        (status, re.compile(rf"^(?:{'|'.join(alts)})\s*(?::-?|\s*[\u2013-]\s|$)\s*(?P<rest>.*)$", re.IGNORECASE))
        for status, alts in labels.items()
    )


def _unspace(text: str) -> str:
    """'P R E S E N T:' -> 'PRESENT:'."""
    m = re.match(r"^((?:[A-Za-z] ){2,}[A-Za-z])\s*(:.*)?$", text)
    return m.group(1).replace(" ", "") + (m.group(2) or "") if m else text


def _label(text: str) -> tuple[str, str] | None:
    text = _unspace(pattern("people", "label_bullet").sub("", text.strip()))
    for status, rx in _label_re():
        m = rx.match(text)
        if m:
            return status, m.group("rest")
    return None


def join_lines(lines: Sequence[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen joins the next without a space."""
    out = ""
    for ln in lines:
        ln = ln.strip()
        if out.endswith("-") and ln:
            out += ln
        else:
            out = f"{out} {ln}" if out else ln
    return out


def people_in(entries: list[str], status: str | None, page: int) -> list[Person]:
    """Parse entries; an honorific given once for a list ('Councillors A, B and C') applies to each."""
    found = []
    carried = None
    pending = ""  # an honorific printed apart from its name ("His Worship, Mayor Katz")
    for entry in entries:
        if only_honorifics(entry):
            pending = f"{pending} {entry}".strip()
            continue
        entry, pending = f"{pending} {entry}".strip(), ""
        hon, _ = honorific_of(entry)
        if hon and entry.split()[0].lower() in plural_honorifics():
            carried = hon  # "Councillors A, B and C": the plural honorific applies to each name
        parsed = parse_person(entry)
        if parsed is None:
            continue
        h, name, role = parsed
        found.append(Person(name=name, honorific=h or carried, role=role, page=page, status=status))
    return found


def line_entries(line: Line) -> list[str]:
    """The names one line lists: names may stand in columns (each segment is an entry), be
    separated by commas, or follow one another, each opened by its honorific."""
    return [part for seg in (line.segments or (line.text,)) for entry in split_outside_brackets(seg)
            for part in split_at_honorifics(entry)]


def block_people(block: list[Line], status: str | None) -> list[Person]:
    """The people a labelled block lists, one per line or run on."""
    if status == "substitute":
        drop = pattern("people", "substitute_for")
        block = [with_text(ln, drop.sub("", ln.text)) for ln in block]
    texts = [ln.text for ln in block]
    one_per_line = len(texts) > 1 and all("," not in t for t in texts)
    if one_per_line:
        return [p for ln in block for p in people_in(line_entries(ln), status, ln.page)]
    entries = [part for e in split_outside_brackets(join_lines(texts)) for part in split_at_honorifics(e)]
    return people_in(entries, status, block[0].page)


def find_attendance(head: Sequence[Line]) -> list[Person]:
    """Labelled attendance lists in the lines before the first minute item."""
    found: list[Person] = []
    status, block, label_x0 = None, [], 0.0
    bullet = pattern("people", "label_bullet")
    for ln in [*head, None]:
        label = _label(ln.text) if ln is not None else None
        end = (
            ln is None or label is not None or SEPARATOR.match(ln.text.strip()) or (ln.is_bold and ln.text.isupper())
            # the next point of a bulleted list, or a line set left of a bulleted label, is not part of its list
            or (status is not None and (bullet.match(ln.text.strip()) or ln.x0 < label_x0 - 2))
        )
        if end:
            if status and block:
                found.extend(block_people(block, status))
            status, block = None, []
            if label:
                status, rest = label
                label_x0 = ln.x0 if bullet.match(ln.text.strip()) else float("-inf")
                if rest.strip():
                    block.append(with_text(ln, rest))
            continue
        if status:
            block.append(ln)
    return found


def _column_of(span: tuple[float, float], header: Line) -> int:
    """The header column a cell falls under: the one it overlaps most, else the nearest."""
    def score(col: tuple[float, float]) -> tuple[float, float]:
        overlap = min(span[1], col[1]) - max(span[0], col[0])
        return overlap, -abs((span[0] + span[1]) - (col[0] + col[1]))
    return max(range(len(header.segment_spans)), key=lambda j: score(header.segment_spans[j]))


def _table_header(line: Line) -> dict[str, int] | None:
    """Which segment of a roll-call table's header line holds the name, the status and the role."""
    columns: dict[str, int] = {}
    for key, pats in kind_patterns("people", "attendance_table_columns"):
        for j, seg in enumerate(line.segments):
            if any_match(pats, seg.strip()):
                columns.setdefault(key, j)
    return columns if "name" in columns and "status" in columns else None


@cache
def _table_statuses() -> dict[str, str]:
    return {word.lower(): status for status, words in load_rules("people")["attendance_table_status"].items()
            for word in words}


def find_attendance_table(lines: Sequence[Line]) -> list[Person]:
    """A roll-call table: a header naming name and status columns, then a row per person, until a row
    whose status cell is not a known attendance word."""
    for i, header in enumerate(lines):
        aligned = len(header.segments) >= 2 and len(header.segment_spans) == len(header.segments)
        columns = _table_header(header) if aligned else None
        if columns is None:
            continue
        found: list[Person] = []
        for row in lines[i + 1:]:
            cells: dict[int, list[str]] = {}
            for text, span in zip(row.segments, row.segment_spans):
                cells.setdefault(_column_of(span, header), []).append(text)
            status = _table_statuses().get(" ".join(cells.get(columns["status"], [])).lower())
            parsed = parse_person(" ".join(cells.get(columns["name"], [])))
            if status is None or parsed is None:
                break
            hon, name, role = parsed
            role = role or (" ".join(cells.get(columns["role"], [])) if "role" in columns else None) or None
            found.append(Person(name=name, honorific=hon, role=role, page=row.page, status=status))
        if found:
            return found
    return []


def with_text(line: Line, text: str) -> Line:
    """The line with its label taken off, in its text and in its column segments."""
    segments = list(line.segments)
    while segments and not text.startswith(segments[0]):
        segments.pop(0)
    return replace(line, text=text, segments=tuple(segments) or (text,))


def find_apologies(items: Sequence[Section]) -> list[Person]:
    """Apologies reported in sentences ('Apologies were received from Cllr Clarke.')."""
    found: list[Person] = []
    for item in items[:3]:
        text = join_lines([ln.text for ln in item.lines[1:]])
        for rx in patterns("people", "apology_sentences"):
            m = rx.search(text)
            if m:
                names = SENTENCE_END.split(m.group("names"))[0].rstrip(".")
                page = next((ln.page for ln in item.lines if "polog" in ln.text), item.page_start)
                found.extend(people_in(split_outside_brackets(names), "apologies", page))
                break
    return found


def _sentence_entries(names: str) -> list[str]:
    """'A, Director; B, Counsel; and C, Clerk' -> 'A (Director)', ...; else the usual list split."""
    if ";" not in names:
        return split_outside_brackets(names)
    entries = []
    for part in re.split(r";\s*(?:and\s+)?", names):
        name, _, role = part.partition(",")
        role = role.strip(" .")
        entries.append(f"{name.strip()} ({role})" if role else name.strip())
    return entries


def find_attendance_sentences(lines: Sequence[Line], statuses: Sequence[str] | None = None) -> list[Person]:
    """Attendance reported in sentences at the opening of minutes (US minutes often do), of the
    given statuses (all when None)."""
    page = lines[0].page if lines else 0
    found: list[Person] = []
    for sentence in SENTENCE_END.split(join_lines([ln.text for ln in lines])):
        for status, pats in kind_patterns("people", "attendance_sentences"):
            if statuses is not None and status not in statuses:
                continue
            m = next((m for m in (rx.search(sentence) for rx in pats) if m), None)
            if m:
                found.extend(people_in(_sentence_entries(m.group("names")), status, page))
    return found


def extract_attendees(minutes: Section) -> list[Person]:
    """Everyone the minutes record as present, attending, absent or sending apologies."""
    first = minutes.children[0].lines[0] if minutes.children and minutes.children[0].lines else None
    head = [ln for ln in minutes.lines if first is None or (ln.page, ln.top) < (first.page, first.top)]
    people = find_attendance(head)
    if not any(p.status in ("present", "virtual") for p in people):
        # Minutes that open with a roll call print it as a table, before or inside the first item,
        # or report it in sentences.
        opening = head + [ln for item in minutes.children[:1] for ln in item.lines]
        people += find_attendance_table(opening) or find_attendance_sentences(opening)
    if not any(p.status == "apologies" for p in people):
        people += find_apologies(minutes.children)
    # "Ms L Game and Ms T Scott were in attendance virtually.", "Councillor Y attended as a substitute
    # for Councillor X." under the apologies item
    said = {"virtual", "substitute"} - {p.status for p in people}
    if said:
        people += find_attendance_sentences([ln for item in minutes.children[:3] for ln in item.lines], tuple(said))
    seen, named, unique = set(), set(), []
    for p in people:
        key = (p.name.lower(), (p.honorific or "").lower(), p.status)
        # The same name with no honorific, reported again in a sentence, is the same person.
        if key in seen or (not p.honorific and (p.name.lower(), p.status) in named):
            continue
        seen.add(key)
        named.add((p.name.lower(), p.status))
        unique.append(p)
    return unique
