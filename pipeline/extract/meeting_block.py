"""A meeting's heading block read as a whole: the lines set together at the head of a front sheet or
of minutes (council, body, date, time, place as fields of one block), even when a field is set over
several lines ("Thursday, 13th March," / "2025")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Line
from ..rules import pattern
from .dates import DATE_PHRASE, MONTHS, TIME_PHRASE, parse_date, parse_time

RULES = "meeting"
BLOCK_LINE = 70  # characters: a longer line is running text, not a heading
CENTRED = 8  # points: lines whose middles lie this close are centred together
ALIGNED = 3  # points: lines whose left edges lie this close are set flush together
GAP = 3.0  # line heights: a wider gap ends a block
ITEM = re.compile(r"^(?:\d{1,3}[.)]|[IVX]{1,5}\.|[A-Z]\.)\s")
WHEN_WORD = re.compile(rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|{MONTHS}\b|\d{{4}}$|at\s+\d)", re.IGNORECASE)


@dataclass(frozen=True)
class HeadingBlock:
    """The fields one heading block prints; any may be None."""

    lines: tuple[Line, ...]
    date: str | None
    time: str | None
    council: str | None
    body: str | None  # the title text that names the body, before clean-up
    place: str | None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,.;:\u2013-")


def _mid(ln: Line) -> float:
    return (ln.x0 + ln.x1) / 2


def _body_size(lines: Sequence[Line]) -> float:
    """The size most running text is set in."""
    sizes = Counter(round(ln.size, 1) for ln in lines if len(ln.text) > BLOCK_LINE - 20)
    return sizes.most_common(1)[0][0] if sizes else min((ln.size for ln in lines), default=0)


def _heading_like(ln: Line, body_size: float, column_mid: float) -> bool:
    """Short, not a numbered item or a labelled field, and set apart: bold, larger, or centred."""
    text = ln.text.strip()
    if not text or len(text) > BLOCK_LINE or ITEM.match(text) or pattern(RULES, "other_label").match(text):
        return False
    return ln.is_bold or ln.size >= body_size + 1 or abs(_mid(ln) - column_mid) <= CENTRED


def _together(a: Line, b: Line) -> bool:
    """b continues a's block: same page, same alignment (flush left, centred or flush right), no wide gap."""
    same_align = abs(a.x0 - b.x0) <= ALIGNED or abs(_mid(a) - _mid(b)) <= CENTRED or abs(a.x1 - b.x1) <= ALIGNED
    # Line boxes of large type may overlap: the gap is measured from the line's own height.
    return a.page == b.page and same_align and a.top < b.top and b.top - a.top <= (GAP + 1) * max(a.size, b.size)


