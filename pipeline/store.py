"""The database: open it in shape (migrations, WAL, foreign keys) and save each document in one transaction."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from . import __version__
from .filestore import FileChanged, files_dir, keep_file
from .models import Document, Meeting, Problem, Section, Status
from .schema import DOCUMENT_TABLES, migrations
from .versions import mark_current, previous_version


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode, with foreign keys enforced."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    db.enable_wal()
    ensure_db_shape(db)
    return db


def checkpoint(db: sqlite_utils.Database) -> None:
    """Fold the write-ahead log into the database file, so a read-only copy or server sees everything."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Apply pending migrations."""
    migrations.apply(db)


def find_document(db: sqlite_utils.Database, sha256: str) -> dict | None:
    """The stored document with these bytes, if any."""
    rows = list(db["documents"].rows_where("sha256 = ?", [sha256], limit=1))
    return rows[0] if rows else None


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().casefold()


def _name_key(text: str | None) -> str:
    """A council's or body's name as a key: case, spacing, '&'/'and' and punctuation set aside
    ('CABINET' and 'Cabinet', 'Sub-Committee' and 'Sub Committee' are one name)."""
    text = (text or "").casefold().replace("&", " and ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def preferred_spelling(*names: str | None) -> str | None:
    """Of the spellings of one name, the one to store whatever order they come in: mixed case over
    all capitals ('County Council' over 'COUNTY COUNCIL'), then the first in code-point order."""
    spelled = {" ".join(n.split()) for n in names if n and n.strip()}
    return min(spelled, key=lambda n: (n == n.upper(), n), default=None)


def save_meeting(db: sqlite_utils.Database, meeting: Meeting | None) -> int | None:
    """The id of the meeting row for (council, body, date), created or completed as needed."""
    if meeting is None or not meeting.date or not meeting.body:
        return None
    for row in db["meetings"].rows_where("date = ?", [meeting.date]):
        same_body = _name_key(row["body"]) == _name_key(meeting.body)
        same_council = (not row["council"] or not meeting.council
                        or _name_key(row["council"]) == _name_key(meeting.council))
        if same_body and same_council:
            # Files are stored in whatever order workers finish: the spelling kept must not depend on it.
            spelled = {k: preferred_spelling(row[k], getattr(meeting, k)) for k in ("council", "body")}
            updates = {k: v for k, v in spelled.items() if v != row[k]}
            updates |= {
                k: getattr(meeting, k) for k in ("time", "place") if not row[k] and getattr(meeting, k)
            }
            if updates:
                db["meetings"].update(row["id"], updates)
            return row["id"]
    return db["meetings"].insert(
        {"council": preferred_spelling(meeting.council), "body": preferred_spelling(meeting.body),
         "date": meeting.date, "time": meeting.time, "place": meeting.place}
    ).last_pk


class _Ids:
    """Hands out the ids a document's rows had before a forced re-ingest, so links stay valid."""

    def __init__(self, db: sqlite_utils.Database, document_id: int, reuse: bool):
        self.old: dict[str, list[int]] = {}
        if reuse:
            for table in ("sections", "agenda_items", "members", "attendees", "resolutions", "votes", "pdf_tables",
                          "acronyms", "problems"):
                self.old[table] = [
                    r[0] for r in db.execute(f"select id from {table} where document_id = ? order by id", [document_id])
                ]
            self.old["vote_records"] = [r[0] for r in db.execute(
                "select id from vote_records where vote_id in (select id from votes where document_id = ?) order by id",
                [document_id])]

    def next(self, table: str) -> int | None:
        ids = self.old.get(table)
        return ids.pop(0) if ids else None


def _insert(db: sqlite_utils.Database, table: str, row: dict, ids: _Ids) -> int:
    reuse = ids.next(table)
    if reuse is not None:
        row = {"id": reuse, **row}
    return db[table].insert(row).last_pk


def delete_document_rows(db: sqlite_utils.Database, document_id: int) -> None:
    """Remove every row extracted from one document (not the document row itself)."""
    db.execute(
        "delete from vote_records where vote_id in (select id from votes where document_id = ?)", [document_id]
    )
    for table in DOCUMENT_TABLES[1:]:
        if table == "sections":
            db.execute("update sections set parent_id = null where document_id = ?", [document_id])
        db.execute(f"delete from {table} where document_id = ?", [document_id])


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b)).ratio()


def _papers_section(item: Section, tops: Sequence[tuple[int, Section]]) -> int | None:
    """The top-level section holding an agenda item's papers: by appendix letter, else by title."""
    if item.appendix:
        for sid, top in tops:
            if top.appendix and top.appendix == item.appendix:
                return sid
    best = max(((_similar(item.title, top.title), sid) for sid, top in tops if top.kind != "agenda"), default=None)
    return best[1] if best and best[0] >= 0.85 else None


