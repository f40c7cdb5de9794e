"""The decision search: resolutions and recorded votes, by words, council, body and dates, never an SQL error."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fts import safe_fts_query

PAGE_SIZE = 20
# Matches ranked by relevance are the newest this many of each kind: ranking every match of a
# common word over a national corpus costs seconds, the newest few hundred a few milliseconds.
CANDIDATES = 200
SNIPPET_TOKENS = 24
_MONTHS = "january february march april may june july august september october november december".split()


def date_range(text: str | None) -> tuple[str, str] | None:
    """'2025' -> the year, '2025-02' or 'February 2025' -> the month, '13 February 2025' -> the day; else None."""
    text = (text or "").strip().lower()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text):
        year, month, day = m.groups()
    elif m := re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})", text):
        day, name, year = m.groups()
        month = next((str(i + 1) for i, n in enumerate(_MONTHS) if len(name) >= 3 and n.startswith(name)), None)
        if month is None:
            return None
    else:
        return None
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if day is None:
        return f"{year}-{int(month):02d}-01", f"{year}-{int(month):02d}-31"
    return (f"{year}-{int(month):02d}-{int(day):02d}",) * 2


@dataclass
class Search:
    """A decision search as asked: words, filters and the page of results wanted."""

    q: str = ""
    council: str = ""
    body: str = ""
    date: str = ""
    date_from: str = ""
    date_to: str = ""
    offset: int = 0
    all_versions: bool = False
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args) -> Search:
        """From a request's query string; bad values are dropped with a note, never an error."""
        s = cls(**{k: (args.get(k) or "").strip()[:200] for k in ("q", "council", "body", "date")},
                date_from=(args.get("from") or "").strip()[:10], date_to=(args.get("to") or "").strip()[:10])
        offset = args.get("offset") or "0"
        s.offset = min(int(offset), CANDIDATES) if offset.isdigit() else 0
        s.all_versions = args.get("versions") == "all"
        return s

    def bounds(self) -> tuple[str | None, str | None]:
        """The first and last meeting date wanted (ISO), from `date` or from/to."""
        low, high = self.date_from or None, self.date_to or None
        if self.date:
            span = date_range(self.date)
            if span:
                low, high = span
            else:
                self.notes.append(f"“{self.date}” is not a date this search reads (try 2025, 2025-02 or 13 February 2025).")
        return low, high


def _filters(s: Search) -> tuple[str, list]:
    where, params = [], []
    if not s.all_versions:  # a republished pack's older versions stay out unless asked for (migration m006)
        where.append("r.document_id not in (select id from documents where is_current = 0)")  # a partial index
    if s.council:
        where.append("m.council = ?")
        params.append(s.council)
    if s.body:
        where.append("m.body = ? collate nocase")
        params.append(s.body)
    low, high = s.bounds()
    if low:
        where.append("m.date >= ?")
        params.append(low)
    if high:
        where.append("m.date <= ?")
        params.append(high)
    return "".join(f" and {w}" for w in where), params


# kind -> (table, its FTS table, the text column shown, the item title expression)
KINDS = {
    "resolution": ("resolutions", "text", "x.item_title"),
    "vote": ("votes", "subject", "'Vote: ' || coalesce(x.result, '') || ' (' || coalesce(x.for_count, '-') || ' for, ' "
             "|| coalesce(x.against_count, '-') || ' against, ' || coalesce(x.abstain_count, '-') || ' abstaining)'"),
}


def _row_sql(kind: str) -> str:
    table, text, title = KINDS[kind]
    return (f"select '{kind}' as kind, x.id, x.meeting_id, x.document_id, x.page, x.minute_number, {title} as title, "
            f"m.label as meeting, m.date, m.council, m.body from {table} x left join meetings m on m.id = x.meeting_id")


