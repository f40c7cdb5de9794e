"""Datasette plugin: serve the ingested PDFs, link every page number to the PDF at that page,
show why a search matched, and give each row page a citation a journalist can paste."""

from __future__ import annotations

import os

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline.filestore import files_dir, stored_path
from pipeline.pdf_response import PdfResponse, Unsatisfiable, open_pdf

PAGE_COLUMNS = ("page", "page_start", "page_end")
MATCH_COLUMNS = ("matched",)


async def _database_with(datasette, table: str):
    for name, db in datasette.databases.items():
        if name != "_internal" and table in await db.table_names():
            return db
    return None


async def serve_pdf(datasette, request):
    """The PDF of one stored document, shown inline so that #page=N opens that page.

    Served only from the store beside the database (files/<sha256>.pdf) by the document's hash,
    never from a path recorded at ingest, and only when the kept bytes are a PDF with that hash.
    """
    missing = Response.text("No PDF is stored for that document on this server.", status=404)
    db = await _database_with(datasette, "documents")
    document_id = request.url_vars["document_id"]
    if db is None or not db.path or len(document_id) > 18:  # longer would not fit a SQLite integer
        return missing
    row = (await db.execute("select sha256, filename from documents where id = ?", [int(document_id)])).first()
    try:
        path = stored_path(files_dir(db.path), row["sha256"]) if row else None
    except ValueError:
        path = None
    fd = await open_pdf(path, row["sha256"]) if path else None
    if fd is None:
        return missing
    try:
        return PdfResponse(fd, row["filename"], row["sha256"], request.headers.get("range"),
                           head_only=request.method == "HEAD")
    except Unsatisfiable:
        size = os.fstat(fd).st_size
        os.close(fd)
        return Response.text("That byte range is not in the file.", status=416,
                             headers={"content-range": f"bytes */{size}", "accept-ranges": "bytes"})


@hookimpl
def register_routes():
    return [(r"^/-/pdf/(?P<document_id>\d+)$", serve_pdf)]


def _document_id(row, table):
    keys = row.keys() if hasattr(row, "keys") else []
    if "document_id" in keys:
        value = row["document_id"]
    elif table == "documents" and "id" in keys:
        value = row["id"]
    else:
        return None
    if isinstance(value, dict):  # a label-expanded foreign key
        value = value.get("value")
    return value


@hookimpl
def render_cell(row, value, column, table, datasette):
    """Page numbers link to the PDF at that page; [[matched]] words of a search are highlighted."""
    if column in MATCH_COLUMNS and isinstance(value, str):
        safe = str(escape(value)).replace("[[", "<mark>").replace("]]", "</mark>")
        return Markup(safe)
    if column not in PAGE_COLUMNS or not isinstance(value, int):
        return None
    document_id = _document_id(row, table)
    if document_id is None:
        return None
    url = datasette.urls.path(f"/-/pdf/{int(document_id)}#page={int(value)}")
    return Markup(f'<a href="{escape(url)}">{int(value)}</a>')


async def citation_for(datasette, db, table: str, pk: str, base_url: str) -> str | None:
    """'Council, Body, meeting of DATE: "Title" (file.pdf), page N. URL' for a row with a document and a page."""
    columns = await db.table_columns(table)
    page_column = next((c for c in PAGE_COLUMNS if c in columns), None)
    if "document_id" not in columns or page_column is None or not pk.isdigit():
        return None
    meeting = "meeting_id" if "meeting_id" in columns else "null"
    row = (await db.execute(
        f"select document_id, {page_column} as page, {meeting} as meeting_id from [{table}] where rowid = ?", [int(pk)]
    )).first()
    if row is None or row["page"] is None:
        return None
    doc = (await db.execute(
        "select d.title, d.filename, d.source_url, coalesce(?, d.meeting_id) as meeting_id from documents d where d.id = ?",
        [row["meeting_id"], row["document_id"]],
    )).first()
    if doc is None:
        return None
    m = (await db.execute("select council, body, date from meetings where id = ?", [doc["meeting_id"]])).first()
    who = ", ".join(x for x in ([m["council"], m["body"], f"meeting of {m['date']}"] if m else []) if x)
    pdf_path = datasette.urls.path(f"/-/pdf/{row['document_id']}")
    # Where the council published the file, when known (sources.csv); else this server's copy.
    url = f"{doc['source_url'] or base_url + pdf_path}#page={row['page']}"
    title = f'"{doc["title"]}" ' if doc["title"] else ""
    return f"{who + ': ' if who else ''}{title}({doc['filename']}), page {row['page']}. {url}"


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    async def inner():
        if view_name != "row" or not table or request is None:
            return {}
        db = datasette.get_database(database)
        pk = request.url_vars.get("pks", "")
        base = f"{request.scheme}://{request.host}"
        return {"citation": await citation_for(datasette, db, table, pk, base)}

    return inner
