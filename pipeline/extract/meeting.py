"""The meeting a front sheet summons, or the meeting a set of minutes records."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..models import Line, Meeting
from ..rules import kind_patterns, pattern, patterns
from .dates import DATE_PHRASE, numeric_order, parse_date, parse_time
from .meeting_block import HeadingBlock, city_of, fuller_place, held_sentence, meeting_block
from .meeting_fields import (
    SHORT, labelled, letterspaced, names_more_than_a_date, place_after_label, place_after_time, place_dash_time,
    place_under_date, time_after, unlabelled_date,
)
from .people import honorific_of

RULES = "meeting"
HEAD_LINES = 30


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,.;:\u2013-")


def find_council(lines: Sequence[Line]) -> str | None:
    """The council's name: from the heading lines (a logo may split it), else the one most printed
    on the first page."""
    council = pattern(RULES, "council")
    # A member's line ('Vice Chair Name – City of X') names the place they sit for, not the council.
    head = [replace(ln, text=letterspaced(ln)) for ln in lines[:8] if not honorific_of(ln.text)[0]]
    for ln in head:
        m = council.search(ln.text)
        if m:
            return _clean(m.group(1))
    for a, b in zip(head, head[1:]):
        # A logo may set the name over two lines in one style ("Leicester" / "City Council").
        if a.is_bold == b.is_bold and abs(a.size - b.size) < 0.5 and len(a.text.split()) <= 3:
            m = council.search(f"{a.text} {b.text}")
            if m:
                return _clean(m.group(1))
    # Else the name the document prints most, when it prints it often and far more than any other:
    # an agenda names the councils its items concern as well as its own.
    counts = Counter(_clean(m.group(1)) for ln in lines for m in council.finditer(ln.text)).most_common(2)
    if counts and counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
        return counts[0][0]
    return None


def _body_from_title(title: str, council: str | None = None) -> str | None:
    """The body's name in a heading: meeting words, dates and 'agenda' taken off; None if nothing is left."""
    date = DATE_PHRASE.search(title)
    if date:
        title = title[: date.start()]
    body = pattern(RULES, "body_prefix").sub("", _without_label(title.strip()), count=1)
    body = pattern(RULES, "body_suffix").sub("", body)
    body = _clean(re.sub(r"^agenda\b|\bagenda(?:\s+(?:for|of))?$", "", _clean(body), flags=re.IGNORECASE))
    if not body or pattern(RULES, "not_a_body").match(body) or re.search(r"[:@]|\d/|/\d|\d{4,}", body):
        return None  # a letter's reference block or contact line, not a name
    if pattern(RULES, "meeting_label").match(body):
        return None  # 'REGULAR MEETING' says what kind of meeting, not whose
    if council and body.casefold() == council.casefold():
        return None
    if council and re.fullmatch(rf"{re.escape(council)},\s*[\w .'-]+", body, re.IGNORECASE) \
            and not pattern(RULES, "body_word").search(body[len(council):]):
        return None  # 'TOWN OF WENDHAM, VERMONT': the council and its state
    return _without_council(body, council)


def _without_label(title: str) -> str:
    """'Meeting Minutes City Council' -> 'City Council': a title that opens with the document's kind
    ('Meeting Minutes', 'Regular Meeting') and then names a body."""
    words = title.split()
    for k in range(len(words) - 1, 0, -1):
        rest = " ".join(words[k:])
        if re.match(r"(?:of|for|the)\b", rest, re.IGNORECASE):
            continue  # 'Regular Meeting of the Board of Trustees' is read by the body prefix
        if pattern(RULES, "meeting_label").match(" ".join(words[:k])) and pattern(RULES, "body_word").search(rest):
            return rest
    return title


BODY_LINES = 12  # heading lines searched for a body's name


def _after_kind_label(text: str) -> str:
    """'Agenda – Cabinet' -> 'Cabinet': the document's kind, a dash, then the body's name."""
    labelled_kind = re.match(r"(.+?)(?:\s+[\u2013\u2014-]\s+|:\s+)(.+)$", text)
    if labelled_kind and pattern(RULES, "meeting_label").match(labelled_kind.group(1)):
        return labelled_kind.group(2)
    return text


