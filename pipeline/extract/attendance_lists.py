"""Lists of people as minutes print them: run-on paragraphs, one name per line, 'Name, Title' lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from .. import nlp
from ..models import Line, Person
from ..rules import load_rules, pattern
from .attendance_lines import status_entries
from .people import (
    DASH,
    clean,
    honorific_of,
    leading_role,
    looks_like_name,
    only_honorifics,
    parse_person,
    plural_honorifics,
    split_at_honorifics,
    split_outside_brackets,
    strip_tail,
    without_wards,
)


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


def with_text(line: Line, text: str) -> Line:
    """The line with its label taken off, in its text and in its column segments."""
    segments = list(line.segments)
    while segments and not text.startswith(segments[0]):
        segments.pop(0)
    return replace(line, text=text, segments=tuple(segments) or (text,))


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).casefold() for w in load_rules("people")[key])


@cache
def _officer_split_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(load_rules("people")["officer_roles"], key=len, reverse=True))
    # "P Moran Clerk Mrs J Todd": an office word after a name word opens the next person
    return re.compile(rf"(?<=[a-z)])\s+(?=(?:{alts})\s+(?-i:[A-Z]))")


def _initials_name(text: str) -> re.Match[str] | None:
    """'Mrs J Todd Eden District': an initials-and-surname name, and the words after it."""
    role, rest = leading_role(text)
    hon, rest = honorific_of(rest)
    m = re.match(r"^((?:[A-Z]\.?\s+){1,3}(?:(?:de|van|von|le|la|du|di)\s+)?[A-Z][\w'-]+)\s+(\S.*)$", rest)
    return m if m and (hon or role) else None


def _split_after_office(entry: str) -> list[str]:
    """split_at_honorifics, keeping an office printed before a name with it ('Clerk Mrs J Todd')."""
    role, rest = leading_role(entry)
    if role is None:
        return split_at_honorifics(entry)
    head = entry[: len(entry) - len(rest)]
    parts = split_at_honorifics(rest)
    return [head + parts[0], *parts[1:]]


def _split_run_on(entry: str) -> list[str]:
    """Split one entry of a run-on list where a new person starts without a comma."""
    pieces: list[str] = []
    for piece in _officer_split_re().split(entry):
        # 'Board Secretary Valeska': one word before the office is part of the title, not a name
        if pieces and len(pieces[-1].split()) == 1 and honorific_of(pieces[-1])[0] is None:
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    parts = [q for p in pieces for q in _split_after_office(p)]
    office = pattern("people", "councillor_office")
    out: list[str] = []
    for part in parts:
        # "Mrs J Todd Eden District" + "Councillor A Armstrong": the place names the next person's office
        if out and office.match(part) is None and re.match(r"(?i)councillor\b", part):
            m = _initials_name(out[-1])
            if m and office.match(f"{m.group(2)} {part}"):
                head = out[-1][: len(out[-1]) - len(m.group(0))] + m.group(1)
                out[-1], part = head, f"{m.group(2)} {part}"
        out.append(part)
    return out


def _is_role(text: str) -> bool:
    """'Chair', 'Vice-Chair', 'Parish Clerk': an office printed in brackets after a name."""
    words = clean(text).split()
    return bool(words) and (clean(text).casefold() in _words("officer_roles") | _words("roles")
                            or words[-1].casefold() in _words("job_words"))


def _after_role_bracket(text: str) -> str:
    """'D Richardson (Chair) M Armstrong': a bracketed office closes its name's entry."""
    return re.sub(r"\(([^()]*)\)\s+(?=(?-i:[A-Z]))",
                  lambda m: f"({m.group(1)}), " if _is_role(m.group(1)) else m.group(0), text)


def list_entries(text: str) -> list[str]:
    """A run-on list cut into one entry per person."""
    text = _after_role_bracket(pattern("people", "list_count").sub("", text))
    return [part for e in split_outside_brackets(re.sub(r"\s+:\s+", ", ", text)) for part in _split_run_on(e)]


def _name_words(fragment: str) -> int:
    """How many words of a name (honorific and office aside) a fragment's last entry holds."""
    entries = _split_run_on(fragment) if fragment.strip() else []
    parsed = parse_person(entries[-1]) if entries else None
    return len(parsed[1].split()) if parsed else 0


def join_list(texts: Sequence[str]) -> str:
    """A list's lines joined; a line break between two whole names, neither closed by a comma nor
    'and' ('... M Dixon and P Moran' / 'Alan Armstrong, EDC and Clerk J Connelly'), separates them.
    A surname wrapped alone ('Mrs Victoria' / 'Whitehead,') or an office split over the break
    ('Eden District' / 'Councillor A Armstrong') does not."""
    out = ""
    for text in texts:
        text = text.strip()
        if out and text:
            before = re.split(r"[,;]|\band\b|&", out)[-1]
            after = re.split(r"[,;]|\band\b|&", text)[0]
            tail = " ".join(before.split()[-3:])
            office = pattern("people", "councillor_office")
            if (not re.search(r"(?:[,;&(-]|\band)$", out) and re.match(r"[A-Z]", text)
                    and _name_words(before) >= 2 and len(after.split()) >= 2
                    and not any(office.match(f"{' '.join(tail.split()[-k:])} {text}") for k in (1, 2, 3))):
                out += ","
        out = join_lines([out, text]) if out else text
    return out


