"""What the meeting, person and search-everything pages show, read from the database."""

from __future__ import annotations

from .fts import safe_fts_query

ACRONYMS_SHOWN = 200
PER_KIND = 5
SNIPPET_TOKENS = 12


def current(alias: str, all_versions: bool) -> str:
    """SQL keeping the rows of current documents (a republished pack's older versions left out) unless all are asked for."""
    # NOT IN over the partial index of superseded documents (migration m006): one small list, no join per row.
    return "1" if all_versions else f"{alias}.document_id not in (select id from documents where is_current = 0)"


async def _rows(db, sql: str, params=()) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params if isinstance(params, dict) else list(params))).rows]


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


async def meeting_page(db, meeting_id: int, all_versions: bool = False) -> dict | None:
    """One meeting: its papers, agenda, attendance, minute items with decisions and votes, tables, acronyms."""
    meeting = (await db.execute("select * from meetings where id = ?", [meeting_id])).first()
    if meeting is None:
        return None
    papers = await _rows(db, """
        select d.id, d.filename, d.title, d.page_count, d.source_url, d.is_current, 'pack' as role from documents d
        where d.meeting_id = ?
        union
        select d.id, d.filename, d.title, d.page_count, d.source_url, d.is_current, 'minutes' from documents d
        where d.id in (select document_id from sections where meeting_id = ? and kind = 'minutes')
          and d.meeting_id is not ?
        order by 1""", [meeting_id, meeting_id, meeting_id])
    documents = [d for d in papers if all_versions or d["is_current"]]
    superseded = len(papers) - sum(1 for d in papers if d["is_current"])
    mine = "where meeting_id = ? and " + current("x", all_versions)
    for d in documents:
        d["parts"] = await _rows(db, "select id, kind, title, appendix, page_start, page_end from sections "
                                     "where document_id = ? and parent_id is null order by position", [d["id"]])
    agenda = _tree(await _rows(db, f"select * from agenda_items x {mine} order by document_id, id", [meeting_id]))
    attendance: dict[str, list] = {}
    for a in await _rows(db, f"select * from attendees x {mine} order by id", [meeting_id]):
        attendance.setdefault(a["status"] or "unknown", []).append(a)
    members = await _rows(db, f"select * from members x {mine} order by id", [meeting_id])
    items = await _rows(db, "select id, document_id, number, title, page_start, page_end from sections x "
                            f"{mine} and kind = 'minute_item' order by document_id, position", [meeting_id])
    resolutions = await _rows(db, f"select * from resolutions x {mine} order by id", [meeting_id])
    votes = await _rows(db, f"select * from votes x {mine} order by id", [meeting_id])
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
            "members": members, "items": items, "tables": tables, "acronyms": acronyms,
            "superseded": superseded, "all_versions": all_versions}


def person_key(name: str) -> str:
    """How one person's rows are grouped: the name as printed without honorific, spaces squeezed, case folded."""
    # ASCII-only folding, as SQLite's lower() does, so the key matches the index on lower(trim(name)).
    return "".join(c.lower() if c.isascii() else c for c in " ".join((name or "").split()))


PERSON_ROWS = 200  # newest rows of each list on a person page; the counts cover them all
ALIAS_MEETINGS = 50  # the newest meetings a person is printed in, where another spelling of the name is looked for


