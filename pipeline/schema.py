"""The schema: the tables of ../shared/docs/DATA-MODEL.md as sqlite-utils migrations, with full-text search."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

# Tables whose text a person searches: table -> columns.
FTS = {
    "pages": ["text"],
    "sections": ["title", "text"],
    "agenda_items": ["title", "description"],
    "resolutions": ["text", "item_title"],
    "acronyms": ["acronym", "meaning"],
}

# Tables holding rows extracted from one document, children first (the order rows are deleted in).
DOCUMENT_TABLES = (
    "vote_records",
    "votes",
    "resolutions",
    "attendees",
    "members",
    "acronyms",
    "pdf_tables",
    "agenda_items",
    "sections",
    "pages",
    "problems",
)

migrations = Migrations("agendapack")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    """The tables of ../shared/docs/DATA-MODEL.md."""
    db["meetings"].create(
        {"id": int, "council": str, "body": str, "date": str, "time": str, "place": str}, pk="id"
    )
    db["documents"].create(
        {
            "id": int, "sha256": str, "filename": str, "source_url": str, "title": str,
            "meeting_id": int, "page_count": int, "status": str, "error": str,
            "ingested_at": str, "pipeline_version": str, "replaces_id": int, "path": str,
        },
        pk="id",
        foreign_keys=[("meeting_id", "meetings", "id"), ("replaces_id", "documents", "id")],
    )
    db["documents"].create_index(["sha256"], unique=True)
    db["pages"].create(
        {"document_id": int, "page": int, "text": str, "is_ocr": int},
        pk=("document_id", "page"),
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["sections"].create(
        {
            "id": int, "document_id": int, "parent_id": int, "position": int, "kind": str,
            "number": str, "title": str, "appendix": str, "page_start": int, "page_end": int,
            "text": str, "meeting_id": int,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"), ("parent_id", "sections", "id"), ("meeting_id", "meetings", "id"),
        ],
    )
    db["agenda_items"].create(
        {
            "id": int, "meeting_id": int, "document_id": int, "number": str, "title": str,
            "description": str, "appendix": str, "section_id": int, "page": int,
        },
        pk="id",
        foreign_keys=[
            ("meeting_id", "meetings", "id"), ("document_id", "documents", "id"), ("section_id", "sections", "id"),
        ],
    )
    people = {"id": int, "meeting_id": int, "document_id": int, "name": str, "honorific": str, "role": str}
    db["members"].create(
        {**people, "page": int},
        pk="id",
        foreign_keys=[("meeting_id", "meetings", "id"), ("document_id", "documents", "id")],
    )
    db["attendees"].create(
        {**people, "status": str, "page": int},
        pk="id",
        foreign_keys=[("meeting_id", "meetings", "id"), ("document_id", "documents", "id")],
    )
    db["resolutions"].create(
        {
            "id": int, "meeting_id": int, "document_id": int, "section_id": int, "minute_number": str,
            "item_title": str, "number": int, "text": str, "keyword": str, "page": int,
        },
        pk="id",
        foreign_keys=[
            ("meeting_id", "meetings", "id"), ("document_id", "documents", "id"), ("section_id", "sections", "id"),
        ],
    )
    db["votes"].create(
        {
            "id": int, "meeting_id": int, "document_id": int, "section_id": int, "minute_number": str,
            "subject": str, "for_count": int, "against_count": int, "abstain_count": int, "result": str,
            "page": int,
        },
        pk="id",
        foreign_keys=[
            ("meeting_id", "meetings", "id"), ("document_id", "documents", "id"), ("section_id", "sections", "id"),
        ],
    )
    db["vote_records"].create(
        {"id": int, "vote_id": int, "name": str, "honorific": str, "vote": str},
        pk="id",
        foreign_keys=[("vote_id", "votes", "id")],
    )
    db["acronyms"].create(
        {
            "id": int, "document_id": int, "acronym": str, "meaning": str, "source": str,
            "section_id": int, "page": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("section_id", "sections", "id")],
    )
    db["acronyms"].create_index(["document_id", "acronym", "meaning"], unique=True)
    db["pdf_tables"].create(
        {
            "id": int, "document_id": int, "section_id": int, "page": int, "page_end": int,
            "caption": str, "header": str, "rows": str, "n_rows": int, "n_cols": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("section_id", "sections", "id")],
    )
    db["problems"].create(
        {"id": int, "document_id": int, "stage": str, "code": str, "message": str, "page": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    for table in db.table_names():
        for fk in db[table].foreign_keys:
            db[table].create_index([fk.column], if_not_exists=True)
    db["documents"].create_index(["filename"], if_not_exists=True)
    db["meetings"].create_index(["council", "body", "date"], if_not_exists=True)
    for table, columns in FTS.items():
        db[table].enable_fts(columns, create_triggers=True, tokenize="porter")


@migrations()
def m002_table_search(db: sqlite_utils.Database) -> None:
    """Tables' captions and cells become searchable."""
    db["pdf_tables"].enable_fts(["caption", "header", "rows"], create_triggers=True, tokenize="porter")


