"""What the meeting, person and search-everything pages show, read from the database."""

from __future__ import annotations

from .fts import safe_fts_query

ACRONYMS_SHOWN = 200
PER_KIND = 5
SNIPPET_TOKENS = 12


async def _rows(db, sql: str, params=()) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, list(params))).rows]


def _tree(items: list[dict]) -> list[dict]:
    """Items in reading order with their depth: an item follows the item it is nested under."""
    children: dict = {}
    for item in items:
        children.setdefault(item.get("parent_id"), []).append(item)
    known = {i["id"] for i in items}
    out: list[dict] = []

    def walk(parent, depth):
        for item in children.get(parent, []):
            out.append({**item, "depth": depth})
            walk(item["id"], depth + 1)

    orphans = sorted({i["parent_id"] for i in items if i.get("parent_id") and i["parent_id"] not in known})
    for root in [None, *orphans]:
        walk(root, 0)
    return out


async def meeting_page(db, meeting_id: int) -> dict | None:
    """One meeting: its papers, agenda, attendance, minute items with decisions and votes, tables, acronyms."""
    meeting = (await db.execute("select * from meetings where id = ?", [meeting_id])).first()
    if meeting is None:
        return None
    documents = await _rows(db, """
        select d.id, d.filename, d.title, d.page_count, d.source_url, 'pack' as role from documents d where d.meeting_id = ?
        union
        select d.id, d.filename, d.title, d.page_count, d.source_url, 'minutes' from documents d
        where d.id in (select document_id from sections where meeting_id = ? and kind = 'minutes')
          and d.meeting_id is not ?
        order by 1""", [meeting_id, meeting_id, meeting_id])
    for d in documents:
        d["parts"] = await _rows(db, "select id, kind, title, appendix, page_start, page_end from sections "
                                     "where document_id = ? and parent_id is null order by position", [d["id"]])
    agenda = _tree(await _rows(db, "select * from agenda_items where meeting_id = ? order by document_id, id", [meeting_id]))
    attendance: dict[str, list] = {}
    for a in await _rows(db, "select * from attendees where meeting_id = ? order by id", [meeting_id]):
        attendance.setdefault(a["status"] or "unknown", []).append(a)
    members = await _rows(db, "select * from members where meeting_id = ? order by id", [meeting_id])
    items = await _rows(db, "select id, document_id, number, title, page_start, page_end from sections "
                            "where meeting_id = ? and kind = 'minute_item' order by document_id, position", [meeting_id])
    resolutions = await _rows(db, "select * from resolutions where meeting_id = ? order by id", [meeting_id])
    votes = await _rows(db, "select * from votes where meeting_id = ? order by id", [meeting_id])
    for v in votes:
        v["records"] = await _rows(db, "select * from vote_records where vote_id = ? order by vote, id", [v["id"]])
    by_item = {i["id"]: i for i in items}
    for i in items:
        i["resolutions"], i["votes"] = [], []
    loose = {"id": None, "number": None, "title": "Other decisions", "resolutions": [], "votes": [], "page_start": None}
    for r in resolutions:
        by_item.get(r["section_id"], loose)["resolutions"].append(r)
    for v in votes:
        by_item.get(v["section_id"], loose)["votes"].append(v)
    if loose["resolutions"] or loose["votes"]:
        items.append(loose)
    pack = [d["id"] for d in documents if d["role"] == "pack"]
    marks = ",".join("?" * len(pack)) or "null"
    tables = await _rows(db, f"select id, document_id, caption, page, page_end, n_rows, n_cols from pdf_tables "
                             f"where document_id in ({marks}) order by document_id, page, id", pack)
    acronyms = await _rows(db, f"select acronym, meaning, document_id, page from acronyms where document_id in ({marks}) "
                               f"group by acronym, meaning order by acronym collate nocase limit {ACRONYMS_SHOWN}", pack)
    return {"meeting": dict(meeting), "documents": documents, "agenda": agenda, "attendance": attendance,
            "members": members, "items": items, "tables": tables, "acronyms": acronyms}


def person_key(name: str) -> str:
    """How one person's rows are grouped: the name as printed without honorific, spaces squeezed, case folded."""
    # ASCII-only folding, as SQLite's lower() does, so the key matches the index on lower(trim(name)).
    return "".join(c.lower() if c.isascii() else c for c in " ".join((name or "").split()))


