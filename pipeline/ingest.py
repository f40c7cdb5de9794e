"""One file -> a Document: read, lay out, split, extract. Never raises for a bad file."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from .budget import Overtime, deadline
from .errors import AgendapackError, TimeLimit
from .extract.acronyms import extract_acronyms
from .extract.attendees import extract_attendees
from .extract.meeting import extract_front_sheet_meeting, extract_minutes_meeting
from .extract.members import extract_members
from .extract.resolutions import extract_resolutions
from .extract.tables import build_tables
from .extract.votes import extract_votes
from .layout import find_pages
from .models import Document, DocumentKind, Line, Meeting, Page, Problem, Section, Status
from .ocr import ENABLE_HINT, ocr_available
from .read import file_sha256, read_bookmarks, read_pdf
from .sections import split_documents

# Problems that mean part of the document was not read (or read from a repaired copy); others
# (a vote count that disagrees with its names) are findings about a document read in full.
FAILURE_CODES = {"page_error", "stage_error", "time_limit", "max_pages", "repaired"}


def _lines(pages: Sequence[Page], section: Section) -> list[Line]:
    return [ln for p in pages if section.page_start <= p.number <= section.page_end for ln in p.lines]


def extract_meetings(pages: Sequence[Page], sections: Sequence[Section]) -> tuple[Meeting | None, tuple[tuple[int, Meeting], ...]]:
    """The meeting the pack is for (front sheet), and the meeting each set of minutes records."""
    own: Meeting | None = None
    minutes: list[tuple[int, Meeting]] = []
    for index, section in enumerate(sections):
        if section.kind == DocumentKind.MINUTES.value:
            found = extract_minutes_meeting(_lines(pages, section), section.title)
            if found:
                minutes.append((index, found))
        elif index == 0 and section.kind in (DocumentKind.FRONT_SHEET.value, DocumentKind.AGENDA.value):
            own = extract_front_sheet_meeting(_lines(pages, section), section.title)
    if own is None and minutes and all(s.kind == DocumentKind.OTHER.value for s in sections[: minutes[0][0]]):
        # A file of minutes (behind a cover that names no meeting) is published for the meeting it records.
        own = minutes[0][1]
    return own, tuple(minutes)


def _status(name: str, pages: Sequence[Page], problems: Sequence[Problem]) -> tuple[str, str | None]:
    failures = [p for p in problems if p.code in FAILURE_CODES]
    if not pages:
        if failures:
            return Status.FAILED.value, failures[0].message
        return Status.FAILED.value, f"{name}: the PDF has no pages (its page tree is missing or broken)"
    failed = [p for p in pages if p.error]
    if len(failed) == len(pages):
        return Status.FAILED.value, f"{name}: no page could be read (page {failed[0].number}: {failed[0].error})"
    if not any(p.lines or p.furniture for p in pages):
        hint = "" if ocr_available() else f"; {ENABLE_HINT}"
        return Status.NO_TEXT.value, f"{name}: no page has text (scanned, blank, or text drawn as outlines){hint}"
    if failures:
        return Status.PARTIAL.value, failures[0].message
    return Status.OK.value, None


# The problem code a document's status gets when no problem of its own says why it is not `ok`.
STATUS_CODES = {Status.FAILED.value: "no_pages", Status.NO_TEXT.value: "no_text", Status.PARTIAL.value: "page_error"}


def account(doc: Document) -> Document:
    """The document as it may be stored: every status but `ok` with a `problems` row saying why, and a
    file name that is not UTF-8 shown with replacement characters (its bytes, in hex, in a problems row)."""
    problems = list(doc.problems)
    if doc.status != Status.OK.value and doc.error and not any(p.message == doc.error for p in problems):
        problems.append(Problem("read", STATUS_CODES.get(doc.status, "error"), doc.error))
    raw = os.fsencode(doc.path)
    if shown(doc.path) != doc.path:
        problems.append(Problem("read", "file_name_not_utf8", f"{shown(doc.filename)}: the file name is not UTF-8; "
                                f"shown with replacement characters; its bytes (hex): {raw.hex()}"))
    # The path stays as it is: the writer opens it to keep the bytes (store.py stores it shown).
    return dataclasses.replace(
        doc, filename=shown(doc.filename), error=shown(doc.error) if doc.error else doc.error,
        problems=tuple(dataclasses.replace(p, message=shown(p.message)) for p in problems),
    )


def shown(text: str) -> str:
    """A file name (or a message holding one) as text: bytes that are not UTF-8 become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def unread_identity(path: Path) -> str:
    """The identity of a file with no bytes to hash: the SHA-256 of `unread:` and its absolute path's bytes."""
    return hashlib.sha256(b"unread:" + os.fsencode(os.path.abspath(path))).hexdigest()


