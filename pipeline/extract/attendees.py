"""Who attended, as minutes record it: labelled lists, roll-call tables, and sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from .. import nlp
from ..models import Line, Person, Section
from ..rules import kind_patterns, load_rules, pattern, patterns
from .attendance_lists import block_people, join_lines, line_entries, people_in, role_entry, with_text
from .attendance_lines import no_names, officer_line, other_label
from .attendance_tables import find_attendance_table, table_header
from .people import (
    clean,
    only_honorifics,
    parse_person,
    same_person,
    split_outside_brackets,
)

__all__ = ["block_people", "extract_attendees", "find_attendance", "join_lines", "people_in", "with_text"]

# A full stop that ends a sentence: not after an initial ("Jesus M. Gomez") or a title ("Mr.").
SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bMrs)\.\s+(?=[A-Z0-9(])")
# Lines of one list start within a few points of each other (a bold label may sit a little right).
X_SLACK = 6.0
# A numbered line ('21.01.01 Election of Chair', '2. Apologies', '24/101 Apologies') is the next
# item, not a name.
NUMBERED = re.compile(r"^\s*\(?\d+(?:[./:]\d+)*[.)]?\s+(?-i:[A-Z])")
# Attendance is recorded in one of the first few items of the minutes, never further on.
OPENING_ITEMS = 3
# A closing roll call stands in the last lines of the minutes.
CLOSING_LINES = 8
SEPARATOR = re.compile(r"^[*=_\-\u2013\u2014. ]{3,}$")
# Words without which no sentence reports attendance: a span with none is not sent to the model.
ATTENDANCE_CUE = re.compile(r"(?i)apolog|present|attend|absent|substitut|virtual|remote|joined|arrived|left the|"
                            r"roll call|participat")


def split_sentences(text: str) -> list[str]:
    """A span's sentences: full stops before a capital or a number, and where the span may report
    attendance (the model is loaded only for such spans) spaCy's sentence boundaries as well
    ('... from Mr Wright Ms Grehan had ...' where a full stop was lost, 'Cllr Smith J. The Chair')."""
    parts = SENTENCE_END.split(text)
    if not ATTENDANCE_CUE.search(text):
        return parts
    return [s for part in parts for s in nlp.sentences(part)]


@cache
def _label_re() -> tuple[tuple[str, re.Pattern[str]], ...]:
    labels = load_rules("people")["attendance_labels"]
    return tuple(
        # a label may open a sentence: 'Also in attendance was City Finance Director Elena Adair.'
        (status, re.compile(rf"^(?:{'|'.join(alts)})\s*(?::-?|\s*[\u2013-]\s|$|\s+(?:was|were)\s+(?=(?-i:[A-Z])))"
                            rf"\s*(?P<rest>.*)$", re.IGNORECASE))
        for status, alts in labels.items()
    )


def _unspace(text: str) -> str:
    """'P R E S E N T:' -> 'PRESENT:'."""
    m = re.match(r"^((?:[A-Za-z] ){2,}[A-Za-z])\s*(:.*)?$", text)
    return m.group(1).replace(" ", "") + (m.group(2) or "") if m else text


def _label(text: str) -> tuple[str, str, bool] | None:
    """The status a line's attendance label gives, the text after it, and whether the label is a
    'ROLL CALL' heading (whose list a clerk reads out: 'Clerk: Madam Speaker ...')."""
    text = _unspace(pattern("people", "label_bullet").sub("", text.strip()))
    # "ROLL CALL - Present: ..." is read by its second label; "Roll call: President X – present; ..." by its first
    for text in dict.fromkeys((pattern("people", "roll_call_prefix").sub("", text), text)):
        for status, rx in _label_re():
            m = rx.match(text)
            if m:
                return status, m.group("rest"), re.match(r"(?i)roll call\b", text) is not None
    return None


def _office_runs_on(block: Sequence[Line], text: str) -> bool:
    """The line goes on an office the line before began ('Executive Director of Education and Children's' /
    'Services: Karen Sinclair; ...'): its words before the colon finish that entry's office, not a heading."""
    if not block or block[-1].text.rstrip()[-1:] in (".", ";", ",", ":"):
        return False
    entry = re.split(r"[;:]", join_lines([ln.text for ln in block]))[-1]
    return role_entry(f"{entry.strip()} {text.split(':', 1)[0].strip()}")


