"""Acronyms: glossaries laid out in two aligned columns, and definitions in running text.

Inline definitions follow Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text": a short form in brackets after its long form
(or the reverse), the long form found by matching the short form's characters from the end.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..models import Acronym, Line, Page, Section

SHORT = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][A-Za-z0-9&/'.\-]{1,11}$")
INLINE = re.compile(r"\(([^()]{2,120})\)")
COLUMN_TOLERANCE = 3.0
MIN_ENTRIES = 3


ROMAN = re.compile(r"^[IVXLC]+\.?$")
DEFINITION_DASH = re.compile(r"^[\u2013\u2014-]+")
BRACKETED = re.compile(r"^(?P<long>[A-Za-z][^()]*?)\s*\((?P<short>[^()\s]{2,12})\)$")
ROW_GAP = 0.6  # a gap under this share of the text size joins two lines of one table cell
MAX_HEAD = 8  # words of a long form printed before a dash and its definition


def is_short_form(text: str) -> bool:
    """Two or more capitals, at most twelve characters, mostly upper case: 'CDOP', 'LeDeR', 'SUDI/C'."""
    text = text.strip()
    if not SHORT.match(text) or ROMAN.match(text) or text.endswith("."):
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) * 2 >= len(letters)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def expansion(short: str, text: str) -> str:
    """The part of a glossary meaning that spells out the acronym, when a description runs on after it."""
    letters = [c.lower() for c in short if c.isalnum()]
    words = text.split()
    k = 0
    for i, word in enumerate(words):
        for part in re.split(r"[/\-]", word):
            if k < len(letters) and part[:1].lower() == letters[k]:
                k += 1
        if k == len(letters):
            rest = words[i + 1 :]
            # A description is a run-on sentence; a short tail ("NHS Trust") is part of the name.
            if len(rest) >= 6 and rest[0][:1].isupper():
                return " ".join(words[: i + 1])
            # A dash or a comma after the last initial word opens the definition
            # ("Consumer Price Index - the measure of ...", "... Standards, the set of ...").
            if rest and (DEFINITION_DASH.match(rest[0]) or word[-1:] in ",;:"):
                return " ".join(words[: i + 1])
            return text
    return _head_before_dash(short, words) or text


def _head_before_dash(short: str, words: list[str]) -> str | None:
    """'London interbank bid rate - the benchmark ...': the words before a dash hold the acronym's
    letters in order from the first word's initial (not every word's), so they are its long form."""
    at = next((i for i, w in enumerate(words[:MAX_HEAD + 1]) if DEFINITION_DASH.fullmatch(w)), None)
    if at is None or at < 2:
        return None
    head = " ".join(words[:at])
    return head if best_long_form(short, head) == head and head[:1].lower() == short[:1].lower() else None


def _mode_x(xs: Iterable[float]) -> float | None:
    counts = Counter(round(x / COLUMN_TOLERANCE) for x in xs)
    if not counts:
        return None
    key, n = counts.most_common(1)[0]
    return key * COLUMN_TOLERANCE if n >= MIN_ENTRIES else None


def glossary_entries(lines: Sequence[Line]) -> list[tuple[str, str, int]]:
    """Rows of a two-column glossary on one page: (acronym, meaning, page)."""
    starts = [ln for ln in lines if len(ln.words) >= 2 and is_short_form(ln.words[0].text)]
    meaning_x = _mode_x(ln.words[1].x0 for ln in starts)
    term_x = _mode_x(ln.words[0].x0 for ln in starts)
    if meaning_x is None or term_x is None:
        return []
    entries: list[list] = []
    named: list[list] = []  # rows whose term is words: [term text, page, last line]
    run_open = False
    for ln in lines:
        first = ln.words[0] if ln.words else None
        if first is None:
            continue
        term = [w for w in ln.words if w.x0 < meaning_x - COLUMN_TOLERANCE]
        rest = [w for w in ln.words if w.x0 >= meaning_x - COLUMN_TOLERANCE]
        short = " ".join(w.text for w in term)
        at_term = abs(first.x0 - term_x) <= COLUMN_TOLERANCE
        if at_term and rest and is_short_form(short.replace(" ", "")):
            entries.append([short, " ".join(w.text for w in rest), ln.page])
            run_open = True
        elif run_open and abs(first.x0 - meaning_x) <= COLUMN_TOLERANCE:
            entries[-1][1] += " " + ln.text  # the meaning wraps onto the next line
        else:
            run_open = False
        if at_term and term and not run_open:
            last = named[-1][2] if named else None
            # A term cell that wraps ("Floating rate" / "note (FRN)") continues at the line spacing.
            if last is not None and last.page == ln.page and ln.top - last.bottom < ln.size * ROW_GAP:
                named[-1][0] += " " + short
                named[-1][2] = ln
            else:
                named.append([short, ln.page, ln])
    terms = [e[0] for e in entries]
    if len(entries) < MIN_ENTRIES or len(set(terms)) * 10 < len(terms) * 8:
        return []  # a contents list repeats its words ("LLR ... 7", "LLR ... 8"); a glossary does not
    found = [(a, _clean(expansion(a, m)), p) for a, m, p in entries if re.search(r"[A-Za-z]", m)]
    if not _spells_out(found):
        return []
    return found + [e for t, p, _ in named if (e := _bracketed_term(t, p))]


def _bracketed_term(term: str, page: int) -> tuple[str, str, int] | None:
    """A glossary term printed as its long form with the acronym in brackets: 'Floating rate note (FRN)'."""
    m = BRACKETED.match(term.strip())
    if not m or not is_short_form(m.group("short")):
        return None
    long = initials_long_form(m.group("short"), m.group("long"))
    return (m.group("short"), _clean(long), page) if long and long == m.group("long") else None


def _spells_out(entries: Sequence[tuple[str, str, int]]) -> bool:
    """Most meanings of a glossary spell out their acronym; labels and values in a form do not."""
    spelled = sum(1 for a, m, _ in entries if initials_long_form(a.replace(" ", ""), m) or
                  (best_long_form(a, m) or "")[:1].lower() == m[:1].lower() == a[:1].lower())
    return spelled * 2 >= len(entries)


STOPWORDS = {"of", "and", "for", "the", "in", "on", "to", "&", "at", "with", "a"}


def initials_long_form(short: str, candidate: str) -> str | None:
    """The long form whose words' initials spell the short form; small words are skipped unless needed."""
    return _initials(short, candidate, use_small_words=False) or _initials(short, candidate, use_small_words=True)