def role_entry(entry: str) -> bool:
    """'Clerk', 'EDC', 'Oversight Board Counsel': an entry that is the office of the name before it."""
    text = clean(entry)
    if not text or honorific_of(text)[0] is not None:
        return False
    if text.casefold() in _words("officer_roles") | _words("roles"):
        return True
    if re.fullmatch(r"[A-Z]{2,6}", text):
        return True  # an acronym ('EDC') is not a person in a list of mixed-case names
    words = text.split()
    if any(len(w.strip(".")) == 1 for w in words):
        return False  # an initial makes it a name
    connectors = {"of", "the", "and", "for", "to", "&"}
    if not all(w[0].isupper() or w in connectors for w in words):
        return False
    # 'Planning Officer'; 'Cabinet Member for Integrated Children's Services', 'Director of Finance'
    return words[-1].casefold() in _words("job_words") or any(
        w.casefold() in _words("job_words") and nxt in ("of", "for", "to") for w, nxt in zip(words, words[1:]))


# Entity labels the language model gives organisations and places, never people.
NOT_PEOPLE = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


def is_body(name: str, entries: Sequence[str]) -> bool:
    """'Eden District', 'Kent Police': an entry with no honorific that names an organisation or a
    place. Two signals must agree: it ends in a word organisations and places end in, and the
    language model, reading the whole list, labels it an organisation or place, not a person."""
    if name.split()[-1].casefold() not in _words("body_words"):
        return False
    text = ", ".join(entries)
    at = text.find(name)
    if at < 0:
        return False
    end = at + len(name)
    labels = {label for start, stop, label in nlp.entities(text) if start < end and stop > at}
    return bool(labels & NOT_PEOPLE) and "PERSON" not in labels


def _plural_lead(entry: str) -> str | None:
    """The singular honorific of a plural that heads an entry ('Councillors: A' -> 'Councillor')."""
    first = entry.split(":")[0].split()
    for n in (2, 1):
        lead = " ".join(first[:n]).lower().replace("0", "o").rstrip(".")
        if lead in plural_honorifics():
            return plural_honorifics()[lead]
    return None


def people_in(entries: list[str], status: str | None, page: int) -> list[Person]:
    """Parse entries; an honorific given once for a list ('Councillors A, B and C') applies to each;
    an office printed after a name as its own entry ('Mr R Nolan, Clerk') is that person's role."""
    found: list[Person] = []
    carried = None
    pending = ""  # an honorific printed apart from its name ("His Worship, Mayor Katz")
    named_last = False  # the entry before named a person
    carried_last = False  # that person took the list's plural honorific
    for entry in entries:
        if only_honorifics(entry):
            if named_last and _plural_lead(entry):
                carried, named_last = None, False  # "A and B, Councillors, and C": names the list before
                continue
            pending = f"{pending} {entry}".strip()
            continue
        if named_last and not pending and role_entry(entry):
            last, office = found[-1], clean(entry)
            if office.casefold() in _words("member_titles"):
                # 'R Healey, Councillor': the title a member holds, not an office
                found[-1] = replace(last, honorific=last.honorific or office)
            elif last.role is None and not (entry.isupper() and last.name.isupper()):
                found[-1] = replace(last, role=office)
                if carried_last and office.casefold() not in _words("roles"):
                    # 'Councillors A and B, Alan Armstrong, EDC': an officer is not one of the councillors
                    found[-1], carried = replace(found[-1], honorific=None), None
            named_last = False
            continue
        entry, pending = f"{pending} {entry}".strip(), ""
        plural = _plural_lead(entry)
        if plural:
            carried = plural  # "Councillors A, B and C": the plural honorific applies to each name
        parsed = parse_person(entry)
        named_last = parsed is not None
        if parsed is None:
            continue
        h, name, role = parsed
        # 'Present: ... Cllr Steve Rand (substitute)': present in another member's place
        said = "substitute" if status == "present" and pattern("people", "substitute_note").search(entry) else status
        if h is None and is_body(name, entries):
            named_last = False
            continue
        # 'Councillors A, B and Clerk J Connelly': a plural honorific does not reach an officer
        carried_last = h is None and carried is not None and (role or "").casefold() not in _words("officer_roles")
        found.append(Person(name=name, honorific=h or (carried if carried_last else None), role=role, page=page,
                            status=said))
    return without_wards(found)


def line_entries(line: Line) -> list[str]:
    """The names one line lists: names may stand in columns (each segment is an entry), be
    separated by commas, or follow one another, each opened by its honorific."""
    return [part for seg in (line.segments or (line.text,)) for part in list_entries(seg)]