PERSON_ROWS = 200  # newest rows of each list on a person page; the counts cover them all


async def person_page(db, key: str) -> dict | None:
    """Everyone printed with this name: meetings attended, apologies, memberships and recorded votes (newest first)."""
    key = person_key(key)
    where = "lower(trim({}.name)) = ?"  # the expression of the attendees/members/vote_records _person indexes
    newest = f"order by m.date desc, {{0}}.id desc limit {PERSON_ROWS}"
    attended = await _rows(db, "select a.*, m.label as meeting, m.date from attendees a left join meetings m "
                               f"on m.id = a.meeting_id where {where.format('a')} {newest.format('a')}", [key])
    memberships = await _rows(db, "select p.*, m.label as meeting, m.date from members p left join meetings m "
                                  f"on m.id = p.meeting_id where {where.format('p')} {newest.format('p')}", [key])
    votes = await _rows(db, f"""
        select r.vote, r.honorific, r.name, v.id as vote_id, v.subject, v.result, v.minute_number, v.document_id,
               v.page, v.meeting_id, m.label as meeting, m.date, r.id
        from vote_records r join votes v on v.id = r.vote_id left join meetings m on m.id = v.meeting_id
        where {where.format('r')} {newest.format('r')}""", [key])
    if not (attended or memberships or votes):
        return None
    counts = {r["status"] or "unknown": r["n"] for r in await _rows(
        db, f"select status, count(*) as n from attendees a where {where.format('a')} group by status", [key])}
    totals = {table: (await db.execute(f"select count(*) from {table} x where {where.format('x')}", [key])).first()[0]
              for table in ("attendees", "members", "vote_records")}
    names = [r["name"] for r in attended + memberships + votes]
    return {"name": max(set(names), key=names.count), "key": key, "attended": attended, "counts": counts,
            "memberships": memberships, "votes": votes, "totals": totals, "shown": PERSON_ROWS}


# kind -> (heading, table, FTS column for the snippet, SQL of the row's links)
EVERYTHING = {
    "decisions": ("Decisions", "resolutions", 0, "select id, document_id, page, meeting_id, item_title as title from resolutions"),
    "votes": ("Recorded votes", "votes", 0, "select id, document_id, page, meeting_id, minute_number as title from votes"),
    "agenda_items": ("Agenda items", "agenda_items", 0,
                     "select id, document_id, page, meeting_id, title from agenda_items"),
    "sections": ("Parts of packs", "sections", 1,
                 "select id, document_id, page_start as page, meeting_id, title from sections"),
    "acronyms": ("Acronyms", "acronyms", 1,
                 "select id, document_id, page, null as meeting_id, acronym as title from acronyms"),
    "tables": ("Tables", "pdf_tables", 0,
               "select id, document_id, page, null as meeting_id, caption as title from pdf_tables"),
    "pages": ("Pages", "pages", 0, "select rowid as id, document_id, page, null as meeting_id, null as title from pages"),
}


async def search_everything(db, text: str) -> list[dict]:
    """The newest few matches of each kind, each a short highlighted snippet with its links."""
    fts = safe_fts_query(text)
    if fts is None:
        return []
    groups = []
    for kind, (heading, table, column, sql) in EVERYTHING.items():
        hits = await _rows(db, f"select rowid, snippet({table}_fts, {column}, char(1), char(2), ' … ', {SNIPPET_TOKENS}) "
                               f"as snippet from {table}_fts where {table}_fts match ? order by rowid desc "
                               f"limit {PER_KIND + 1}", [fts])
        results = []
        for hit in hits[:PER_KIND]:
            row = (await db.execute(f"select * from ({sql}) where id = ?", [hit["rowid"]])).first()
            if row is None:
                continue
            meeting = None
            if row["meeting_id"]:
                meeting = (await db.execute("select label from meetings where id = ?", [row["meeting_id"]])).first()
            row_path = (f"pages/{row['document_id']},{row['page']}" if table == "pages" else f"{table}/{row['id']}")
            results.append({**dict(row), "snippet": hit["snippet"], "row_path": row_path,
                            "meeting": meeting["label"] if meeting else None})
        groups.append({"kind": kind, "heading": heading, "table": table, "results": results,
                       "more": len(hits) > PER_KIND})
    return groups