def _initials(short: str, candidate: str, use_small_words: bool) -> str | None:
    letters = [c.lower() for c in short if c.isalpha()]
    words = candidate.split()
    k, i = len(letters) - 1, len(words) - 1
    while k >= 0 and i >= 0:
        parts = [p for p in re.split(r"[/\-]", words[i]) if p]
        initials = [p[0].lower() for p in parts]
        if not use_small_words and words[i].lower() in STOPWORDS:
            i -= 1
            continue
        matched = 0
        for ch in reversed(initials):
            if k - matched >= 0 and ch == letters[k - matched]:
                matched += 1
        if matched:
            k -= matched
        elif words[i].lower() not in STOPWORDS and not (k == len(letters) - 1 and short[-1:] == "s"):
            return None
        i -= 1
    if k >= 0:
        return None
    return " ".join(words[i + 1 :])


LIST_ENTRY = re.compile(r"^(?P<term>[A-Za-z][A-Za-z0-9&/'.\-]{1,11})\s*(?:[\u2013\u2014:=]|\s-)\s*(?P<meaning>\S.*)$")


def list_entries(lines: Sequence[Line]) -> list[tuple[str, str, int]]:
    """A glossary printed as a list, 'ASC – Adult Social Care' or 'ASC: Adult Social Care', three or more in a row."""
    runs: list[list[tuple[str, str, int]]] = [[]]
    for ln in lines:
        m = LIST_ENTRY.match(ln.text.strip())
        if m and is_short_form(m.group("term")) and len(m.group("meaning").split()) <= 15:
            runs[-1].append((m.group("term"), _clean(m.group("meaning")), ln.page))
        elif runs[-1]:
            runs.append([])
    return [e for run in runs if len(run) >= MIN_ENTRIES and _spells_out(run) for e in run]