async def search_decisions(db, s: Search) -> dict:
    """The page of hits asked for, the facet counts over the (bounded) matches and notes for the person."""
    fts = safe_fts_query(s.q)
    where, params = _filters(s)
    if s.q and fts is None:
        s.notes.append("Nothing to search for in those words; the newest decisions are shown.")
    hits: list[dict] = []
    for kind, (table, text, _) in KINDS.items():
        if fts:
            span = ""
            if s.council or s.date or s.date_from or s.date_to:  # indexed filters (body is matched ignoring case)
                # The filtered meetings' decisions lie between two ids: a rowid range FTS5 seeks to, instead of
                # walking every match of a common word until enough pass the filter.
                lo, hi = (await db.execute(f"select min(r.id), max(r.id) from meetings m cross join {table} r "
                                           f"on r.meeting_id = m.id where 1{where}", params)).first()
                if lo is None:
                    continue
                span = f" and x.rowid between {int(lo)} and {int(hi)}"
            sql = (f"select x.rank as score, x.rowid as id from {table}_fts x join {table} r on r.rowid = x.rowid "
                   f"left join meetings m on m.id = r.meeting_id where {table}_fts match ?{span}{where} "
                   f"order by x.rowid desc limit {CANDIDATES}")
            rows = await db.execute(sql, [fts, *params])
        else:
            # CROSS JOIN keeps meetings outside: read newest-first from the date index, not sort every decision.
            sql = (f"select 0 as score, r.id from meetings m cross join {table} r on r.meeting_id = m.id where 1{where} "
                   f"order by m.date desc, r.id desc limit {CANDIDATES}")
            rows = await db.execute(sql, params)
        hits.extend({"kind": kind, "id": r["id"], "score": r["score"], "n": i} for i, r in enumerate(rows.rows))
    # Relevance (BM25, lower is better) when words were given; newest first otherwise.
    hits.sort(key=lambda h: (h["score"], h["n"]) if fts else (h["n"], h["kind"]))
    page = hits[s.offset:s.offset + PAGE_SIZE]
    results = await _hits(db, page, fts)
    return {
        "results": results,
        "total": len(hits),
        "bounded": any(sum(1 for h in hits if h["kind"] == k) >= CANDIDATES for k in KINDS),
        "facets": await _facets(db, hits),
        "fts": fts,
    }


async def _hits(db, page: list[dict], fts: str | None) -> list[dict]:
    """The rows of a page of hits, each with its snippet: one query for rows and one for snippets per kind."""
    found: dict[tuple, dict] = {}
    for kind, (table, text, _) in KINDS.items():
        ids = str([h["id"] for h in page if h["kind"] == kind])
        if ids == "[]":
            continue
        rows = await db.execute(f"select * from ({_row_sql(kind)} where x.id in (select value from json_each(?))) "
                                f"join (select id as _id, {text} as _text from {table}) on _id = id", [ids])
        for r in rows.rows:
            full = r["_text"] or ""
            found[(kind, r["id"])] = {**{k: r[k] for k in r.keys() if not k.startswith("_")},
                                      "snippet": full if len(full) <= 400 else full[:400].rsplit(" ", 1)[0] + " …",
                                      "row_path": f"{table}/{r['id']}"}
        if fts:
            snippets = await db.execute(
                f"select rowid, snippet({table}_fts, 0, char(1), char(2), ' … ', {SNIPPET_TOKENS}) as s from {table}_fts "
                f"where {table}_fts match ? and rowid in (select value from json_each(?))", [fts, ids])
            for r in snippets.rows:
                if (kind, r["rowid"]) in found and r["s"] and "\x01" in r["s"]:
                    found[(kind, r["rowid"])]["snippet"] = r["s"]
    return [found[(h["kind"], h["id"])] for h in page if (h["kind"], h["id"]) in found]


async def _facets(db, hits: list[dict]) -> dict:
    """Counts by council, body and year over the matches (at most CANDIDATES of each kind)."""
    facets: dict[str, dict] = {"council": {}, "body": {}, "year": {}}
    for kind, (table, _, _) in KINDS.items():
        ids = [h["id"] for h in hits if h["kind"] == kind]
        if not ids:
            continue
        rows = await db.execute(
            f"select m.council, m.body, substr(m.date, 1, 4) as year, count(*) as n from {table} x "
            f"join meetings m on m.id = x.meeting_id where x.id in (select value from json_each(?)) "
            f"group by 1, 2, 3", [str(ids)])
        for r in rows.rows:
            for name in facets:
                if r[name]:
                    facets[name][r[name]] = facets[name].get(r[name], 0) + r["n"]
    return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:15] for k, v in facets.items()}