def _body_line(head: Sequence[Line], council: str | None) -> str | None:
    """The first short heading line that names a body by itself, the council's own name excepted."""
    for ln in head[:BODY_LINES]:
        text = _after_kind_label(_clean(ln.text))
        # 'Board of Trustees – Regular Meeting Minutes', 'Ordinary Council Meeting': the kind of meeting after the name
        text = _clean(pattern(RULES, "body_suffix").sub("", text))
        if len(text.split()) > 8 or re.search(r"\d", text) or not pattern(RULES, "body_line").match(text):
            continue
        body = _body_from_title(text, council)
        if body and not (council and body.casefold() in council.casefold()):
            return body
    return None


def _whole_council(body: str | None, council: str | None) -> str | None:
    """A meeting of the whole council is a meeting of its 'Parish Council', 'County Council' ...:
    'Milburn Parish Council' -> 'Parish Council'."""
    if body and council and _clean(body).casefold() == _clean(council).casefold():
        kind = pattern(RULES, "council_kind").search(_clean(council))
        return kind.group(0) if kind else body
    return body


def _council(lines: Sequence[Line], block: HeadingBlock | None) -> str | None:
    """The council: named in the heading or printed most; an American document's 'City of X' when its
    heading names X's city council ('LOMITA CITY COUNCIL') or X's address."""
    council = find_council(lines) or (block.council if block else None)
    if council and _date_order(lines) == "MDY" and re.search(r"\bcity council$", council, re.IGNORECASE):
        # In American use 'Alameda City Council' is the city's body; the council is 'City of Alameda', when printed.
        return city_of(lines, block, _clean(re.sub(r"\bcity council$", "", council, flags=re.IGNORECASE)))
    return council or city_of(lines, block)


def _without_council(body: str, council: str | None) -> str:
    """'EAST PALO ALTO PLANNING COMMISSION' under the City of East Palo Alto -> 'PLANNING COMMISSION':
    a heading that prints the council's name (or its place) before the body's."""
    if not council:
        # "CUYAHOGA COUNTY BOARD OF HEALTH" with no council printed: the board is named for its place.
        named = pattern(RULES, "body_of_place").match(body)
        return named.group("body") if named else body
    # "COUNCIL OF THE CITY OF WINNIPEG": the body's name, then the council's.
    of_council = re.match(rf"(.+?)\s+of\s+(?:the\s+)?{re.escape(council)}$", body, re.IGNORECASE)
    if of_council:
        return of_council.group(1)
    place = _clean(re.sub(r"\b(?:city|county|borough|district|town|parish|metropolitan|council|of|the)\b", " ",
                          council, flags=re.IGNORECASE))
    for prefix in (council, place):
        if prefix and body.casefold().startswith(prefix.casefold() + " "):
            rest = _after_kind_label(body[len(prefix):].strip(" ,:\u2013-"))
            # "Kent and Medway Joint Committee" names a body of its own.
            if rest and not re.match(r"(?:and|&|of|for|with)\b", rest, re.IGNORECASE):
                # 'TOWNSHIP OF NORTH FENNICK Regular Council': the kind of meeting is no part of the name.
                return pattern(RULES, "body_prefix").sub("", rest, count=1) or rest
    return body