def _cell(line: Line, j: int) -> Line:
    """One column segment of a line as a line of its own."""
    seg, (x0, x1) = line.segments[j], line.segment_spans[j]
    return replace(line, text=seg, segments=(seg,), segment_spans=((x0, x1),), x0=x0, x1=x1)


def unfold_columns(lines: Sequence[Line]) -> list[Line]:
    """Attendance lists set side by side under labels on one line ('Trustees present:' beside
    'Administration:'): each column's lines read down, one column after the other (layout reads
    across them)."""
    for i, ln in enumerate(lines):
        if not (len(ln.segments) >= 2 and len(ln.segment_spans) == len(ln.segments)
                and all(_label(seg) for seg in ln.segments)):
            continue
        edges = [x0 for x0, _ in ln.segment_spans]
        columns: list[list[Line]] = [[_cell(ln, j)] for j in range(len(edges))]
        for row in lines[i + 1:]:
            if len(row.segment_spans) != len(row.segments):
                columns[0].append(row)
                continue
            for j, (x0, _) in enumerate(row.segment_spans):
                col = max((k for k, edge in enumerate(edges) if x0 >= edge - X_SLACK), default=0)
                columns[col].append(_cell(row, j))
        return [*lines[:i], *(c for col in columns for c in col)]
    return list(lines)


def find_attendance(head: Sequence[Line]) -> list[Person]:
    """Labelled attendance lists in the lines before the first minute item."""
    found: list[Person] = []
    head = unfold_columns(head)
    status, block, label_x0 = None, [], 0.0
    tally = pattern("people", "vote_tally")
    for i, ln in enumerate([*head, None]):
        officer = officer_line(ln) if ln is not None and status is not None and not isinstance(status, tuple) else None
        if officer is not None:
            found.extend(block_people(block, status) if block else [])
            found.append(officer)
            status, block = None, []
            continue
        label = _label(ln.text) if ln is not None else None
        if label is not None and any(tally.match(nb.text.strip()) for nb in head[max(0, i - 1):i + 2]):
            label = None  # 'AYES: ... / NOES: ... / ABSENT: ...': the count of a vote, not who attended
        end = (
            ln is None or label is not None or SEPARATOR.match(ln.text.strip()) or (ln.is_bold and ln.text.isupper())
            # a roll-call table's header under an 'Attendance' label: the table is read as a table, not a list
            or (len(ln.segments) >= 2 and len(ln.segment_spans) == len(ln.segments) and table_header(ln) is not None)
            # the next point of a bulleted list, a line set left of its label, or another heading with
            # a colon ('Declarations of Interest : Nil') is not part of a list
            or (status is not None and (pattern("people", "label_bullet").match(ln.text.strip())
                                        or ln.x0 < label_x0 - X_SLACK
                                        or (other_label(ln.text) and not _office_runs_on(block, ln.text))
                                        or NUMBERED.match(ln.text)))
        )
        if end:
            if status and block:
                found.extend(block_people(block, status))
            status, block = None, []
            if label:
                status, rest, spoken = label
                # a label alone on its line (perhaps a centred heading): its list's first line sets the edge
                label_x0 = ln.x0 if rest.strip() else float("-inf")
                if rest.strip() and no_names(rest):
                    status = None
                elif rest.strip():
                    block.append(with_text(ln, rest))
                if spoken and not block:
                    status = ("speaker", status)  # the first line may open with the clerk's speaker tag
            continue
        if isinstance(status, tuple):
            status = status[1]
            ln = with_text(ln, pattern("people", "speaker_tag").sub("", ln.text.strip()))
        if status:
            label_x0 = ln.x0 if not block and label_x0 == float("-inf") else label_x0
            block.append(ln)
    return found


