"""Roll-call tables in minutes: a status word per row ('Name | Status'), or a mark under a status column
('Commissioner | Present | Absent' with an X per row)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..models import Line, Person
from ..rules import any_match, kind_patterns, load_rules, pattern
from .people import is_note, parse_person


def _column_of(span: tuple[float, float], header: Line) -> int:
    """The header column a cell falls under: the one it overlaps most, else the nearest."""
    def score(col: tuple[float, float]) -> tuple[float, float]:
        overlap = min(span[1], col[1]) - max(span[0], col[0])
        return overlap, -abs((span[0] + span[1]) - (col[0] + col[1]))
    return max(range(len(header.segment_spans)), key=lambda j: score(header.segment_spans[j]))


@cache
def _table_statuses() -> dict[str, str]:
    return {word.lower(): status for status, words in load_rules("people")["attendance_table_status"].items()
            for word in words}


@cache
def _marks() -> frozenset[str]:
    return frozenset(str(m).casefold() for m in load_rules("people")["attendance_table_marks"])


def table_header(line: Line) -> dict[str, int] | None:
    """Which segment of a roll-call table's header line holds the name, the status and the role;
    or, for a table of marks, the name and a column per status ('mark:present', 'mark:absent')."""
    columns: dict[str, int] = {}
    for key, pats in kind_patterns("people", "attendance_table_columns"):
        for j, seg in enumerate(line.segments):
            if any_match(pats, seg.strip()):
                columns.setdefault(key, j)
    if "name" not in columns:
        return None
    if "status" in columns or "representing" in columns:
        return columns
    # 'Commissioner | Present | Absent': each other column headed by an attendance word
    for j, seg in enumerate(line.segments):
        status = _table_statuses().get(seg.strip().lower())
        if j != columns["name"] and status is not None:
            columns.setdefault(f"mark:{status}", j)
    return columns if any(k.startswith("mark:") for k in columns) else None


def _cells(row: Line, header: Line) -> dict[int, list[str]]:
    cells: dict[int, list[str]] = {}
    for text, span in zip(row.segments, row.segment_spans):
        cells.setdefault(_column_of(span, header), []).append(text)
    return cells


def _row_status(cells: dict[int, list[str]], columns: dict[str, int]) -> str | None:
    """The status a row gives: its status cell's word, or the one status column holding a mark
    (a row marked in two columns, or in none, says nothing a reader could take as certain)."""
    if "status" in columns:
        return _table_statuses().get(" ".join(cells.get(columns["status"], [])).lower())
    if "representing" in columns:
        return "present"  # 'Name | Representing': the table lists those present
    marked = {key.split(":", 1)[1]: " ".join(cells[j]).strip().casefold()
              for key, j in columns.items() if key.startswith("mark:") and cells.get(j)}
    if len(marked) != 1 or not all(t in _marks() for t in marked.values()):
        return None
    return next(iter(marked))


def _office(cell: str) -> str:
    """A role cell's office: a note in brackets left off ('Speaker (presiding)' -> 'Speaker'); nothing for a
    ward or a kind of seat ('Ward 3', 'PR Councillor')."""
    text = " ".join(cell.split())
    note = re.search(r"\s*\(([^()]*)\)$", text)
    if note and is_note(note.group(1)):
        text = text[: note.start()]
    return "" if pattern("people", "seat_not_office").match(text) else text


def find_attendance_table(lines: Sequence[Line]) -> list[Person]:
    """A roll-call table: a header naming name and status columns (or a column per status), then a
    row per person, until a row whose status cell is not a known attendance word (or holds no mark)."""
    titles = {w.casefold() for w in load_rules("people")["member_titles"]}
    for i, header in enumerate(lines):
        aligned = len(header.segments) >= 2 and len(header.segment_spans) == len(header.segments)
        columns = table_header(header) if aligned else None
        if columns is None:
            continue
        found: list[Person] = []
        for row in lines[i + 1:]:
            cells = _cells(row, header)
            status = _row_status(cells, columns)
            cell = " ".join(cells.get(columns["name"], []))
            parsed = parse_person(cell)
            if status is None or parsed is None:
                break
            if status == "present" and pattern("people", "substitute_note").search(cell):
                status = "substitute"  # 'Cllr Steve Rand (substitute)'

            hon, name, role = parsed
            title = _office(" ".join(cells.get(columns["role"], []))) if "role" in columns else ""
            if title.casefold() in titles:
                hon = hon or title  # 'Commissioner' in a title column: the title a member holds, not an office
            else:
                role = role or title or None
            found.append(Person(name=name, honorific=hon, role=role, page=row.page, status=status))
        if found:
            return found
    return []