def unread_document(path: Path, exc: BaseException, code: str | None = None) -> Document:
    """A `failed` row for a file that could not be read or hashed (a FIFO, a file gone mid-run, a crash).

    The file's hash is taken when it can be; otherwise the row's identity is made from its path
    (unread_identity), so a re-run updates the same row."""
    code = code or getattr(exc, "code", "unreadable")
    message = str(exc) if str(exc).startswith(path.name) else f"{path.name}: {exc}"
    try:
        sha = file_sha256(path)
    except (AgendapackError, OSError):
        sha = unread_identity(path)
    doc = Document(os.path.abspath(path), path.name, sha, 0, Status.FAILED.value, error=message,
                   problems=(Problem("read", code, message),))
    return account(doc)


def worker_failed(path: Path, exc: BaseException) -> Document:
    """The `failed` row for a file whose worker raised (a bug in a stage): the file is accounted for all the same."""
    return unread_document(path, RuntimeError(f"the worker failed ({type(exc).__name__}: {exc})"), "worker_error")


def slim(doc: Document) -> Document:
    """The document without the word boxes and line lists the stages needed: what the writer stores, smaller to send."""
    def section(s: Section) -> Section:
        return dataclasses.replace(s, lines=(), children=tuple(section(c) for c in s.children))

    pages = tuple(
        dataclasses.replace(p, lines=tuple(dataclasses.replace(ln, words=()) for ln in p.lines),
                            furniture=tuple(dataclasses.replace(ln, words=()) for ln in p.furniture), tables=())
        for p in doc.pages
    )
    return dataclasses.replace(doc, pages=pages, sections=tuple(section(s) for s in doc.sections))


def ingest_file(path: str, password: str | None = None, max_pages: int | None = None,
                time_limit: float | None = None, ocr_threads: int = 1) -> Document:
    """process_file for a worker process: within its time (budget.deadline), accounted for, slimmed for the writer."""
    try:
        with deadline(time_limit):
            doc = process_file(path, password, max_pages, time_limit, ocr_threads)
    except (TimeLimit, Overtime) as exc:  # past its time where no stage could keep what it had
        return unread_document(Path(path), TimeLimit(f"{Path(path).name}: gave up: {exc}"))
    except AgendapackError as exc:  # the file is not a regular file, or has gone
        return unread_document(Path(path), exc)
    except MemoryError:
        return unread_document(Path(path), MemoryError("the worker's memory limit was reached"), "memory_limit")
    return account(slim(doc))


def _named(file: Path, exc: BaseException) -> str:
    text = str(exc)
    return text if text.startswith(file.name) else f"{file.name}: {text}"


def process_file(
    path: str, password: str | None = None, max_pages: int | None = None, time_limit: float | None = None,
    ocr_threads: int = 1,
) -> Document:
    """Everything the pipeline finds in one PDF; a bad file comes back with status `failed`."""
    file = Path(path)
    sha = file_sha256(file)
    base = Document(path=str(file.resolve()), filename=file.name, sha256=sha, page_count=0, status=Status.FAILED.value)
    raw = []
    stopped: list[Problem] = []
    notes: list[tuple[str, str]] = []
    try:
        for page in read_pdf(file, password=password, max_pages=max_pages, time_limit=time_limit,
                             ocr_threads=ocr_threads, notes=notes):
            raw.append(page)
    except AgendapackError as exc:
        code = exc.code if isinstance(exc, FAILURE_ERRORS) else "page_error"
        stopped.append(Problem("read", code if raw else exc.code, _named(file, exc), exc.page))
        if not raw:
            return dataclasses.replace(base, error=stopped[0].message, problems=(*_notes(notes), *stopped))
    except Exception as exc:  # a damaged file can fail in the PDF library at any page (MemoryError included)
        message = f"{file.name}: page {len(raw) + 1}: {type(exc).__name__}: {exc}"[:400]
        if not raw:
            return dataclasses.replace(base, error=message, problems=(Problem("read", "broken_pdf", message, 1),))
        stopped.append(Problem("read", "page_error", message, len(raw) + 1))
    problems = [*_notes(notes), *stopped]
    try:
        pages = find_pages(raw)
    except (TimeLimit, Overtime) as exc:
        return dataclasses.replace(base, error=_named(file, exc), problems=(*problems, Problem("layout", "time_limit", _named(file, exc))))
    del raw
    problems = [Problem("read", "page_error", f"{file.name}: page {p.number}: {p.error}", p.number) for p in pages if p.error] + problems
    sections, meeting, minutes, facts = _stages(file, password, pages, problems)
    status, error = _status(file.name, pages, problems)
    title = sections[0].title if sections else None
    return dataclasses.replace(
        base,
        page_count=len(pages),
        status=status,
        error=error,
        title=title,
        pages=tuple(pages),
        sections=sections,
        meeting=meeting,
        minutes_meetings=minutes,
        problems=tuple(problems),
        **facts,
    )


# Errors that stop reading part-way: the pages read before them are kept, the document is partial.
FAILURE_ERRORS = (TimeLimit,)


def _notes(notes: list[tuple[str, str]]) -> list[Problem]:
    return [Problem("read", code, message) for code, message in notes]