def find_apologies(items: Sequence[Section]) -> list[Person]:
    """Apologies reported in sentences ('Apologies were received from Cllr Clarke.'), read one
    sentence at a time ('... Mr Wright. Ms Grehan had given her formal apologies but ...')."""
    found: list[Person] = []
    for item in items[:3]:
        text = join_lines([ln.text for ln in item.lines[1:]])
        page = next((ln.page for ln in item.lines if "polog" in ln.text), item.page_start)
        for sentence in split_sentences(text):
            m = next((m for m in (rx.search(sentence) for rx in patterns("people", "apology_sentences")) if m), None)
            if m:
                names = pattern("people", "apology_names_end").sub("", m.group("names").rstrip("."))
                found.extend(people_in(split_outside_brackets(names), "apologies", page))
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
    for sentence in split_sentences(join_lines([ln.text for ln in lines])):
        for status, pats in kind_patterns("people", "attendance_sentences"):
            if statuses is not None and status not in statuses:
                continue
            m = next((m for m in (rx.search(sentence) for rx in pats) if m), None)
            if m:
                found.extend(people_in(_sentence_entries(m.group("names")), status, page))
    return found


def _one_person(entries: list[str]) -> bool:
    """'Bruce de Smid', 'R Healey, Councillor': one name, perhaps with its office or title after it."""
    return (bool(entries) and parse_person(entries[0]) is not None
            and all(role_entry(e) or only_honorifics(e) for e in entries[1:]))


def _item_lists(items: Sequence[Section]) -> list[Person]:
    """An opening item titled by an attendance label ('2. Apologies for Absence') whose body is a
    list of names, one per line, and nothing else."""
    found: list[Person] = []
    for item in items:
        label = _label(item.title or "")
        body = item.lines[1:]
        if label is None or label[1].strip() or not body:
            continue
        if all(_one_person(line_entries(ln)) for ln in body):
            found += block_people(list(body), label[0])
    return found


def _opening_roll(item: Section) -> list[Person]:
    """An opening item ('1. Welcome and Introductions') whose body is nothing but names, one per
    line, perhaps the chair's first ('Chair: Councillor: L Kennedy-Dalby'): those present."""
    body = [ln for ln in item.lines[1:] if ln.text.strip()]
    if _label(item.title or "") is not None or len(body) < 2:
        return []
    if not all(_one_person(line_entries(ln)) and len(line_entries(ln)) == 1 for ln in body):
        return []
    return block_people(body, "present")


def _closing_roll(minutes: Section, people: list[Person]) -> list[Person]:
    """A roll call read again as the meeting closes (a Hansard's 'ROLL CALL' before 'Council
    adjourned'): those it names whom the opening roll did not were present, arrived late."""
    tail = list(minutes.lines[-CLOSING_LINES:])
    start = next((i for i in range(len(tail) - 1, -1, -1) if (lab := _label(tail[i].text)) and lab[2]), None)
    if start is None or not any(p.status == "present" for p in people):
        return []
    block = tail[start:start + 2]
    for ln in tail[start + 2:]:
        if ln.is_bold != block[-1].is_bold:
            break  # 'Council adjourned at 11:41 a.m.' set bold after a plain list is not a name
        block.append(ln)
    late = [p for p in find_attendance(block) if p.status == "present"]
    return [p for p in late if not any(same_person(p.name, q.name) for q in people)]


def _roll_call_item(items: Sequence[Section]) -> Section | None:
    """The first of the opening items titled by an attendance label ('II. ROLL CALL', 'Attendance')
    with no names after it: the item that holds the attendance lists or table."""
    for item in items[:3]:
        label = _label(item.title or "")
        if label is not None and not label[1].strip() and label[0] == "present":
            return item
    return None


