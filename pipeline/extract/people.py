"""Names as printed -> name, honorific, role; lists of names split where a reader would split them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from ..models import Person
from ..rules import load_rules, pattern

PARTICLES = {"de", "van", "von", "da", "del", "der", "le", "la", "bin", "al", "du", "di", "st"}
DASH = re.compile(r"\s+[\u2013\u2014-]\s+")


@cache
def _vocab(key: str) -> tuple[str, ...]:
    values = load_rules("people").get(key)
    if not isinstance(values, list):
        raise ValueError(f"people.yml: {key} must be a list")
    return tuple(sorted((str(v) for v in values), key=len, reverse=True))


def _alternation(key: str) -> str:
    """A vocabulary as a regex alternation; an 'o' may be printed as a zero ('C0uncillor')."""
    return "|".join(re.escape(h).replace("o", "[o0]") for h in _vocab(key))


@cache
def _honorific_re() -> re.Pattern[str]:
    # "Councillors: A (Chair), B": a colon may follow a plural honorific that heads a list
    return re.compile(rf"^(?P<hon>{_alternation('honorifics')})\.?:?(?:\s+|$)", re.IGNORECASE)


@cache
def _post_nominal_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(h) for h in _vocab("post_nominals"))
    return re.compile(rf"(?:,?\s+(?:{alts})\b)+\s*$")


def clean(text: str) -> str:
    """Collapse whitespace and trim list punctuation."""
    return re.sub(r"\s+", " ", text).strip(" ,;.:")


def split_outside_brackets(text: str) -> list[str]:
    """Split a run-on list at commas, semicolons and 'and' that are not inside brackets."""
    parts, depth, current = [], 0, []
    tokens = re.split(r"(\(|\)|,|;|\band\b|&)", text)
    for tok in tokens:
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        if depth == 0 and tok in (",", ";", "and", "&"):
            parts.append("".join(current))
            current = []
        else:
            current.append(tok)
    parts.append("".join(current))
    # "Ms A Farmer. Ms L Game": a full stop before an honorific also separates two names.
    hons = "|".join(re.escape(h) for h in _vocab("honorifics"))
    parts = [q for p in parts for q in re.split(rf"\.\s+(?=(?:{hons})\b)", p)]
    post = {p.lower() for p in _vocab("post_nominals")}
    return [clean(p) for p in parts if clean(p) and clean(p).lower() not in post]


@cache
def plural_honorifics() -> dict[str, str]:
    """Plural honorifics that head a list ("councillors") and the singular each name takes."""
    return {k.lower(): v for k, v in load_rules("people")["plural_honorifics"].items()}


def honorific_of(text: str) -> tuple[str | None, str]:
    """The leading honorifics ("Councillor Mrs", plurals made singular) and the rest."""
    plurals = plural_honorifics()
    found: list[str] = []
    rest = text
    while True:
        m = _honorific_re().match(rest)
        after = rest[m.end():].strip() if m else ""
        # 'Members of the Planning Committee': an honorific stands before a name, not before 'of'
        if not after or (after[0].islower() and after.split()[0] not in PARTICLES):
            break
        hon = m.group("hon")
        found.append(plurals.get(hon.lower().replace("0", "o"), hon))
        rest = rest[m.end():].strip()
    return (" ".join(found) if found else None), rest


def only_honorifics(text: str) -> bool:
    """'His Worship' standing alone, as in 'His Worship, Mayor Katz'."""
    alts = "|".join(re.escape(h) for h in _vocab("honorifics"))
    return re.fullmatch(rf"(?:{alts})\.?(?:\s+(?:{alts})\.?)*", text.strip(), re.IGNORECASE) is not None


def looks_like_name(name: str) -> bool:
    """One to six capitalised words or initials, no digits, not a placeholder such as 'None'."""
    words = name.split()
    if not 1 <= len(words) <= 6 or re.search(r"\d|@|/", name):
        return False
    if name.strip(" .").casefold() in {v.casefold() for v in _vocab("not_names")}:
        return False
    return all(w[0].isupper() or w.lower() in PARTICLES for w in words) and any(len(w.strip(".")) > 1 for w in words)


def split_at_honorifics(entry: str) -> list[str]:
    """'Councillor Brown Councillor Green' (two columns read as one line) -> two entries.

    A capitalised honorific after a name word starts the next name; the honorifics leading
    an entry ('Councillor Sir John Smith') stay with it.
    """
    hons = _alternation("honorifics")
    _, rest = honorific_of(entry)
    head = entry[: len(entry) - len(rest)]
    # not inside a bracket: 'Cllr T Reed (substitute for Cllr Marsh)' is one entry
    cuts = [m for m in re.finditer(rf"(?<=[\w).])\s+(?=(?-i:(?:{hons}))\.?\s+[A-Z])", rest)
            if rest[:m.start()].count("(") == rest[:m.start()].count(")")]
    bounds = [0, *(x for m in cuts for x in (m.start(), m.end())), len(rest)]
    parts = [rest[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    return [head + parts[0], *parts[1:]] if parts else [entry]


@cache
def _office_honorifics() -> tuple[tuple[re.Pattern[str], str], ...]:
    offices = load_rules("people")["office_honorifics"]
    return tuple((re.compile(rf"\b{re.escape(k)}\b", re.IGNORECASE), v)
                 for k, v in sorted(offices.items(), key=lambda kv: -len(kv[0])))


def office_of(honorific: str | None) -> str | None:
    """The office an honorific names ('His Worship Mayor' -> 'Mayor'), else None."""
    if not honorific:
        return None
    return next((office for rx, office in _office_honorifics() if rx.search(honorific)), None)


@cache
def _leading_role_re() -> re.Pattern[str]:
    """An office printed before a name: 'Clerk Mrs J Todd', 'Chair: Mrs S Walker'."""
    officers = _alternation("officer_roles")
    roles = _alternation("roles")
    return re.compile(rf"^(?P<role>(?-i:{officers}))\s*:?\s+(?=(?-i:[A-Z]))|^(?P<role2>{roles})\s*:\s*(?=\S)",
                      re.IGNORECASE)


def leading_role(text: str) -> tuple[str | None, str]:
    """The office printed before a name, and the rest."""
    m = _leading_role_re().match(text)
    if m:
        return m.group("role") or m.group("role2"), text[m.end():]
    m = pattern("people", "councillor_office").match(text)
    if m:
        return clean(m.group("role")), text[m.end():]
    return None, text


def strip_tail(text: str) -> str:
    """Drop what follows a list's last name: 'plus ten guests', a count '- 5.', a '[Note: ...]'."""
    tail = pattern("people", "list_tail")
    while True:
        shorter = tail.sub("", text)
        if shorter == text:
            return text
        text = shorter


