"""Merge shard databases (one per document, written by workers that cannot reach the writer) into one database.

A shard is an ordinary agendapack database, so any database can be merged into another. Rows are copied
document by document, in one transaction each, in the order `save_document` inserts them, with every id
handed out by the target: a document already in the target (same sha256) keeps its ids, as on a forced
re-ingest, and merging documents in the order a run stored them gives that run's ids exactly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from .errors import BadShard
from .filestore import files_dir
from .models import Document, Meeting, Problem
from .schema import DOCUMENT_TABLES
from .store import _insert, _keep, find_document, put_document_row, save_meeting, save_problems

# Parents before children, so every foreign key is mapped before a row that points at it is copied.
COPY_ORDER = tuple(t for t in reversed(DOCUMENT_TABLES))


@dataclass
class MergeCounts:
    """What a merge did: documents copied, documents the target already holds (same reading), shards unreadable."""

    merged: int = 0
    unchanged: int = 0
    failed: int = 0


def collect_shards(paths: tuple[str, ...]) -> list[Path]:
    """Shard files as given and `*.db` under folders, each folder's in name order."""
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(sorted(p.glob("*.db")) if p.is_dir() else [p])
    return found


def _open_shard(path: Path) -> sqlite3.Connection:
    """The shard, read-only, once checked whole: a truncated copy is refused before anything is merged from it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        check = conn.execute("pragma quick_check").fetchone()[0]
        has_documents = conn.execute("select 1 from sqlite_master where name = 'documents'").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise BadShard(f"{path}: not a readable database ({exc})") from exc
    if check != "ok" or not has_documents:
        conn.close()
        raise BadShard(f"{path}: " + ("damaged database (" + check + ")" if check != "ok" else "not an agendapack database"))
    return conn


def _rows(shard: sqlite3.Connection, table: str, document_id: int) -> Iterator[dict]:
    if table == "vote_records":
        sql = "select * from vote_records where vote_id in (select id from votes where document_id = ?)"
    else:
        sql = f"select * from {table} where document_id = ?"
    order = " order by id" if table != "pages" else " order by page"
    return (dict(r) for r in shard.execute(sql + order, [document_id]))


class _Copier:
    """Copies one shard document's rows into the target, mapping shard ids to target ids."""

    def __init__(self, db: sqlite_utils.Database, shard: sqlite3.Connection, path: Path):
        self.db = db
        self.shard = shard
        self.path = path
        self.meetings: dict[int, int | None] = {}
        self.columns = {t: set(db[t].columns_dict) for t in ("documents", *COPY_ORDER)}
        self.foreign_keys = {t: {fk.column: fk.other_table for fk in db[t].foreign_keys} for t in self.columns}

    def meeting(self, shard_id: int | None) -> int | None:
        """The target's meeting for a shard meeting: matched or created as ingest does (council, body, date)."""
        if shard_id is None:
            return None
        if shard_id not in self.meetings:
            row = self.shard.execute("select * from meetings where id = ?", [shard_id]).fetchone()
            fields = {k: row[k] for k in ("council", "body", "date", "time", "place")} if row else None
            self.meetings[shard_id] = save_meeting(self.db, Meeting(**fields)) if fields else None
        return self.meetings[shard_id]

    def mapped(self, table: str, row: dict, ids: dict[str, dict[int, int]]) -> dict:
        """The row with its foreign keys pointing at the target's rows, and only the target's columns."""
        out = {k: v for k, v in row.items() if k in self.columns[table] and k != "id"}
        for column, other in self.foreign_keys[table].items():
            value = out.get(column)
            if value is None:
                continue
            out[column] = self.meeting(value) if other == "meetings" else ids[other][value]
        return out

    def copy(self, document: dict) -> None:
        """Copy one document and every row extracted from it, in one transaction."""
        with self.db.atomic():
            ids: dict[str, dict[int, int]] = {t: {} for t in self.columns}
            # Which version of its pack it is, and whether it is the current one, is the target's to say.
            shard_row = {k: v for k, v in document.items() if k not in ("replaces_id", "is_current")}
            document_id, reuse = put_document_row(self.db, self.mapped("documents", shard_row, ids))
            ids["documents"][document["id"]] = document_id
            for table in COPY_ORDER:
                for shard_row in _rows(self.shard, table, document["id"]):
                    new = self.mapped(table, shard_row, ids)
                    if table == "pages":
                        self.db["pages"].insert(new)
                    else:
                        ids[table][shard_row["id"]] = _insert(self.db, table, new, reuse)
            save_problems(self.db, document_id, self.keep(document), reuse)

    def keep(self, document: dict) -> list[Problem]:
        """Keep the PDF's bytes beside the target, from the shard's own store (else the path it was read from)."""
        kept = files_dir(self.path) / f"{document['sha256']}.pdf"
        source = kept if kept.is_file() else document["path"]
        doc = Document(source, document["filename"], document["sha256"], document["page_count"], document["status"])
        return _keep(self.db, doc)


def merge_shard(db: sqlite_utils.Database, path: Path, counts: MergeCounts) -> None:
    """Merge every document of one shard database into db; a document whose reading is already there is skipped.

    Raises BadShard, before anything is merged, when the shard cannot be read.
    """
    shard = _open_shard(path)
    try:
        copier = _Copier(db, shard, path)
        for document in map(dict, shard.execute("select * from documents order by id")):
            held = find_document(db, document["sha256"])
            if held and (held["pipeline_version"], held["ingested_at"]) == (
                    document["pipeline_version"], document["ingested_at"]):
                counts.unchanged += 1
                continue
            copier.copy(document)
            counts.merged += 1
    finally:
        shard.close()
