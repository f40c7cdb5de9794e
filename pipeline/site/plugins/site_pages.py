"""Datasette plugin: the meeting, person, decision-search and search-everything pages, tables as tables."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote, unquote

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline.site.decisions import Search, search_decisions
from pipeline.site.fts import safe_fts_query
from pipeline.site.pages import meeting_page, person_key, person_page, search_everything

PERSON_TABLES = ("attendees", "members", "vote_records")


async def _db(datasette):
    """The database holding the meetings (the one `agendapack serve` was given)."""
    for name, db in datasette.databases.items():
        if name != "_internal" and "meetings" in await db.table_names():
            return db
    return None


def marked(snippet: str | None) -> Markup:
    """A snippet whose matched words FTS5 wrapped in \\x01 ... \\x02, escaped, matches in <mark>."""
    return Markup(str(escape(snippet or "")).replace("\x01", "<mark>").replace("\x02", "</mark>"))


async def _page(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    db = await _db(datasette)
    html = await datasette.render_template(template, {"dbname": db.name if db else "", "marked": marked, "person_key": person_key, **context},
                                           request=request)
    return Response.html(html, status=status)


async def meeting(datasette, request):
    """/meeting/<id>: everything known about one meeting, each fact linked to its PDF page."""
    db = await _db(datasette)
    data = await meeting_page(db, int(request.url_vars["id"])) if db else None
    if data is None:
        return await _page(datasette, request, "not_found.html", {"what": "meeting"}, status=404)
    return await _page(datasette, request, "meeting.html", {**data, "site_url": f"{request.scheme}://{request.host}"})


async def person(datasette, request):
    """/person/<name>: meetings attended, apologies and recorded votes of everyone printed with that name."""
    db = await _db(datasette)
    data = await person_page(db, unquote(request.url_vars["name"])) if db else None
    if data is None:
        return await _page(datasette, request, "not_found.html", {"what": "person"}, status=404)
    return await _page(datasette, request, "person.html", data)


async def decisions(datasette, request):
    """/decisions?q=...: the decision search, which answers every input with results or a plain message."""
    db = await _db(datasette)
    s = Search.from_args(request.args)
    data = await search_decisions(db, s)
    councils = [r[0] for r in (await db.execute(
        "select distinct council from meetings where council is not null order by 1 limit 500")).rows]
    return await _page(datasette, request, "decisions.html", {"s": s, "councils": councils, **data})


async def everything(datasette, request):
    """/search?q=...: short highlighted matches of every kind, each with its links."""
    db = await _db(datasette)
    q = (request.args.get("q") or "").strip()[:200]
    return await _page(datasette, request, "everything.html", {"q": q, "groups": await search_everything(db, q)})


async def table_csv(datasette, request):
    """/table/<id>.csv: one table read from a PDF, header and rows, as CSV."""
    db = await _db(datasette)
    row = (await db.execute("select header, rows from pdf_tables where id = ?", [int(request.url_vars["id"])])).first()
    if row is None:
        return Response.text("No such table.", status=404)
    out = io.StringIO()
    writer = csv.writer(out)
    if row["header"]:
        writer.writerow(json.loads(row["header"]))
    writer.writerows(json.loads(row["rows"] or "[]"))
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="table-{request.url_vars["id"]}.csv"'})


async def person_by_query(datasette, request):
    """/person?name=...: the person form of the home page."""
    name = person_key(request.args.get("name") or "")
    return Response.redirect(f"/person/{quote(name)}" if name else "/")


async def page_without_document(datasette, request):
    """/db/pages/N: a page is named by document and page (/db/pages/3,12), so say so instead of failing."""
    return await _page(datasette, request, "not_found.html", {
        "what": "page", "hint": "A page's address names its document and its page number: /"
        f"{request.url_vars['database']}/pages/DOCUMENT,PAGE (for example /{request.url_vars['database']}/pages/1,1)."},
        status=404)


@hookimpl
def register_routes():
    return [
        (r"^/meeting/(?P<id>\d+)$", meeting),
        (r"^/person/(?P<name>[^/]+)$", person),
        (r"^/person$", person_by_query),
        (r"^/decisions$", decisions),
        (r"^/search$", everything),
        (r"^/table/(?P<id>\d+)\.csv$", table_csv),
        (r"^/(?P<database>[^/]+)/pages/(?P<pk>[^/,.]+)$", page_without_document),
    ]


def html_table(header: str | None, rows: str | None, caption: str | None = None) -> Markup:
    """A table read from a PDF as an HTML <table>: caption, header row, data rows."""
    head = json.loads(header) if header else []
    body = json.loads(rows) if rows else []
    parts = ['<table class="pdf-table">']
    if caption:
        parts.append(f"<caption>{escape(caption)}</caption>")
    if head:
        parts.append("<thead><tr>" + "".join(f"<th>{escape(h or '')}</th>" for h in head) + "</tr></thead>")
    parts.append("<tbody>")
    for r in body:
        parts.append("<tr>" + "".join(f"<td>{escape('' if c is None else c)}</td>" for c in r) + "</tr>")
    parts.append("</tbody></table>")
    return Markup("".join(parts))


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Names link to the person page, meetings to the meeting page, a PDF table's rows render as a table."""
    if table in PERSON_TABLES and column == "name" and isinstance(value, str) and value.strip():
        return Markup(f'<a href="/person/{escape(quote(person_key(value)))}">{escape(value)}</a>')
    if table == "meetings" and column == "label" and isinstance(value, str):
        return Markup(f'<a href="/meeting/{int(row["id"])}">{escape(value)}</a>')
    if column == "meeting_id" and isinstance(value, dict) and value.get("value") is not None:
        # A label-expanded meeting: the label links to the meeting page.
        mid = int(value["value"])
        return Markup(f'<a href="/meeting/{mid}">{escape(value.get("label") or mid)}</a> '
                      f'<a href="/{escape(database)}/meetings/{mid}"><em>{mid}</em></a>')
    if table == "pdf_tables" and column == "rows" and isinstance(value, str):
        # The table itself is drawn on its row page (row.html); here a link to it.
        keys = row.keys() if hasattr(row, "keys") else []
        n = row["n_rows"] if "n_rows" in keys else len(json.loads(value or "[]"))
        return Markup(f'<a href="/{escape(database)}/pdf_tables/{int(row["id"])}">{n} rows as a table</a>'
                      if "id" in keys else f"{n} rows")
    if table is None and column == "meeting_id" and isinstance(value, int):
        return Markup(f'<a href="/meeting/{value}">meeting {value}</a>')
    if column == "table_id" and isinstance(value, int):
        return Markup(f'<a href="/{escape(database)}/pdf_tables/{value}">table {value}</a>')
    return None