@cache
def _party_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(p) for p in _vocab("parties"))
    return re.compile(rf"\s*\((?:{alts})\)", re.IGNORECASE)


def is_note(bracket: str) -> bool:
    """'(work commitments)', '(for items 24/101 to 24/106)', '(arrived 7.45 pm)': a bracket opening
    with a lowercase word is a reason or a time note, not an office ('(Chair)', '(Head of Planning)');
    an office printed in lower case ('(chair)', '(clerk)') is still an office; a council a member
    sits for ('(Portmead Borough Council)') is not an office."""
    words = clean(bracket).split()
    if words and pattern("people", "organisation_bracket").search(clean(bracket)):
        return True  # '(Portmead Borough Council)': the body a member sits for
    if not words or not words[0][0].islower():
        return False
    known = {w.casefold() for key in ("roles", "officer_roles", "job_words") for w in _vocab(key)}
    return clean(bracket).casefold() not in known and words[-1].casefold() not in known


def parse_person(entry: str) -> tuple[str | None, str, str | None] | None:
    """'Mr R C Love, OBE (Chairman)' -> ('Mr', 'R C Love', 'Chairman'); None when it is not a name.
    A political group in brackets ('(Con)') is neither name nor role."""
    text = clean(strip_tail(_party_re().sub("", entry)))
    role, text = leading_role(text)
    m = re.search(r"\(([^()]*)\)\s*$", text)
    dash = DASH.search(text)
    if m and dash and dash.end() < m.start() and not honorific_of(text[dash.end():])[0]:
        # 'Mrs J Barnes – Governance Officer (Minutes)': the bracket is part of the role after the dash, unless it
        # is a note ('Jenna Brooks – Executive Assistant (recording)')
        text, m = (clean(text[: m.start()]) if is_note(m.group(1)) else text), None
    inner = re.search(r"\(([^()]*)\)\s*$", text[: m.start()]) if m else None
    if m and inner:
        # Two brackets ('Councillor M Baillie (Convener) (Kinnaird)'): the office is the role, the other (a ward,
        # a place) is not; when neither reads as an office, the first, next to the name.
        offices = [b for b in (inner.group(1), m.group(1)) if holds_job_word(b)]
        chosen = offices[0] if offices else inner.group(1)
        role, text, m = role or (None if is_note(chosen) else clean(chosen)), clean(text[: inner.start()]), None
    if m:
        role, text = role or (None if is_note(m.group(1)) else clean(m.group(1))), clean(text[: m.start()])
    parts = DASH.split(text, maxsplit=1)
    if len(parts) == 2:
        left, right = parts
        if honorific_of(right)[0] and not honorific_of(left)[0]:
            role, text = role or clean(left), clean(right)
        else:
            text, role = clean(left), role or clean(right)
    text = clean(_post_nominal_re().sub("", text))
    hon, name = honorific_of(text)
    name = clean(_post_nominal_re().sub("", name))
    if hon is None and role is None:
        role, name = leading_title(name)
    if not looks_like_name(name):
        return None
    return hon, name, role or office_of(hon)


