"""Pages -> the section tree: the documents bound into the pack, then the items inside them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .items import find_agenda_items, find_minute_items
from .layout import body_size
from .models import Bookmark, DocumentKind, Line, Page, Section
from .rules import any_match, kind_patterns, pattern, patterns

RULES = "documents"
TITLE_RATIO = 1.2  # a title is set at least this much larger than the body text
BOLD_TITLE_RATIO = 1.1  # or in bold and at least this much larger
OPENING_LINES = 10


def clean_text(text: str) -> str:
    """Collapse whitespace."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class PageCue:
    """What the top of one page says about where documents begin."""

    number: int
    is_landscape: bool
    label: str | None
    title: str
    opening: tuple[str, ...]
    item_label: str | None = None
    lines_count: int = 0
    size: float = 0.0
    title_size: float = 0.0
    body: float = 0.0


def _label(page: Page, key: str) -> tuple[str | None, Line | None]:
    """A label such as 'Appendix B' among the first lines of the page (running header or not).

    Two different labels up there are a list of appendices, not the start of one.
    """
    top = sorted(page.lines + page.furniture, key=lambda ln: ln.top)[:3]
    found = [(m.group(1).upper(), ln) for ln in top if (m := pattern(RULES, key).match(ln.text.strip()))]
    if not found or len({label for label, _ in found}) > 1:
        return None, None
    return found[0]


def _label_title(line: Line | None) -> str:
    """The title printed after a label on its line ('Appendix B: Devolution Framework Summary Table')."""
    m = re.match(r"^\S+\s+\S+?\s*[:\u2013\u2014-]\s+(\S.*)$", line.text.strip()) if line is not None else None
    return clean_text(m.group(1)) if m else ""


def _is_title_size(line: Line, body: float) -> bool:
    """Set well above the body text, or bold and a size above it."""
    return line.size >= body * TITLE_RATIO or (line.is_bold and line.size >= body * BOLD_TITLE_RATIO)


def _title(lines: Sequence[Line], page: Page, body: float) -> str:
    """The heading set in the largest type among the opening lines, logos on the right excluded."""
    head = [ln for ln in lines[:OPENING_LINES] if ln.x0 < page.width * 0.5 or ln.x1 - ln.x0 > page.width * 0.3]
    big = [ln for ln in head if _is_title_size(ln, body)]
    if not big:
        return ""
    first = head.index(big[0])
    if first > 3 or re.match(r"^\(?\d{1,3}[.)]?\s", big[0].text):
        return ""  # a numbered heading opens an item, not a document
    size = max(ln.size for ln in big[:3])
    title_lines: list[Line] = []
    for ln in head[first:]:
        if title_lines and (ln.top - title_lines[-1].bottom > ln.size * 1.6 or ln.is_bold != title_lines[0].is_bold):
            break
        if not _is_title_size(ln, body) and not (title_lines and ln.is_bold and ln.size > body + 0.5):
            break
        if title_lines and re.match(r"^[A-Za-z][A-Za-z /]{1,30}:", ln.text):
            break  # a labelled field ("DATE: ...") under the title
        title_lines.append(ln)
        if ln.size < size - 0.1:
            break  # a smaller subtitle closes the title
    return clean_text(" ".join(_title_text(ln, page) for ln in title_lines))


def _title_text(line: Line, page: Page) -> str:
    """A title line's text without the segments set apart in the right half (a members or contacts column beside it)."""
    if len(line.segments) < 2 or len(line.segment_spans) != len(line.segments):
        return line.text
    kept = [t for t, (x0, _) in zip(line.segments, line.segment_spans) if x0 < page.width * 0.5]
    return " ".join(kept) or line.text


def page_cues(pages: Sequence[Page], body: float) -> list[PageCue]:
    """Read the top of every page once."""
    cues = []
    for page in pages:
        label, label_line = _label(page, "appendix_label")
        item_label, item_line = _label(page, "item_label")
        lines = [ln for ln in page.lines if ln is not label_line and ln is not item_line]
        cues.append(
            PageCue(
                number=page.number,
                is_landscape=page.is_landscape,
                label=label,
                title=_label_title(label_line) or _title(lines, page, body),
                opening=tuple(clean_text(ln.text) for ln in lines[:OPENING_LINES]),
                item_label=item_label,
                lines_count=len(lines),
                size=body_size(lines),
                title_size=max((ln.size for ln in lines[:4]), default=0.0),
                body=body,
            )
        )
    return cues


def _title_kind(cue: PageCue) -> str | None:
    for kind, pats in kind_patterns(RULES, "title_kinds"):
        if cue.title and any_match(pats, cue.title):
            return kind
    # A heading the text before it announces ('the following resolution was adopted:' /
    # 'RESOLUTION NO. 2024-16'), or that a mover's name follows ('Moved by: ...'), records a
    # motion in the document running on; it is not a paper of its own.
    lines = cue.opening[:5]
    opening = [
        ln for i, ln in enumerate(lines[:4])
        if not (i and lines[i - 1].endswith(":")) and not (i + 1 < len(lines) and pattern(RULES, "motion_record").match(lines[i + 1]))
    ]
    for kind, pats in kind_patterns(RULES, "opening_kinds"):
        if any(any_match(pats, ln) for ln in opening):
            return kind
    return None


def _is_report_cover(cue: PageCue) -> bool:
    # Two different fields: the same field twice ('Lead officer:' under each of two items) is an agenda's
    # item descriptions running on, not one paper's cover.
    fields = patterns(RULES, "report_cover_fields")
    return sum(1 for f in fields if any(f.search(ln) for ln in cue.opening)) >= 2