@migrations()
def m003_acronym_meanings(db: sqlite_utils.Database) -> None:
    """One answer page per acronym: its meanings across the corpus and how many documents use each."""
    db.create_view(
        "acronym_meanings",
        """
        select acronym, meaning, count(distinct document_id) as documents,
               group_concat(distinct source) as sources, min(document_id) as first_document_id
        from acronyms group by acronym, meaning
        order by acronym, documents desc
        """,
    )


@migrations()
def m004_outline(db: sqlite_utils.Database) -> None:
    """Agenda items as a tree: the item each one is nested under, and its depth (1 = outer list)."""
    db["agenda_items"].add_column("parent_id", int, fk="agenda_items", fk_col="id")
    db["agenda_items"].add_column("level", int)
    db["agenda_items"].create_index(["parent_id"], if_not_exists=True)


@migrations()
def m005_movers(db: sqlite_utils.Database) -> None:
    """A decision's own printed number, and who moved and seconded each decision and vote, as printed."""
    for column in ("resolution_number", "mover", "seconder"):
        db["resolutions"].add_column(column, str)
    for column in ("mover", "seconder"):
        db["votes"].add_column(column, str)


@migrations()
def m006_versions(db: sqlite_utils.Database) -> None:
    """Republished packs: a version shares the source URL, or the file name and the meeting; the latest is current."""
    from .versions import relink_versions  # versions reads the columns this migration adds

    db["documents"].add_column("is_current", int, not_null_default=1)
    db["documents"].create_index(["source_url"], if_not_exists=True)
    # Versions were matched on file name alone: another council's minutes.pdf became a version.
    relink_versions(db)


# "13 Feb 2025" from an ISO date in SQL (strftime has no month names).
_SHORT_DATE = (
    "cast(substr({d}, 9, 2) as integer) || ' ' || "
    "substr('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * cast(substr({d}, 6, 2) as integer) - 2, 3) || ' ' || substr({d}, 1, 4)"
)
# "Council · Body · 13 Feb 2025", leaving out the parts not printed.
MEETING_LABEL = (
    "trim(coalesce(nullif(trim(new.council), '') || ' · ', '') || coalesce(nullif(trim(new.body), '') || ' · ', '') || "
    "coalesce(case when new.date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' then "
    + _SHORT_DATE.format(d="new.date") + " else new.date end, ''), ' ·')"
)


@migrations()
def m007_site(db: sqlite_utils.Database) -> None:
    """One label per meeting, votes searchable, person keys, and indexes for the site's facets and sorts."""
    db["meetings"].add_column("label", str)
    for event in ("insert", "update of council, body, date"):
        name = "meetings_label_" + event.split()[0]
        db.execute(
            f"create trigger if not exists {name} after {event} on meetings begin "
            f"update meetings set label = {MEETING_LABEL} where id = new.id; end"
        )
    db.execute(f"update meetings set label = {MEETING_LABEL.replace('new.', '')}")
    db["votes"].enable_fts(["subject"], create_triggers=True, tokenize="porter")
    for table, columns in {
        "meetings": [["date"], ["body"], ["council", "date"]],
        "attendees": [["status"]],
        "members": [["role"]],
        "vote_records": [["vote"]],
        "resolutions": [["keyword"]],
        "votes": [["result"]],
        "sections": [["kind"], ["appendix"]],
        "documents": [["status"]],
        "acronyms": [["source"], ["acronym"]],
        "problems": [["stage"], ["code"]],
    }.items():
        for cols in columns:
            db[table].create_index(cols, if_not_exists=True)
    # The few superseded versions, so "leave them out" reads a handful of ids, not every document.
    db.execute("create index if not exists documents_superseded on documents(id) where is_current = 0")
    # The person page looks names up case-folded; the index carries what it counts and sorts by.
    for table, extra in (("attendees", "status, meeting_id"), ("members", "meeting_id"), ("vote_records", "vote_id")):
        db.execute(f"create index if not exists {table}_person on {table}(lower(trim(name)), {extra})")