@cache
def _job_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in _vocab("job_words"))


def holds_job_word(text: str) -> bool:
    """A bracket that names an office by a job word in it ('Vice-Convener', 'Teacher representative'), not a ward
    or a place. (member_lists.is_office is stricter: a role the rules name, for a roster's first cell.)"""
    return any(w.strip(".,:;").casefold() in _job_words() for w in text.split())


def leading_title(text: str) -> tuple[str | None, str]:
    """'Board Counsel Labadie' -> ('Board Counsel', 'Labadie'): a job title printed before a name
    (capitalised words up to the last that ends a job title, 'Counsel', 'Director'), and the name."""
    words = text.split()
    for i in range(len(words) - 1, 0, -1):
        if words[i - 1].strip(".,").casefold() not in _job_words():
            continue
        head, rest = words[:i], words[i:]
        if (all(w[0].isupper() or w in ("of", "the", "and", "for", "&") for w in head)
                and not any(w.casefold() in _job_words() for w in rest) and looks_like_name(" ".join(rest))):
            return " ".join(head), " ".join(rest)
        break
    return None, text


def same_person(a: str, b: str) -> bool:
    """'Landau' / 'Andrew Landau', 'L Game' / 'Lesley Game': one surname, and the given names one
    prints agree with the other's (a surname alone, or initials, name no one else)."""
    wa, wb = a.casefold().replace(".", " ").split(), b.casefold().replace(".", " ").split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    ga, gb = wa[:-1], wb[:-1]
    if not ga or not gb:
        return True
    if len(ga) != len(gb):
        return False
    return all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)) for x, y in zip(ga, gb))


def without_wards(people: list[Person]) -> list[Person]:
    """Brackets that name the members' wards, not offices ('Councillor F Anwar (Burgh Central)'): in a list
    where three or more members carry a bracket that is no office, note or acronym, and members share one
    (several members sit for a ward; an office in brackets reads as one), those brackets are not roles."""
    places = Counter(p.role for p in people
                     if p.role and not holds_job_word(p.role) and not p.role.isupper() and not is_note(p.role))
    if sum(places.values()) < 3 or max(places.values()) < 2:
        return people
    return [replace(p, role=None) if p.role in places else p for p in people]