async def _pdf_table(datasette, database: str, pk: str) -> dict:
    """A pdf_tables row page's table, drawn as HTML, with its CSV link."""
    if not pk.isdigit():
        return {}
    db = datasette.get_database(database)
    row = (await db.execute("select id, caption, header, rows from pdf_tables where id = ?", [int(pk)])).first()
    if row is None:
        return {}
    return {"pdf_table": html_table(row["header"], row["rows"], row["caption"]), "pdf_table_csv": f"/table/{row['id']}.csv"}


@hookimpl
def extra_template_vars(view_name, datasette, database, table, request):
    """The home page lists the newest meetings; a PDF table's row page draws the table."""
    async def inner():
        if view_name == "row" and table == "pdf_tables" and request is not None:
            return await _pdf_table(datasette, database, request.url_vars.get("pks", ""))
        if view_name != "index":
            return {}
        db = await _db(datasette)
        if db is None:
            return {"home_db": "", "home_meetings": []}
        rows = await db.execute("select id, label from meetings order by date desc, id desc limit 12")
        return {"home_db": db.name, "home_meetings": [dict(r) for r in rows.rows]}

    return inner


@hookimpl
def prepare_connection(conn):
    """fts_query(text): what a person typed as an FTS5 query that cannot fail, for the canned queries."""
    conn.create_function("fts_query", 1, lambda text: safe_fts_query(text) or '""', deterministic=True)