def _front_sheet_meeting(lines: Sequence[Line], title: str) -> Meeting | None:
    head = list(lines[:HEAD_LINES])
    if not head:
        return None
    date_value, date_index = labelled(head, "date_label")
    if not parse_date(title) and not _body_from_title(title):
        # A covering letter names its meeting in a bold line ("COUNTY COUNCIL - THURSDAY, 9 JANUARY 2025")
        # under the letter's own date: that line heads the front sheet.
        title = next((ln.text for ln in head if ln.is_bold and parse_date(ln.text) and _body_from_title(ln.text)
                      and not pattern(RULES, "other_label").match(ln.text)), title)
    if parse_date(title) and names_more_than_a_date(title):
        # A heading that names its meeting's date ("COUNTY COUNCIL - THURSDAY, 13 FEBRUARY 2025") outranks
        # a dated letter ("Date: 27 February 2025") around it.
        date_value = title
        date_index = next((i for i, ln in enumerate(head) if parse_date(ln.text) == parse_date(title)), date_index)
    block = meeting_block(head)
    if date_value is None and block:
        # A heading block that prints a date names the meeting's, over a letter's date printed alone.
        # The date's line is the one that completes it ("Thursday, 13th March," / "2025").
        last = next(i for i in range(len(block.lines)) if parse_date(" ".join(ln.text for ln in block.lines[: i + 1])))
        date_value, date_index = " ".join(ln.text for ln in block.lines), head.index(block.lines[last])
    summons = held_sentence(head, None) if date_value is None else None
    if summons and summons["date"]:
        # A summons names its meeting's date in a sentence, which may wrap ('... on Tuesday 3' / 'September 2024').
        date_value, date_index = summons["date_text"], summons["line"]
    if date_value is None:
        date_value, date_index = unlabelled_date(head)
    date = parse_date(date_value) if date_value else None
    block = block if block and block.date == date else None
    held = held_sentence(head, date)
    time_value, _ = labelled(head, "time_label")
    time = (parse_time(time_value or date_value or "") or (block.time if block else None)
            or (held["time"] if held else None) or (time_after(head, date_index) if date_index >= 0 else None))
    place_value, place_index = labelled(head, "place_label")
    if place_value is not None:
        place = place_after_label(head, place_value, place_index)
    elif block and block.place or held:
        place = fuller_place(head[:HEAD_LINES // 2], block.place) if block and block.place else held["place"]
    elif date_index >= 0 and not pattern(RULES, "date_label").match(head[date_index].text.strip()):
        # A venue printed under a date heading; under a "Date:" field a venue would be labelled too.
        place = (place_dash_time(head, date_index) or place_after_time(head[date_index:date_index + 1], date)
                 or place_under_date(head, date_index))
    else:
        place = None
    if not date:
        return None
    # A notice's council may be named only as the one that will hold the meeting.
    council = _council(lines, block) or (held["council"] if held else None)
    body_value, _ = labelled(head, "body_label")
    titled = _body_from_title(title, council)
    if titled and not pattern(RULES, "body_word").search(titled):
        titled = None  # 'Summons to and Agenda for a Meeting on' names no body
    body = _clean(body_value) if body_value else (
        (_body_from_title(block.body or block.council, council) if block and (block.body or block.council) else None)
        or titled or (held["body"] if held and held["body"] else None) or _body_line(head, council)
        or (council if council and pattern(RULES, "council_kind").search(council) else None))
    return Meeting(
        council=council,
        body=_without_council(_whole_council(body, council), council) if body else None,
        date=date,
        time=time,
        place=place,
        page=head[date_index].page if date_index >= 0 else head[0].page,
    )


def _minutes_meeting(lines: Sequence[Line], title: str) -> Meeting | None:
    head = list(lines[:HEAD_LINES])
    if not head:
        return None
    text = re.sub(r"\s+", " ", " ".join(ln.text for ln in head[:12]))
    # "Minutes of the previous meeting held on ..." (an item, not the heading) names no body.
    headings = (h for rx in (pattern(RULES, "minutes_heading"), *patterns(RULES, "minutes_heading_more"))
                for h in rx.finditer(text))
    m = next((h for h in headings if not pattern(RULES, "not_a_minutes_body").match(h.group("body") or "")), None)
    body = place = None
    date_text = None
    if m:
        body = _clean(m.group("body")) if m.group("body") else None
        place = _clean(m.group("place")) if m.group("place") else None
        date_text = m.group("date")
    else:
        # "MINUTES of the meeting held in the Darent Room, Sessions House, ..." under the body's name
        held_in = pattern(RULES, "minutes_place").search(text)
        place = _clean(held_in.group("place")) if held_in else None
    date_value, _ = labelled(head, "date_label")
    block = meeting_block(head)
    # Lines about another meeting ('3 Minutes of the meeting held on 14 June 2024') do not date this one.
    own_text = " ".join(ln.text for ln in head[:12] if not pattern(RULES, "other_meeting").search(ln.text))
    date = (parse_date(date_text or "") or parse_date(date_value or "") or (block.date if block else None)
            or parse_date(own_text))
    if not date:
        return None
    block = block if block and block.date == date else None
    held = held_sentence(head[:12], date)
    if m and place is None:
        # "A Parish Council meeting was held in the Village Hall, ..." under the heading, else a place
        # named after the heading's date and time.
        after = pattern(RULES, "place_after").search(text[m.end() - 1 :])
        place = held["place"] if held else (_before_fields(after.group("place"), head[:12]) if after else None)
    council = _council(lines, block)
    if body is None or len(body) > 120:
        body = (block.body if block else None) or _body_from_title(
            re.sub(r"^(?:.*?\b)?minutes of (?:an? |the )?(?:meeting of )?(?:the )?", "", title, flags=re.I), council)
        # A title that only says 'MINUTES OF THE REGULAR MEETING': the body is a heading line of its own.
        body = body or _minutes_title(head) or _body_line(head, council)
    date_line = next((ln.text for ln in head[:12] if parse_date(ln.text) == date), "")
    # The heading's time may wrap onto the line after its date ('... held on Monday 8 July 2024 at' / '7.30 pm').
    heading_time = parse_time(text[m.end() - 1 : m.end() + 15]) if m and re.search(r"\sat\s+\d$", m.group(0)) else None
    time_value, _ = labelled(head, "time_label")
    time = (parse_time(time_value or "") or parse_time(date_value or "") or parse_time(date_text or "") or parse_time(date_line)
            or heading_time or (block.time if block else None))
    if time is None:
        # "The Council met at 9:31 a.m.", "The meeting commenced at 7.00 pm"
        started = pattern(RULES, "start_sentence").search(text)
        time = parse_time(started.group("time")) if started else None
    place_value, place_index = labelled(head, "place_label")
    if place_value is not None:
        place = place_after_label(head, place_value, place_index)
    elif place is None and (held or block and block.place):
        place = block.place if block and block.place else held["place"]
    elif place is None:
        # A venue printed under the date in the minutes' heading block, often centred
        at = next((i for i, ln in enumerate(head[:12]) if parse_date(ln.text) == date and len(ln.text) <= SHORT), -1)
        place = place_after_time(head[:12], date) or (place_under_date(head, at, centred_too=True) if at >= 0 else None)
    # A heading that names the council alone (or as the body) records a meeting of the whole council.
    if body and not (council and _clean(body).casefold() == _clean(council).casefold()):
        body = _body_from_title(body, council)
    elif not body and council and pattern(RULES, "council_kind").search(council):
        body = council
    return Meeting(
        council=council,
        body=_without_council(_whole_council(body, council), council) if body else None,
        date=date,
        time=time,
        place=place,
        page=head[0].page,
    )


def _minutes_title(head: Sequence[Line]) -> str | None:
    """The body a minutes title line names before 'meeting' ('Minutes of the Council Meeting' -> 'Council')."""
    for ln in head[:BODY_LINES]:
        m = pattern(RULES, "minutes_title").match(_clean(ln.text))
        if m and pattern(RULES, "body_word").search(m.group("body")):
            return _clean(m.group("body"))
    return None


def _before_fields(place: str, lines: Sequence[Line]) -> str | None:
    """A place read from running heading text, cut where a labelled line begins ('... Ashby Parva' /
    'Present: Cllrs ...'): the label starts the attendance, not more of the venue."""
    for ln in lines:
        text = _clean(ln.text)
        if pattern(RULES, "other_label").match(text):
            at = place.find(text[:20])
            if at > 0:
                place = place[:at]
        numbered = re.match(r"(\d{1,3})[.)]\s", text)
        if numbered and place.endswith(" " + numbered.group(1)):
            place = place[: -len(numbered.group(1))]  # '... Ezinkawini' / '1. ATTENDANCE': the first item's number
    return _clean(place) or None


def _date_order(lines: Sequence[Line]) -> str | None:
    """'DMY' for a document that reads British ('Councillor', '£', a postcode), 'MDY' for an
    American one ('Councilmember', '$', a ZIP code), None when it does not clearly say."""
    text = "\n".join(ln.text for ln in lines)
    counts = {order: sum(len(p.findall(text)) for p in pats) for order, pats in kind_patterns(RULES, "date_order")}
    for order, other in (("DMY", "MDY"), ("MDY", "DMY")):
        if counts.get(order, 0) >= 2 and counts[order] > 2 * counts.get(other, 0):
            return order
    return None


def _where(meeting: Meeting | None) -> Meeting | None:
    """The place without how else one may attend ('..., and via Zoom')."""
    if meeting is None or not meeting.place:
        return meeting
    place = _clean(pattern(RULES, "place_remote_tail").sub("", meeting.place))
    return replace(meeting, place=place or meeting.place)


def extract_front_sheet_meeting(lines: Sequence[Line], title: str) -> Meeting | None:
    """Council, body, date, time and place from a front sheet (summons)."""
    with numeric_order(_date_order(lines)):
        return _where(_front_sheet_meeting(lines, title))


def extract_minutes_meeting(lines: Sequence[Line], title: str) -> Meeting | None:
    """The meeting a set of minutes records, from its opening sentence or labelled heading."""
    with numeric_order(_date_order(lines)):
        return _where(_minutes_meeting(lines, title))