def db_file(db: sqlite_utils.Database) -> Path | None:
    """The file of a database (None in memory)."""
    name = next((r[2] for r in db.execute("pragma database_list") if r[1] == "main"), "")
    return Path(name) if name else None


def _keep(db: sqlite_utils.Database, doc: Document) -> list[Problem]:
    """Keep the document's bytes in the store beside the database; a problem when that fails."""
    path = db_file(db)
    if path is None:
        return []
    try:
        keep_file(doc.path, files_dir(path), doc.sha256)
    except (OSError, FileChanged) as exc:
        if doc.status == Status.FAILED.value:
            return []  # nothing was read from it: no page of it will be linked to
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return [Problem("store", "file_not_kept", f"{doc.filename}: the PDF was not kept for the site ({reason})")]
    return []


def put_document_row(db: sqlite_utils.Database, row: dict) -> tuple[int, _Ids]:
    """Insert a document's row, or replace the one with its bytes (its rows deleted, their ids kept for reuse).

    Returns the document's id and the ids to hand out again; `replaces_id` and `is_current` are set here.
    """
    existing = find_document(db, row["sha256"])
    if existing:
        document_id = existing["id"]
        ids = _Ids(db, document_id, reuse=True)
        delete_document_rows(db, document_id)
        db["documents"].update(document_id, row)
    else:
        previous = previous_version(db, row["filename"], row.get("source_url"), row["meeting_id"], row["sha256"])
        document_id = db["documents"].insert({**row, "replaces_id": previous}).last_pk
        ids = _Ids(db, document_id, reuse=False)
    mark_current(db, document_id, row["path"], is_new=not existing)
    return document_id, ids


def save_document(db: sqlite_utils.Database, doc: Document) -> int:
    """Store one document and everything extracted from it, in one transaction; returns its id.

    The file's bytes are kept first (files/<sha256>.pdf beside the database), so a stored row
    never points at bytes the store lacks for a reason it does not record.
    """
    problems = [*doc.problems, *_keep(db, doc)]
    with db.atomic():
        meeting_id = save_meeting(db, doc.meeting)
        row = {
            "sha256": doc.sha256,
            "filename": doc.filename,
            "path": doc.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),  # a non-UTF-8 name
            "title": doc.title,
            "meeting_id": meeting_id,
            "page_count": doc.page_count,
            "status": doc.status,
            "error": doc.error,
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "pipeline_version": __version__,
        }
        if doc.source_url:
            row["source_url"] = doc.source_url
        document_id, ids = put_document_row(db, row)
        db["pages"].insert_all(
            {"document_id": document_id, "page": p.number, "text": p.text, "is_ocr": int(p.is_ocr)} for p in doc.pages
        )
        section_ids, top_meetings = _save_sections(db, doc, document_id, meeting_id, ids)
        _save_tables_and_acronyms(db, doc, document_id, ids, section_ids)
        _save_facts(db, doc, document_id, meeting_id, ids, section_ids, top_meetings)
        save_problems(db, document_id, problems, ids)
    return document_id


def note_seen_again(db: sqlite_utils.Database, document_id: int, path: str) -> None:
    """A file whose bytes are stored was met again at `path`: it may be its pack's current version again."""
    with db.atomic():
        mark_current(db, document_id, path, is_new=False)


def _save_facts(db, doc: Document, document_id: int, meeting_id, ids: _Ids, section_ids: dict, top_meetings: dict) -> None:
    for p in doc.members:
        _insert(db, "members", {"meeting_id": meeting_id, "document_id": document_id, "name": p.name,
                                "honorific": p.honorific, "role": p.role, "page": p.page}, ids)
    for index, p in doc.attendees:
        _insert(db, "attendees", {"meeting_id": top_meetings.get(index), "document_id": document_id, "name": p.name,
                                  "honorific": p.honorific, "role": p.role, "status": p.status, "page": p.page}, ids)
    for index, child, r in doc.resolutions:
        _insert(db, "resolutions", {
            "meeting_id": top_meetings.get(index), "document_id": document_id,
            "section_id": section_ids[(index, child)],
            "minute_number": r.minute_number, "item_title": r.item_title, "number": r.number, "text": r.text,
            "keyword": r.keyword, "resolution_number": r.resolution_number, "mover": r.mover,
            "seconder": r.seconder, "page": r.page}, ids)
    for index, child, v in doc.votes:
        vote_id = _insert(db, "votes", {
            "meeting_id": top_meetings.get(index) or (meeting_id if index == 0 else None), "document_id": document_id,
            "section_id": section_ids[(index, child)],
            "minute_number": v.minute_number, "subject": v.subject, "for_count": v.for_count,
            "against_count": v.against_count, "abstain_count": v.abstain_count, "result": v.result,
            "mover": v.mover, "seconder": v.seconder, "page": v.page}, ids)
        for name, honorific, how in v.records:
            _insert(db, "vote_records", {"vote_id": vote_id, "name": name, "honorific": honorific, "vote": how}, ids)


