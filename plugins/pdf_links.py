"""Datasette plugin: serve the ingested PDFs and link every row's page to the PDF at that page."""

from __future__ import annotations

from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

PAGE_COLUMNS = ("page", "page_start", "page_end")


async def _document_path(datasette, document_id: int) -> Path | None:
    for name, db in datasette.databases.items():
        if name == "_internal" or "documents" not in await db.table_names():
            continue
        row = (await db.execute("select path from documents where id = ?", [document_id])).first()
        if row and row["path"]:
            return Path(row["path"])
    return None


async def serve_pdf(datasette, request):
    """The PDF of one stored document, shown inline so that #page=N opens that page."""
    path = await _document_path(datasette, int(request.url_vars["document_id"]))
    if path is None or not path.is_file():
        return Response.text("No PDF is stored for that document on this server.", status=404)
    return Response(
        path.read_bytes(),
        content_type="application/pdf",
        headers={"content-disposition": f'inline; filename="{path.name}"'},
    )


@hookimpl
def register_routes():
    return [(r"^/-/pdf/(?P<document_id>\d+)$", serve_pdf)]


@hookimpl
def render_cell(row, value, column, table, datasette):
    """A page number becomes a link to the PDF opened at that page."""
    if column not in PAGE_COLUMNS or value is None or not isinstance(value, int):
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if "document_id" in keys:
        document_id = row["document_id"]
    elif table == "documents" and "id" in keys:
        document_id = row["id"]
    else:
        return None
    if isinstance(document_id, dict):  # a label-expanded foreign key
        document_id = document_id.get("value")
    if document_id is None:
        return None
    url = datasette.urls.path(f"/-/pdf/{int(document_id)}#page={int(value)}")
    return Markup(f'<a href="{escape(url)}">{int(value)}</a>')
