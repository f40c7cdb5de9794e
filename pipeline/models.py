"""Plain frozen dataclasses passed between stages, and the closed vocabularies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """Outcome of ingesting one document."""

    OK = "ok"
    PARTIAL = "partial"
    NO_TEXT = "no_text"
    FAILED = "failed"


class DocumentKind(str, Enum):
    """Kinds of the documents bound into a pack (top-level sections)."""

    FRONT_SHEET = "front_sheet"
    AGENDA = "agenda"
    MINUTES = "minutes"
    REPORT = "report"
    SLIDES = "slides"
    WORK_PROGRAMME = "work_programme"
    OTHER = "other"


class SectionKind(str, Enum):
    """Kinds of nested sections."""

    AGENDA_ITEM = "agenda_item"
    MINUTE_ITEM = "minute_item"
    REPORT_SECTION = "report_section"
    OTHER = "other"


@dataclass(frozen=True)
class Word:
    """One word as printed, with its font and box (PDF points, top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    is_bold: bool
    turn: int = 0  # 0 upright; 1 set to read down the page, -1 up it (a quarter turn either way)


@dataclass(frozen=True)
class Line:
    """Words on one baseline, in reading order; `segments` are runs split at wide gaps, spanning `segment_spans`."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    is_bold: bool
    font: str
    segments: tuple[str, ...] = ()
    segment_spans: tuple[tuple[float, float], ...] = field(default=(), repr=False, compare=False)
    words: tuple[Word, ...] = field(default=(), repr=False, compare=False)


def position(line: Line) -> tuple[float, float]:
    """Where a line stands on its page, top first: the order of a page read top to bottom."""
    return line.top, line.x0


def merge_in_order(lines: Sequence[Line], others: Sequence[Line]) -> list[Line]:
    """Lines in reading order with others (in top order) each put before the first line below it:
    over a page read top to bottom this is the order by position; columns keep theirs."""
    out: list[Line] = []
    k = 0
    for line in lines:
        while k < len(others) and position(others[k]) < position(line):
            out.append(others[k])
            k += 1
        out.append(line)
    return out + list(others[k:])


@dataclass(frozen=True)
class Page:
    """One page: its size, its body lines and its running headers/footers."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...] = ()
    furniture: tuple[Line, ...] = ()
    is_ocr: bool = False
    error: str | None = None
    tables: tuple[RawTable, ...] = ()

    @property
    def is_landscape(self) -> bool:
        return self.width > self.height * 1.05

    @property
    def text(self) -> str:
        """The whole page's text in reading order, running headers and footers included."""
        ordered = merge_in_order(self.lines, sorted(self.furniture, key=position))
        return "\n".join(ln.text for ln in ordered)

    @property
    def body_text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


@dataclass(frozen=True)
class Section:
    """A part of the pack: a bound document (top level) or an item inside one."""

    kind: str
    title: str
    page_start: int
    page_end: int
    text: str = ""
    number: str | None = None
    appendix: str | None = None
    description: str = ""
    children: tuple["Section", ...] = ()
    lines: tuple[Line, ...] = field(default=(), repr=False, compare=False)
    level: int = 1  # an item's depth in the outline: 1 for the outer list
    parent: int | None = None  # position among its document's children of the item it is nested under


@dataclass(frozen=True)
class Meeting:
    """A meeting named by a front sheet or by the heading of a set of minutes."""

    council: str | None
    body: str | None
    date: str | None
    time: str | None = None
    place: str | None = None
    page: int | None = None


@dataclass(frozen=True)
class Person:
    """A member or attendee as printed: name without honorific, honorific, role, status."""

    name: str
    honorific: str | None
    role: str | None
    page: int
    status: str | None = None


@dataclass(frozen=True)
class Resolution:
    """A decision recorded in minutes, as printed."""

    minute_number: str | None
    item_title: str
    number: int | None
    text: str
    keyword: str
    page: int
    resolution_number: str | None = None  # the decision's own printed number ("R24-117")
    mover: str | None = None  # as printed ("Councillor Reyes")
    seconder: str | None = None


@dataclass(frozen=True)
class Vote:
    """One recorded vote with its named voters, as printed."""

    minute_number: str | None
    subject: str | None
    for_count: int | None
    against_count: int | None
    abstain_count: int | None
    result: str | None
    page: int
    records: tuple[tuple[str, str | None, str], ...]  # (name, honorific, vote)
    mover: str | None = None  # as printed ("Councilmember Daysog", "Z. Maiorca")
    seconder: str | None = None


@dataclass(frozen=True)
class Problem:
    """Something that went wrong while reading one document."""

    stage: str
    code: str
    message: str
    page: int | None = None


@dataclass(frozen=True)
class Document:
    """Everything the pipeline found in one PDF, ready to be stored."""

    path: str
    filename: str
    sha256: str
    page_count: int
    status: str
    title: str | None = None
    error: str | None = None
    pages: tuple[Page, ...] = ()
    sections: tuple[Section, ...] = ()
    meeting: Meeting | None = None
    minutes_meetings: tuple[tuple[int, Meeting], ...] = ()  # (top-level section index, meeting)
    members: tuple[Person, ...] = ()
    attendees: tuple[tuple[int, Person], ...] = ()  # (top-level section index, person)
    resolutions: tuple[tuple[int, int, Resolution], ...] = ()  # (top index, child index, resolution)
    votes: tuple[tuple[int, int, "Vote"], ...] = ()
    tables: tuple[Table, ...] = ()
    acronyms: tuple[Acronym, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    source_url: str | None = None  # where the file was downloaded from, when the caller knows


@dataclass(frozen=True)
class RawTable:
    """A ruled table as the PDF library found it: its box, its cells row by row, which rows are bold."""

    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str | None, ...], ...]
    bold_rows: tuple[bool, ...]


@dataclass(frozen=True)
class Table:
    """A table as stored: caption, header, data rows; it may run over several pages."""

    page: int
    page_end: int
    caption: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    top: float = 0.0
    bottom: float = 0.0


@dataclass(frozen=True)
class Acronym:
    """An acronym and its meaning, from a glossary or from a definition in running text."""

    acronym: str
    meaning: str
    source: str
    page: int


@dataclass(frozen=True)
class Bookmark:
    """One entry of the PDF's own outline: its depth (0 = top), title, and the 1-based page it opens."""

    level: int
    title: str
    page: int


@dataclass(frozen=True)
class RawPage:
    """What read.py hands to layout.py: one page's words, or the reason there are none."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...] = ()
    error: str | None = None
    is_ocr: bool = False
    tables: tuple[RawTable, ...] = ()