def heading_blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Runs of heading lines set together (same alignment, close), in reading order."""
    if not lines:
        return []
    body_size = _body_size(lines)
    long = [ln for ln in lines if len(ln.text) > BLOCK_LINE - 20] or list(lines)
    column_mid = (min(ln.x0 for ln in long) + max(ln.x1 for ln in long)) / 2
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for ln in lines:
        if not _heading_like(ln, body_size, column_mid):
            current = []
            continue
        if current and _together(current[-1], ln):
            current.append(ln)
        else:
            current = [ln]
            blocks.append(current)
    return blocks


def _kind(text: str) -> str:
    """What one line of a block names: 'council', 'when', 'place', 'label' ('REGULAR MEETING') or 'title'."""
    if pattern(RULES, "meeting_label").match(text):
        return "label"
    council = pattern(RULES, "council").search(text)
    if council and len(council.group(1)) >= 0.8 * len(_clean(text)):
        return "council"
    if DATE_PHRASE.search(text) or TIME_PHRASE.search(text) or WHEN_WORD.match(text):
        return "when"
    if pattern(RULES, "venue_line").search(text) and not pattern(RULES, "not_a_venue").search(text):
        return "place"
    return "title"


def _cells(ln: Line) -> list[str]:
    """A line's heading text, its date or time split from what a neighbouring column prints beside it
    ('1309 S. Mary Avenue' | '7:30 a.m.'); labels of a neighbouring column ('Telephone:') and what
    follows them dropped."""
    kept = []
    for seg in ln.segments or (ln.text,):
        if pattern(RULES, "other_label").match(seg.strip()):
            break
        cut = pattern(RULES, "column_label").sub("", seg)
        if cut.strip():
            kept.append(cut.strip())
        if cut != seg:
            break
    when = [seg for seg in kept if DATE_PHRASE.search(seg) or TIME_PHRASE.search(seg)]
    rest = [seg for seg in kept if seg not in when]
    if len(kept) > 1 and when and rest:
        return [" ".join(when), " ".join(rest)]
    return [" ".join(kept)] if kept else []


def _same_style(a: Line, b: Line) -> bool:
    return a.is_bold == b.is_bold and abs(a.size - b.size) < 0.5


def _runs(block: Sequence[Line]) -> list[tuple[str, str]]:
    """Cells of one kind on consecutive lines joined: ('title', 'Minutes of the Transport & Connectivity
    Policy Committee'), ('place', 'City Council Chambers 275 E. Olive Ave. Burbank, California 91502')."""
    runs: list[list] = []  # [kind, texts, index of the run's last line]
    for i, ln in enumerate(block):
        for text in _cells(ln):
            kind = _kind(_clean(text))
            prev = runs[-1] if runs else None
            if kind == "place":
                # A venue goes on past a time printed beside it ('1309 S. Mary Avenue' | '7:30 a.m.').
                prev = next((r for r in reversed(runs) if r[0] == "place" and r[2] >= i - 1), prev)
                if prev is None or prev[0] != "place":
                    prev = _venue_name(block, runs, i, text) or prev
            # A name set over two lines keeps one type style; a change of style starts another field.
            styled = kind == "place" or (i > 0 and _same_style(block[i - 1], ln))
            if prev and prev[0] == kind and kind in ("title", "place") and prev[2] == i - 1 and styled:
                prev[1].append(text)
                prev[2] = i
            else:
                runs.append([kind, [text], i])
    return [(kind, _join_place(parts) if kind == "place" else _clean(" ".join(parts))) for kind, parts, _ in runs]


STREET = re.compile(r"^\d{1,6}\s+\S")


def _venue_name(block: Sequence[Line], runs: list[list], i: int, text: str) -> list | None:
    """The line set right above a street address, in its column, that names no body, meeting or date: the
    venue's name ('District Office' / '2060 Challenger Drive'), made the start of the place run."""
    if i == 0 or not STREET.match(text.strip()):
        return None
    above, ln = block[i - 1], block[i]
    aligned = abs(above.x0 - ln.x0) <= ALIGNED or abs(above.x1 - ln.x1) <= ALIGNED
    run = next((r for r in reversed(runs) if r[2] == i - 1 and r[0] in ("title", "council")), None)
    if not aligned or run is None or len(run[1]) != 1:
        return None
    name = _clean(run[1][0])
    if pattern(RULES, "body_line").match(name) or pattern(RULES, "not_a_venue").search(name) or re.search(r"\d", name):
        return None
    run[0] = "place"
    return run


def _join_place(parts: Sequence[str]) -> str:
    """A venue's lines as one place: a comma between lines where one holds a number (an address line),
    'City Hall' / 'Council Chambers' run together as printed."""
    out = ""
    for part in (re.sub(r"\s+", " ", p).strip(" ;") for p in parts):
        if out and (re.search(r"\d", out.rstrip(",").rsplit(",", 1)[-1]) or re.search(r"\d", part)):
            out = out.rstrip(",") + ", " + part
        else:
            out = f"{out} {part}".strip()
    return _clean(out)


def read_block(block: Sequence[Line]) -> HeadingBlock:
    """The fields a heading block prints."""
    text = " ".join(ln.text for ln in block)
    runs = _runs(block)
    council = next((pattern(RULES, "council").search(t).group(1) for k, t in runs if k == "council"), None)
    titles = [t for k, t in runs if k == "title"]
    body = next((t for t in titles if pattern(RULES, "body_line").match(_without_minutes(t))), None)
    places = [t for k, t in runs if k == "place"]
    return HeadingBlock(tuple(block), parse_date(text), parse_time(text), council,
                 _without_minutes(body) if body else None, places[0] if places else None)


def _without_minutes(title: str) -> str:
    """'Minutes of the Transport & Connectivity Policy Committee' -> 'Transport & Connectivity Policy Committee'."""
    return re.sub(r"^(?:meeting\s+)?minutes\s+of\s+(?:an?\s+|the\s+)?(?:meeting\s+of\s+(?:the\s+)?)?", "", title,
                  flags=re.IGNORECASE)


def meeting_block(lines: Sequence[Line]) -> HeadingBlock | None:
    """The first heading block that prints a date: the meeting's own heading."""
    for block in heading_blocks(lines):
        found = read_block(block)
        # A date printed alone is a letter's or notice's own date, not the meeting's heading; an item about
        # another meeting ('3 Minutes of the meeting held on 14 June 2024') is no heading of this one.
        if found.date and not any(pattern(RULES, "other_meeting").search(ln.text) for ln in block) and (found.time or found.body or found.council or found.place or _more_than_a_date(block)):
            return found
    return None


def _more_than_a_date(block: Sequence[Line]) -> bool:
    text = DATE_PHRASE.sub("", " ".join(ln.text for ln in block))
    text = re.sub(rf"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|{MONTHS})\b", "", text, flags=re.IGNORECASE)
    return bool(re.search(r"[A-Za-z]{2,}", text))


def held_sentence(lines: Sequence[Line], date: str | None) -> dict | None:
    """Body, place and time (and the council, when it says it will hold the meeting) from a sentence that
    says where and when the meeting is held, when it names the same date (a summons, or the opening of minutes)."""
    texts = [re.sub(r"\s+", " ", ln.text).strip() for ln in lines]
    text = " ".join(texts)
    for key in ("held_sentence", "hold_sentence", "summons_sentence"):
        for m in pattern(RULES, key).finditer(text):
            if date is None or parse_date(m.group("date")) == date:
                found = m.groupdict()
                ends = [sum(len(t) + 1 for t in texts[: i + 1]) for i in range(len(texts))]
                return {"body": _clean(m.group("body")) if m.group("body") else None, "place": _clean(m.group("place")),
                        "date": parse_date(m.group("date")), "date_text": m.group("date"), "time": parse_time(m.group("time") or ""),
                        "council": _clean(found["council"]) if found.get("council") else None,
                        "line": next(i for i, end in enumerate(ends) if end > m.start("date"))}
    return None


def city_of(lines: Sequence[Line], block: HeadingBlock | None, named: str = "") -> str | None:
    """A 'City of X' the document prints whose X the heading block (or `named`) names too ('LOMITA CITY
    COUNCIL', '15900 E. MAIN STREET, LA PUENTE'): the council whose meeting it is."""
    heading = re.sub(r"\s+", " ", " ".join([named] + [ln.text for ln in block.lines] if block else [named])).casefold()
    if not heading.strip():
        return None
    council = pattern(RULES, "council")
    for ln in lines:
        for m in council.finditer(ln.text):
            name = m.group(1)
            place = re.match(r"(?:city|county|town|borough) of (.+)$", name, re.IGNORECASE)
            if place and re.search(rf"\b{re.escape(place.group(1).casefold())}\b", heading):
                return _clean(name)
    return None


def fuller_place(lines: Sequence[Line], place: str | None) -> str | None:
    """A venue column of the letterhead ('LOMITA CITY HALL' / 'COUNCIL CHAMBERS' / '24300 Narbonne Avenue' /
    'Lomita, CA 90717') that prints the heading's street address with the venue's name: the fuller place."""
    number = re.match(r"\d{2,6}\b", place or "")
    if not number or not lines:
        return place
    long = [ln for ln in lines if len(ln.text) > BLOCK_LINE - 20] or list(lines)
    column_mid = (min(ln.x0 for ln in long) + max(ln.x1 for ln in long)) / 2
    # The right-hand column: the last cell of a line set in columns, or a line set right of the middle.
    cells = [ln.segments[-1] if len(ln.segments) > 1 else (ln.text if ln.x0 > column_mid else "") for ln in lines]
    # Lines of the left column that print nothing in the right one come between the venue's lines when the two
    # columns are set at different line spacings ('LOMITA CITY HALL' / 'Cindy Segawa, Mayor' / 'COUNCIL CHAMBERS').
    cells = [cell for cell in cells if cell]
    for i, cell in enumerate(cells):
        if not cell.startswith(number.group(0) + " "):
            continue
        start = i
        while start > 0 and _kind(_clean(cells[start - 1])) == "place":
            start -= 1
        end = i + 1
        while end < len(cells) and _kind(_clean(cells[end])) == "place":
            end += 1
        if start < i:  # a venue's name above the street address
            return _clean(" ".join(cells[start:end]))
    return place

