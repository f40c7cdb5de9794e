"""Republished packs: which stored document a new one is a version of, and which version is current.

A new version has the same source URL, or the same file name *and* the same meeting (council,
body, date): a file name alone is not enough (every council publishes a `minutes.pdf`). Versions
are linked by documents.replaces_id; documents.is_current marks the one a reader should see.
"""

from __future__ import annotations

import sqlite_utils


def previous_version(db: sqlite_utils.Database, filename: str, source_url: str | None, meeting_id: int | None,
                     sha256: str, before_id: int | None = None) -> int | None:
    """The stored document (current first, else the latest) that a document with these traits is a new version of."""
    bound = "and id < ?" if before_id is not None else ""
    extra = [before_id] if before_id is not None else []
    order = "order by is_current desc, id desc limit 1"
    if source_url:
        row = db.execute(f"select id from documents where source_url = ? and sha256 != ? {bound} {order}",
                         [source_url, sha256, *extra]).fetchone()
        if row:
            return row[0]
    if meeting_id is None:
        return None
    row = db.execute(f"select id from documents where filename = ? and meeting_id = ? and sha256 != ? {bound} {order}",
                     [filename, meeting_id, sha256, *extra]).fetchone()
    return row[0] if row else None


def versions_of(db: sqlite_utils.Database, document_id: int) -> set[int]:
    """Every version of a document's pack (itself included): the documents linked to it through replaces_id."""
    group: set[int] = set()
    todo = [document_id]
    while todo:
        current = todo.pop()
        if current in group:
            continue
        group.add(current)
        todo.extend(r[0] for r in db.execute(
            "select id from documents where replaces_id = ? "
            "union select replaces_id from documents where id = ? and replaces_id is not null", [current, current]))
    return group


def mark_current(db: sqlite_utils.Database, document_id: int, path: str | None, is_new: bool) -> None:
    """Make a just-ingested document its pack's current version, when it is.

    A new document is the latest publication. Bytes seen before become current again only when they
    were read from the file the current version was read from (the council reverted to its original):
    re-reading an archive that holds both versions must not flip the current one back and forth.
    """
    group = sorted(versions_of(db, document_id))
    marks = ", ".join("?" for _ in group)
    others = db.execute(f"select path from documents where id in ({marks}) and id != ? and is_current",
                        [*group, document_id]).fetchall()
    if is_new or not others or any(path is not None and r[0] == path for r in others):
        db.execute(f"update documents set is_current = (id = ?) where id in ({marks})", [document_id, *group])


def relink_versions(db: sqlite_utils.Database) -> None:
    """Link every stored document to its previous version under the rule above, and mark the latest of each pack current."""
    rows = db.execute("select id, filename, source_url, meeting_id, sha256 from documents order by id").fetchall()
    db.execute("update documents set replaces_id = null, is_current = 1")
    for document_id, filename, source_url, meeting_id, sha256 in rows:
        previous = previous_version(db, filename, source_url, meeting_id, sha256, before_id=document_id)
        if previous is not None:
            db.execute("update documents set replaces_id = ? where id = ?", [previous, document_id])
    for document_id, *_ in rows:
        if max(versions_of(db, document_id)) != document_id:
            db.execute("update documents set is_current = 0 where id = ?", [document_id])