def best_long_form(short: str, candidate: str) -> str | None:
    """Schwartz & Hearst: match the short form's characters right to left inside the candidate."""
    s, l = len(short) - 1, len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l >= 0 and (candidate[l].lower() != c or (s == 0 and l > 0 and candidate[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    start = candidate.rfind(" ", 0, l + 1) + 1
    return candidate[start:].strip()


def _ends_right(short: str, long: str) -> bool:
    """The long form's last word starts with the short form's last letter (a plural 's' aside)."""
    letters = [c.lower() for c in short if c.isalpha()]
    if len(letters) > 1 and short.endswith("s") and short[-2:-1].isupper():
        letters = letters[:-1]
    last = [p for p in re.split(r"[\s/\-]", long.strip()) if p]
    return bool(letters and last) and last[-1][:1].lower() == letters[-1]


def inline_definitions(text: str) -> list[tuple[str, str]]:
    """'Child Death Overview Panel (CDOP)' and 'CDOP (Child Death Overview Panel)' in running text."""
    found = []
    for m in INLINE.finditer(text):
        # "(“ICB”)" and "(the LGA)" define ICB and LGA.
        inner = re.sub(r"^the\s+", "", m.group(1).strip().strip("\u201c\u201d\u2018\u2019\"'"), flags=re.IGNORECASE)
        before = text[: m.start()].rstrip()
        if is_short_form(inner.replace(" ", "")) and len(inner.split()) <= 2:
            words = re.split(r"(?<=[.;:!?])\s+", before)[-1].split()
            n = min(len(inner) + 5, len(inner) * 2)
            window = " ".join(words[-n:])
            long = initials_long_form(inner, window) or best_long_form(inner, window)
            if long and len(long.split()) > 1 and long[:1].lower() == inner[:1].lower() and _ends_right(inner, long):
                found.append((inner, _clean(long)))
        elif len(inner.split()) >= 2:
            tail = before.split()[-1:] if before else []
            if tail and is_short_form(tail[0]):
                long = best_long_form(tail[0], inner)
                if (long and long == inner.strip() and long[:1].lower() == tail[0][:1].lower()
                        and tail[0] not in inner and _ends_right(tail[0], long)):
                    found.append((tail[0], _clean(long)))
    return found


def extract_acronyms(pages: Sequence[Page], sections: Sequence[Section] = ()) -> list[Acronym]:
    """Every acronym defined in a document: glossaries first, then inline definitions, each once.

    A glossary is the document's own list of its terms: inline definitions are taken only from
    the bound documents it does not cover (a glossary covers the document it is printed in; one
    in the front sheet covers the whole pack).
    """
    out: list[Acronym] = []
    seen: set[tuple[str, str]] = set()

    def add(acronym: str, meaning: str, source: str, page: int) -> None:
        key = (acronym, meaning.casefold())
        if key not in seen and meaning:
            seen.add(key)
            out.append(Acronym(acronym, meaning, source, page))

    glossary_pages: set[int] = set()
    for page in pages:
        for acronym, meaning, number in glossary_entries(page.lines) + list_entries(page.lines):
            add(acronym, meaning, "glossary", number)
            glossary_pages.add(number)
    covered: list[tuple[int, int]] = []
    for i, section in enumerate(sections):
        if any(section.page_start <= p <= section.page_end for p in glossary_pages):
            if i == 0 and section.kind == "front_sheet":
                covered.append((1, max(p.number for p in pages)))
            covered.append((section.page_start, section.page_end))
    if not sections and glossary_pages:
        covered.append((1, max(p.number for p in pages)))
    defined = {a.acronym for a in out}
    for page in pages:
        # The glossary's own pages still define, inside its meanings, terms it has no row for
        # ("... Constant Net Asset Value (CNAV) ..."); the pages it covers are not read for them.
        own = page.number in glossary_pages
        if not own and any(a <= page.number <= b for a, b in covered):
            continue
        text = re.sub(r"-\s*\n\s*", "-", page.body_text).replace("\n", " ")
        for acronym, meaning in inline_definitions(text):
            if not (own and acronym in defined):
                add(acronym, meaning, "inline", page.number)
    return out