def _name_title(text: str) -> str | None:
    """'Craig Labadie, Oversight Board Counsel' -> 'Craig Labadie (Oversight Board Counsel)';
    'Trish Spencer – Mayor, City of Alameda' -> 'Trish Spencer (Mayor, City of Alameda)' (after a
    dash the whole designation is the title)."""
    dashed = DASH.split(text.strip(), maxsplit=1)
    # ('Assistant City Mayor – Councillor Dempster': an honorific after the dash opens the name)
    if (len(dashed) == 2 and looks_like_name(clean(dashed[0])) and re.match(r"[A-Z]", clean(dashed[1]))
            and honorific_of(clean(dashed[1]))[0] is None):
        title = clean(dashed[1])
        # a title with its own bracket ('Governance Officer (Minutes)') stays after its dash, not nested in another
        return f"{clean(dashed[0])} – {title}" if "(" in title else f"{clean(dashed[0])} ({title})"
    name, sep, title = text.partition(",")
    title = clean(title)
    if not sep or not looks_like_name(clean(name)) or not title or "," in title or honorific_of(title)[0]:
        return None  # 'Cllr A Smith, Cllr B Jones': an honorific opens the next name, not a title
    job = _words("job_words") | _words("officer_roles")
    if not any(w.strip(".,").casefold() in job for w in title.split()):
        return None
    return f"{clean(name)} ({title})"


def semicolon_entries(text: str) -> list[str] | None:
    """'Ms A Kiely, Chief Executive; Mr L Furlong, Director of Services, Housing; ...' or 'Katherine
    Doyle – Chief Executive; ...': entries a semicolon separates, each a name and perhaps its title
    after a comma or a dash (a title may hold commas and 'and'); None unless every entry is a name."""
    if ";" not in text:
        return None
    entries = []
    for part in re.split(r";\s*(?:and\s+)?", clean(strip_tail(text))):
        office, colon, named = part.partition(":")
        if colon and "," not in office and role_entry(office) and parse_person(named) is not None:
            part = f"{clean(named)} ({clean(office)})"  # 'Head of Inclusion: Dr Alan Murdoch', the office first
        name, sep, title = part.partition(",")
        if sep and not DASH.search(name):
            if not role_entry(re.sub(r"\s*\([^()]*\)\s*$", "", title.split(",")[0])):
                return None  # 'Cllr A, Cllr B; ...': a comma between names, not before a title
            # a title holding its own bracket stays after a dash ('Executive Assistant (recording)')
            part = f"{clean(name)} – {clean(title)}" if "(" in title else f"{clean(name)} ({clean(title)})"
        if parse_person(part) is None:
            return None
        entries.append(part)
    return entries


def _whole_name(text: str) -> bool:
    """'Daniel Chen', 'Councillor Haq': a line that is one person's name, not the wrapped end of an
    office ('Services.', 'Integrated Children's Services')."""
    parsed = parse_person(text) if "," not in text else None
    if parsed is None or role_entry(text):
        return False
    return parsed[0] is not None or (len(parsed[1].split()) >= 2 and parsed[1].split()[-1].casefold() not in _words("body_words"))


def block_people(block: list[Line], status: str | None) -> list[Person]:
    """The people a labelled block lists, one per line or run on."""
    if status == "substitute":
        drop = pattern("people", "substitute_for")
        block = [with_text(ln, drop.sub("", ln.text)) for ln in block]
    # "... and Mr B Watts" / "(General Counsel)": a line opening with a bracket ends the line before
    merged: list[Line] = []
    for ln in block:
        if merged and ln.text.lstrip().startswith("("):
            merged[-1] = replace(merged[-1], text=f"{merged[-1].text} {ln.text.strip()}",
                                 segments=(*merged[-1].segments[:-1], f"{merged[-1].segments[-1]} {ln.text.strip()}"))
        else:
            merged.append(ln)
    block = merged
    texts = [ln.text for ln in block]
    statuses = status_entries(join_lines(texts))
    if statuses:
        return [p for name, kind in statuses for p in people_in([name], kind, block[0].page)]
    entries = semicolon_entries(join_lines(texts))
    if entries:
        return people_in(entries, status, block[0].page)
    titled = [_name_title(t) for t in texts]
    if len(texts) > 1 and all(titled):
        return [p for ln, t in zip(block, titled) for p in people_in([t], status, ln.page)]
    # 'Lise Beaumont, Chair' / 'Daniel Chen' / 'Jordan Okafor, Student Trustee': one person a line,
    # some with their office after a comma (no line runs on with a comma or 'and')
    if (len(texts) > 1 and any(titled) and all(t or _whole_name(x) for t, x in zip(titled, texts))
            and not any(re.search(r"(?:,|\band)\s*$", x) for x in texts)):
        # ('R Healey, Councillor': a title a member holds is read as the honorific, by people_in)
        member = _words("member_titles")
        return [p for ln, t in zip(block, titled)
                for p in people_in([t] if t and clean(ln.text.partition(",")[2]).casefold() not in member
                                   else line_entries(ln), status, ln.page)]
    one_per_line = len(texts) > 1 and all("," not in t for t in texts)
    if one_per_line:
        return [p for ln in block for p in people_in(line_entries(ln), status, ln.page)]
    return people_in(list_entries(join_list(texts)), status, block[0].page)