def _is_title_page(cue: PageCue) -> bool:
    """A title in large type that names a document ("... Annual Report"); a bold section heading does not count."""
    return (
        bool(cue.title)
        and cue.title_size >= cue.body * TITLE_RATIO
        and not re.match(r"^\(?\d", cue.title)
        and bool(pattern(RULES, "document_nouns").search(cue.title))
    )


def _starts_document(cue: PageCue, prev: PageCue, current: "_Open") -> bool:
    if cue.label and cue.label != current.label:
        return True
    if cue.is_landscape != prev.is_landscape:
        return True
    if cue.item_label and cue.item_label != prev.item_label:
        return True
    if cue.title and cue.title == current.title:
        return False  # the same title repeated on each page of one document
    if _title_kind(cue) is not None:
        return True
    if _is_report_cover(cue):
        return True
    return _is_title_page(cue) and not cue.is_landscape


@dataclass
class _Open:
    """A bound document being collected: its appendix label and the cues of its pages."""

    label: str | None
    cues: list[PageCue]

    @property
    def first(self) -> PageCue:
        """The first page that carries text (a blank cover says nothing)."""
        return next((c for c in self.cues if c.lines_count), self.cues[0])

    @property
    def title(self) -> str:
        return self.first.title


def _kind(doc: _Open, is_first: bool) -> str:
    landscape = [c for c in doc.cues if c.is_landscape]
    if len(landscape) * 2 > len(doc.cues):
        counts = sorted(c.lines_count for c in landscape)
        sizes = sorted(c.size for c in landscape)
        # Slides carry few lines in large type; a landscape page dense with small text is a report.
        if counts[len(counts) // 2] <= 25 or sizes[len(sizes) // 2] >= 14:
            return DocumentKind.SLIDES.value
    first = doc.first
    kind = _title_kind(first)
    if kind:
        return kind
    if is_first and any(any_match(patterns(RULES, "minutes_evidence"), ln) for ln in first.opening):
        return DocumentKind.MINUTES.value
    if _is_report_cover(first):
        return DocumentKind.REPORT.value  # its 'DATE:' is the meeting's, but the paper is a report
    if is_first and any(any_match(patterns(RULES, "front_sheet_markers"), ln) for c in doc.cues[:2] for ln in c.opening):
        return DocumentKind.FRONT_SHEET.value
    if _is_title_page(first):
        return DocumentKind.REPORT.value
    # Evidence before facts: a first document that shows no sign of a meeting (a register, a
    # table, a letter) is `other`, and nothing is read from it as a meeting's.
    return DocumentKind.OTHER.value


def _doc_title(doc: _Open) -> str:
    first = doc.first
    return first.title or (first.opening[0] if first.opening else "")


SIGNIFICANT = re.compile(r"[A-Za-z]{4,}")


def bookmark_starts(bookmarks: Sequence[Bookmark], pages: Sequence[Page]) -> dict[int, str | None]:
    """Pages where the pack's own bookmarks start a bound document, with the appendix letter a
    bookmark names. Used only for a pack whose first bookmark opens its agenda on page 1, and only
    where the page itself prints a word of the bookmark's title (bookmarks can be stale)."""
    top = [b for b in bookmarks if b.level == 0]
    if not top or top[0].page != 1 or not pattern(RULES, "pack_bookmark").search(top[0].title):
        return {}
    text = {p.number: p.text.casefold() for p in pages}
    starts: dict[int, str | None] = {}
    for b in bookmarks:
        named = pattern(RULES, "bookmark_document").search(b.title)
        if b.level > 1 or (b.level == 1 and not named) or b.page not in text:
            continue
        words = [w.casefold() for w in SIGNIFICANT.findall(b.title)]
        if words and not any(w in text[b.page] for w in words):
            continue
        label = named.group(1).upper() if named and named.group(1) else None
        starts.setdefault(b.page, label)
    return starts


def split_documents(pages: Sequence[Page], bookmarks: Sequence[Bookmark] = ()) -> list[Section]:
    """Split the pack into the documents bound into it; their page ranges cover every page."""
    if not pages:
        return []
    body = body_size(ln for p in pages for ln in p.lines)
    cues = page_cues(pages, body)
    marked = bookmark_starts(bookmarks, pages)
    docs: list[_Open] = [_Open(cues[0].label, [cues[0]])]
    for prev, cue in zip(cues, cues[1:]):
        if cue.number in marked or _starts_document(cue, prev, docs[-1]):
            # A deck that follows a labelled report without a label of its own belongs to that appendix.
            label = cue.label or marked.get(cue.number) or (docs[-1].label if cue.is_landscape != prev.is_landscape else None)
            docs.append(_Open(label, [cue]))
        else:
            docs[-1].cues.append(cue)
    if len(docs) > 1 and not any(c.lines_count for c in docs[0].cues):
        docs[1:2] = [_Open(docs[1].label, docs[0].cues + docs[1].cues)]  # blank leading pages open nothing
        docs.pop(0)
    by_number = {p.number: p for p in pages}
    sections = []
    for i, doc in enumerate(docs):
        kind = _kind(doc, i == 0)
        doc_pages = [by_number[c.number] for c in doc.cues]
        lines = [ln for p in doc_pages for ln in p.lines]
        if kind in (DocumentKind.FRONT_SHEET.value, DocumentKind.AGENDA.value):
            children = find_agenda_items(lines, body)
        elif kind == DocumentKind.MINUTES.value:
            children = find_minute_items(lines, body)
        else:
            children = ()
        sections.append(
            Section(
                kind=kind,
                title=_doc_title(doc),
                page_start=doc.cues[0].number,
                page_end=doc.cues[-1].number,
                text="\n".join(p.body_text for p in doc_pages),
                appendix=doc.label,
                children=children,
                lines=tuple(lines),
            )
        )
    return sections