async def person_page(db, key: str, all_versions: bool = False) -> dict | None:
    """Everyone printed with this name: meetings attended, apologies, memberships and recorded votes (newest first)."""
    key = person_key(key)
    # lower(trim(name)): the expression of the attendees/members/vote_records _person indexes
    where = "lower(trim({0}.name)) = ? and " + current("{0}", all_versions)
    newest = f"order by m.date desc, {{0}}.id desc limit {PERSON_ROWS}"
    attended = await _rows(db, "select a.*, m.label as meeting, m.date from attendees a left join meetings m "
                               f"on m.id = a.meeting_id where {where.format('a')} {newest.format('a')}", [key])
    memberships = await _rows(db, "select p.*, m.label as meeting, m.date from members p left join meetings m "
                                  f"on m.id = p.meeting_id where {where.format('p')} {newest.format('p')}", [key])
    votes = await _rows(db, f"""
        select r.vote, r.honorific, r.name, v.id as vote_id, v.subject, v.result, v.minute_number, v.document_id,
               v.page, v.meeting_id, m.label as meeting, m.date, r.id
        from vote_records r join votes v on v.id = r.vote_id left join meetings m on m.id = v.meeting_id
        where {where.format('r').replace('r.document_id', 'v.document_id')} {newest.format('r')}""", [key])
    if not (attended or memberships or votes):
        return None
    counts = {r["status"] or "unknown": r["n"] for r in await _rows(
        db, f"select status, count(*) as n from attendees a where {where.format('a')} group by status", [key])}
    totals = {table: (await db.execute(f"select count(*) from {table} x where {where.format('x')}", [key])).first()[0]
              for table in ("attendees", "members")}
    totals["vote_records"] = (await db.execute(
        "select count(*) from vote_records r join votes v on v.id = r.vote_id "
        f"where {where.format('r').replace('r.document_id', 'v.document_id')}", [key])).first()[0]
    names = [r["name"] for r in attended + memberships + votes]
    # The meetings this person is printed in, newest first: where the other spelling is looked for.
    newest_meetings = sorted({(r["date"] or "", r["meeting_id"]) for r in attended + memberships + votes
                              if r["meeting_id"]}, reverse=True)
    meeting_ids = [m for _, m in newest_meetings[:ALIAS_MEETINGS]]
    return {"name": max(set(names), key=names.count), "key": key, "attended": attended, "counts": counts,
            "memberships": memberships, "votes": votes, "totals": totals, "shown": PERSON_ROWS,
            "also": await printed_also_as(db, key, meeting_ids)}


async def printed_also_as(db, key: str, meeting_ids: list[int]) -> list[dict]:
    """The other way one person is printed in the same council's meetings: a surname alone ('Baldock', in
    Kent's recorded votes) and the one full name ending in it ('M Baldock', in its attendance), either way round.

    Only when unambiguous: no link when those meetings print two full names with that surname
    ('J Wright' and 'L Wright'). The meetings looked at are the newest ALIAS_MEETINGS this person
    is printed in; full names are read from their attendance lists and front sheets (votes print
    surnames), the surname alone through the name indexes, so the page stays bounded.
    """
    surname = key.rsplit(" ", 1)[-1]
    if not meeting_ids or not surname:
        return []
    rows = await _rows(db, """
        select m.council, x.k, x.name from (
          select meeting_id, lower(trim(name)) as k, name from attendees where meeting_id in (select value from json_each(:ids))
          union all select meeting_id, lower(trim(name)), name from members where meeting_id in (select value from json_each(:ids))
          union all select v.meeting_id, lower(trim(r.name)), r.name from vote_records r join votes v on v.id = r.vote_id
          where lower(trim(r.name)) = :surname and v.meeting_id in (select value from json_each(:ids))
        ) x join meetings m on m.id = x.meeting_id
        where x.k = :surname or substr(x.k, -length(:surname) - 1) = ' ' || :surname""",
        {"ids": str(meeting_ids), "surname": surname})
    by_council: dict = {}
    for r in rows:
        by_council.setdefault(r["council"], {}).setdefault(r["k"], []).append(r["name"])
    also = []
    for council, printed in by_council.items():
        full = [k for k in printed if k != surname]
        if surname not in printed or len(full) != 1 or key not in (surname, full[0]):
            continue  # nothing printed the other way here, or two people share the surname
        other = full[0] if key == surname else surname
        spellings = printed[other]
        also.append({"name": max(set(spellings), key=spellings.count), "key": other, "council": council})
    return also


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


async def search_everything(db, text: str, all_versions: bool = False) -> list[dict]:
    """The newest few matches of each kind, each a short highlighted snippet with its links."""
    fts = safe_fts_query(text)
    if fts is None:
        return []
    groups = []
    for kind, (heading, table, column, sql) in EVERYTHING.items():
        hits = await _rows(db, f"select f.rowid, snippet({table}_fts, {column}, char(1), char(2), ' … ', {SNIPPET_TOKENS}) "
                               f"as snippet from {table}_fts f join {table} x on x.rowid = f.rowid "
                               f"where {table}_fts match ? and {current('x', all_versions)} order by f.rowid desc "
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