def _chair_lines(head: Sequence[Line], people: list[Person]) -> list[Person]:
    """'Cathaoirleach: Cllr Pádraig Ó Dónaill presided.' before the lists: the chair, present. Gives a
    listed person the office, or adds the chair the lists did not name."""
    added: list[Person] = []
    for ln in head:
        m = pattern("people", "chair_line").match(ln.text.strip())
        parsed = parse_person(m.group("name")) if m else None
        if parsed is None or parsed[0] is None:
            continue  # 'Chairman: ________' (a signature line), 'Chair: Report of ...'
        hon, name, role = parsed
        role = role or clean(m.group("role"))
        i = next((i for i, p in enumerate(people) if same_person(name, p.name)), None)
        if i is None:
            added.append(Person(name=name, honorific=hon, role=role, page=ln.page, status="present"))
        elif people[i].role is None and people[i].status == "present":
            people[i] = replace(people[i], role=role)
    return added


def extract_attendees(minutes: Section) -> list[Person]:
    """Everyone the minutes record as present, attending, absent or sending apologies."""
    first = minutes.children[0].lines[0] if minutes.children and minutes.children[0].lines else None
    # The lines before the first item in reading order (a page in columns reads its left column first).
    at = next((k for k, ln in enumerate(minutes.lines) if ln is first), None)
    head = (list(minutes.lines[:at]) if at is not None else
            [ln for ln in minutes.lines if first is None or (ln.page, ln.top) < (first.page, first.top)])
    people = find_attendance(head)
    if not people and minutes.children:
        # Minutes that open with a 'Roll Call' item print their attendance lists inside it.
        people = find_attendance(minutes.children[0].lines[1:])
    roll = _roll_call_item(minutes.children)
    if not people and roll is not None:
        # ... or in a 'Roll Call' item after a 'Call to Order'
        people = find_attendance(roll.lines[1:])
    if not people:
        # ... or in a later opening item whatever its title ('2. Record of Attendance / Apologies / Leave of
        # Absence' after '1. Declaration of Opening'): the first whose labelled lists name someone present
        people = next((found for item in minutes.children[1:OPENING_ITEMS] for found in [find_attendance(item.lines[1:])]
                       if any(p.status in ("present", "virtual") for p in found)), [])
    if not any(p.status in ("present", "virtual") for p in people):
        # Minutes that open with a roll call print it as a table, before or inside the first item
        # (or the roll-call item), or report it in sentences.
        opening = head + [ln for item in minutes.children[:1] for ln in item.lines]
        table = opening + ([ln for ln in roll.lines if roll is not minutes.children[0]] if roll else [])
        people += find_attendance_table(table) or find_attendance_sentences(opening)
    if not any(p.status in ("present", "virtual") for p in people) and minutes.children:
        people += _opening_roll(minutes.children[0])
    people += _item_lists(minutes.children[:3])
    if minutes.children:
        people += _closing_roll(minutes, people)
    if any(p.status == "present" for p in people):
        people = _chair_lines(head, people) + people
    # apologies a list gave are said again in sentences ('Apologies: Mr Andrew Landau' / 'Apologies
    # were received from Councillor Landau.'); a sentence may add one more
    sent = [p for p in people if p.status == "apologies"]
    people += [p for p in find_apologies(minutes.children) if not any(same_person(p.name, q.name) for q in sent)]
    # "Ms L Game and Ms T Scott were in attendance virtually.", "Councillor Y attended as a substitute
    # for Councillor X." under the apologies item
    said = {"virtual", "substitute"} - {p.status for p in people}
    if said:
        opening = [ln for item in minutes.children[:3] for ln in item.lines]
        for p in find_attendance_sentences(opening, tuple(said)):
            i = next((i for i, q in enumerate(people) if same_person(p.name, q.name)), None)
            if i is None:
                people.append(p)
            elif p.status == "virtual" and people[i].status in ("present", "in_attendance", "apologies"):
                # 'Ms Grehan had given her formal apologies but was attending the meeting virtually.'
                # how a listed person attended: the list's entry, attending virtually
                people[i] = replace(people[i], status="virtual")
            elif p.status == "substitute" and people[i].status == "present":
                # 'Present: ... Councillor Jos Clark' / 'Councillor Jos Clark attended as substitute.':
                # a member present in another's place is, in the data model, a substitute
                people[i] = replace(people[i], status="substitute")
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