def _stages(file: Path, password: str | None, pages: list[Page], problems: list[Problem]):
    """Sections, meetings and facts; past the file's time (budget.deadline) the pages are kept without them."""
    sections, meeting, minutes, facts = (), None, (), {}
    try:
        try:
            sections = tuple(split_documents(pages, read_bookmarks(file, password)))
            meeting, minutes = extract_meetings(pages, sections)
        except Exception as exc:  # a bug or an unforeseen layout must not cost the pages already read
            problems.append(Problem("sections", "stage_error", f"{file.name}: {type(exc).__name__}: {exc}"))
            sections, meeting, minutes = (), None, ()
        facts = extract_facts(file.name, sections, problems)
        try:
            facts["tables"] = tuple(build_tables(pages))
            facts["acronyms"] = tuple(extract_acronyms(pages, sections))
        except Exception as exc:
            problems.append(Problem("tables and acronyms", "stage_error", f"{file.name}: {type(exc).__name__}: {exc}"))
    except Overtime as exc:
        problems.append(Problem("extract", "time_limit", f"{file.name}: {exc}; the pages are kept without sections or facts"))
        return (), None, (), {}
    return sections, meeting, minutes, facts


def _preamble(section: Section) -> list[tuple[None, Section]]:
    """The lines of a record before its first numbered item, as an unnumbered part (none when empty)."""
    first = section.children[0].lines[:1] if section.children else ()
    if not first:
        return []
    cut = next((k for k, ln in enumerate(section.lines) if ln is first[0]), 0)
    if cut == 0:
        return []
    return [(None, dataclasses.replace(section, children=(), lines=section.lines[:cut], number=None))]


def _parts(section: Section) -> list[tuple[int | None, Section]]:
    """The parts facts are read from: the preamble, then each item; what the last sub-item of an item prints
    back at its own marker's indent, after a body hung further right (the consent calendar's vote box after
    the last of its entries), is its parent item's, read as a part of the parent."""
    if not section.children:
        return [(None, section)]
    out: list[tuple[int | None, Section]] = [*_preamble(section)]
    kids = section.children
    for k, child in enumerate(kids):
        # Only after the last of several entries: what follows a sole entry may be that entry's own.
        last = child.parent is not None and (k + 1 == len(kids) or kids[k + 1].parent != child.parent) \
            and k > 0 and kids[k - 1].parent == child.parent
        cut = _tail_start(child) if last else None
        if cut is None:
            out.append((k, child))
            continue
        parent = kids[child.parent]
        out.append((k, dataclasses.replace(child, lines=child.lines[:cut])))
        out.append((child.parent, dataclasses.replace(parent, lines=(*parent.lines[:1], *child.lines[cut:]))))
    return out


def _tail_start(item: Section) -> int | None:
    """Where an item's lines return to its heading's indent after a body hung right of it (None: they never do)."""
    if len(item.lines) < 3:
        return None
    head = item.lines[0]
    for k in range(2, len(item.lines)):
        if item.lines[k].x0 <= head.x0 - 0.5 * head.size:
            return None  # left of the marker: a running footer or the next column, not the parent's text
        if abs(item.lines[k].x0 - head.x0) <= 0.5 * head.size:
            hung = all(ln.x0 > head.x0 + head.size for ln in item.lines[1:k])
            return k if hung else None
    return None


def extract_facts(name: str, sections: Sequence[Section], problems: list[Problem]) -> dict:
    """Members, attendees and resolutions; a failing extractor costs only its own facts."""
    members: list = []
    attendees: list = []
    resolutions: list = []
    votes: list = []
    for index, section in enumerate(sections):
        try:
            if index == 0 and section.kind in (DocumentKind.FRONT_SHEET.value, DocumentKind.AGENDA.value):
                members.extend(extract_members(section.lines))
            # A record without numbered items is read whole; what is printed before the first
            # numbered item (an unnumbered election of the chair) belongs to no item.
            parts = _parts(section)
            if section.kind == DocumentKind.MINUTES.value:
                attendees.extend((index, p) for p in extract_attendees(section))
                for child_index, item in parts:
                    resolutions.extend((index, child_index, r) for r in extract_resolutions(item))
            # Votes are recorded in minutes items, and in records with no numbered items (a Hansard).
            if section.kind in (DocumentKind.MINUTES.value, DocumentKind.FRONT_SHEET.value, DocumentKind.OTHER.value):
                for child_index, part in parts:
                    found, notes = extract_votes(part)
                    votes.extend((index, child_index, v) for v in found)
                    problems.extend(Problem("votes", "count_mismatch", f"{name}: page {page}: {note}", page) for page, note in notes)
        except Exception as exc:
            problems.append(
                Problem("extract", "stage_error", f"{name}: pages {section.page_start}-{section.page_end}: {type(exc).__name__}: {exc}", section.page_start)
            )
    return {"members": tuple(members), "attendees": tuple(attendees), "resolutions": tuple(resolutions),
            "votes": tuple(votes)}