def section_at(doc: Document, section_ids: dict, page: int) -> int | None:
    """The innermost section that holds a page."""
    for index, top in enumerate(doc.sections):
        if top.page_start <= page <= top.page_end:
            for child_index, child in enumerate(top.children):
                if child.page_start <= page <= child.page_end:
                    return section_ids[(index, child_index)]
            return section_ids[(index, None)]
    return None


def _save_tables_and_acronyms(db, doc: Document, document_id: int, ids: _Ids, section_ids: dict) -> None:
    for t in doc.tables:
        _insert(db, "pdf_tables", {
            "document_id": document_id, "section_id": section_at(doc, section_ids, t.page), "page": t.page,
            "page_end": t.page_end, "caption": t.caption, "header": json.dumps(list(t.header), ensure_ascii=False),
            "rows": json.dumps([list(r) for r in t.rows], ensure_ascii=False), "n_rows": len(t.rows),
            "n_cols": max([len(t.header)] + [len(r) for r in t.rows])}, ids)
    for a in doc.acronyms:
        _insert(db, "acronyms", {
            "document_id": document_id, "acronym": a.acronym, "meaning": a.meaning, "source": a.source,
            "section_id": section_at(doc, section_ids, a.page), "page": a.page}, ids)


def _save_sections(db: sqlite_utils.Database, doc: Document, document_id: int, meeting_id: int | None, ids: _Ids):
    """Store the section tree and agenda items.

    Returns the section ids by (bound document index, item index or None for the document itself),
    and each bound document's meeting id (for minutes: the meeting they record).
    """
    minutes_meetings = dict(doc.minutes_meetings)
    position = 0
    tops: list[tuple[int, Section]] = []
    children: list[tuple[int, Section, int | None]] = []
    child_ids: dict[tuple[int, int | None], int] = {}
    top_meetings: dict[int, int | None] = {}
    for index, top in enumerate(doc.sections):
        position += 1
        top_meeting = save_meeting(db, minutes_meetings.get(index)) if index in minutes_meetings else None
        top_meetings[index] = top_meeting
        sid = _insert(db, "sections", _section_row(top, document_id, None, position, top_meeting), ids)
        tops.append((sid, top))
        child_ids[(index, None)] = sid  # facts read from a bound document with no numbered items
        for child_index, child in enumerate(top.children):
            position += 1
            # A sub-item ('V.C.1', '2-A') is nested under its item's section, an item under its document.
            parent_sid = child_ids[(index, child.parent)] if child.parent is not None else sid
            cid = _insert(db, "sections", _section_row(child, document_id, parent_sid, position, top_meeting), ids)
            children.append((cid, child, parent_sid if child.parent is not None else None))
            child_ids[(index, child_index)] = cid
    item_ids: dict[int, int] = {}
    for cid, child, parent_cid in children:
        if child.kind != "agenda_item":
            continue
        item_ids[cid] = _insert(
            db,
            "agenda_items",
            {
                "meeting_id": meeting_id,
                "document_id": document_id,
                "number": child.number,
                "title": child.title,
                "description": child.description,
                "appendix": child.appendix,
                "section_id": _papers_section(child, tops),
                "page": child.page_start,
                "parent_id": item_ids.get(parent_cid) if parent_cid is not None else None,
                "level": child.level,
            },
            ids,
        )
    return child_ids, top_meetings


def _section_row(s: Section, document_id: int, parent_id: int | None, position: int, meeting_id: int | None) -> dict:
    return {
        "document_id": document_id,
        "parent_id": parent_id,
        "position": position,
        "kind": s.kind,
        "number": s.number,
        "title": s.title,
        "appendix": s.appendix,
        "page_start": s.page_start,
        "page_end": s.page_end,
        "text": s.text,
        "meeting_id": meeting_id,
    }


def save_problems(db: sqlite_utils.Database, document_id: int, problems: Iterable[Problem], ids: _Ids | None = None) -> None:
    """Store what went wrong with one document."""
    for p in problems:
        row = {"document_id": document_id, "stage": p.stage, "code": p.code, "message": p.message, "page": p.page}
        if ids is not None:
            _insert(db, "problems", row, ids)
        else:
            db["problems"].insert(row)


def set_source_urls(db: sqlite_utils.Database, urls: dict[str, str]) -> int:
    """Record where files were published (resolved path -> URL) on their documents; returns rows changed."""
    changed = 0
    with db.atomic():
        for path, url in urls.items():
            changed += db.execute("update documents set source_url = ? where path = ? and source_url is not ?",
                                  [url, path, url]).rowcount
    return changed
