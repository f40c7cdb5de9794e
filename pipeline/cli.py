"""The command line: the only module that prints or turns errors into exit codes."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click
from tqdm import tqdm

from . import __version__
from .errors import RulesError
from .ingest import ingest_file, process_file
from .models import Document, Section, Status
from .read import count_pages, file_sha256
from .rules import validate_rules
from .store import checkpoint, find_document, note_seen_again, open_db, save_document

DEFAULT_DB = "db/agendas.db"
# The site (metadata, plugins, templates) ships inside the package, so `serve` works from any install.
SITE = Path(__file__).resolve().parent / "site"


def collect_pdfs(paths: tuple[str, ...]) -> list[Path]:
    """Files as given and `*.pdf` under folders, recursively, each once, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf"))
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def check_rules() -> None:
    """Check every rules file before any PDF is read: a bad rule stops the run (exit 2), not each document."""
    try:
        validate_rules()
    except RulesError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def run_pool(files: list[Path], jobs: int, args: tuple, store) -> list[Path]:
    """Read files in worker processes and store each as it comes; return the files a dead worker took with it."""
    crashed: list[Path] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(ingest_file, str(f), *args): f for f in files}
        for future in as_completed(futures):
            f = futures[future]
            try:
                doc = future.result()
            except BrokenProcessPool:
                crashed.append(f)
                continue
            except Exception as exc:  # a bug in a stage: account for the file all the same
                doc = Document(str(f.resolve()), f.name, file_sha256(f), 0, Status.FAILED.value,
                               error=f"{f.name}: the worker failed ({type(exc).__name__}: {exc})")
            store(doc)
    return crashed


@click.group()
@click.version_option(package_name="agendapack")
def cli() -> None:
    """agendapack: council agenda packs (PDF) into a searchable SQLite database served by Datasette."""



@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: number of cores).")
@click.option("--force", is_flag=True, help="Re-ingest files whose bytes are already stored (ids are kept).")
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option("--max-pages", type=int, default=2000, show_default=True, help="Read at most this many pages of each file.")
@click.option("--time-limit", type=float, default=600, show_default=True, help="Seconds one file may take; the pages read by then are kept.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (failures are still reported).")
def ingest(paths, db_path, jobs, force, password, max_pages, time_limit, quiet) -> None:
    """Ingest PDF files and folders (recursively, *.pdf) into the database."""
    check_rules()
    files = collect_pdfs(paths)
    db = open_db(db_path)
    todo: list[Path] = []
    counts: Counter = Counter()
    for f in files:
        try:
            stored = find_document(db, file_sha256(f))
        except OSError as exc:
            click.echo(f"failed: {f}: cannot be read ({exc.strerror})", err=True)
            counts[Status.FAILED.value] += 1
            continue
        # A file read by another version of the pipeline is read again with the current rules (ids kept).
        if stored and not force and stored.get("pipeline_version") == __version__:
            note_seen_again(db, stored["id"], str(f.resolve()))  # the original republished again is current again
            counts["skipped"] += 1
            continue
        todo.append(f)
    jobs = max(1, jobs or os.cpu_count() or 1)
    todo.sort(key=lambda f: f.stat().st_size, reverse=True)  # big files first keeps every worker busy to the end
    total_pages = sum(count_pages(f, password) for f in todo) if not quiet else 0
    bar = tqdm(total=total_pages, unit="page", disable=quiet, file=sys.stderr, desc="ingest")

    def store(doc: Document) -> None:
        save_document(db, doc)
        counts[doc.status] += 1
        bar.update(doc.page_count)
        bar.set_postfix(documents=sum(counts.values()))
        if doc.status != Status.OK.value:
            tqdm.write(f"{doc.status}: {doc.error}", file=sys.stderr)  # shown even with --quiet

    args = (password, max_pages, time_limit, jobs)
    crashed = run_pool(todo, jobs, args, store)
    # A file that crashed a worker takes the pool down with it: retry each alone, so only it is lost.
    for f in crashed:
        if run_pool([f], 1, args, store):
            store(Document(str(f.resolve()), f.name, file_sha256(f), 0, Status.FAILED.value,
                           error=f"{f.name}: reading it crashed the PDF library; the file is likely damaged"))
    bar.close()
    checkpoint(db)
    n = len(files)
    parts = [f"{counts[k]} {k}" for k in ("ok", "partial", "no_text", "failed", "skipped") if counts[k]]
    bad = counts[Status.FAILED.value] + counts[Status.PARTIAL.value] + counts[Status.NO_TEXT.value]
    click.echo(f"{n} documents: {', '.join(parts) or 'nothing to do'}" + (" (see problems)" if bad else ""), err=True)
    if bad:
        sys.exit(1)


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to serve.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(db_path, port, host) -> None:
    """Serve the database with Datasette, its metadata and links to the ingested PDFs."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database; run `agendapack ingest` first")
    args = [
        # Read-only connections (not --immutable), so the server can stay up while an ingest writes (WAL).
        sys.executable, "-m", "datasette", "serve", db_path,
        "--metadata", str(SITE / "metadata.yml"),
        "--plugins-dir", str(SITE / "plugins"),
        "--template-dir", str(SITE / "templates"),
        "--port", str(port), "--host", host,
        "--setting", "sql_time_limit_ms", "3000",
        "--setting", "allow_download", "off",
    ]
    os.execv(sys.executable, args)


def _drop_lines(sections: list[dict]) -> None:
    for s in sections:
        s.pop("lines", None)
        _drop_lines(s["children"])


def _tree(section: Section, indent: int = 0) -> list[str]:
    label = " ".join(x for x in (section.kind, section.number or "", f"[{section.appendix}]" if section.appendix else "") if x)
    lines = [f"{'  ' * indent}{label} p{section.page_start}-{section.page_end}: {section.title}"]
    for child in section.children:
        lines.extend(_tree(child, indent + 1))
    return lines


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of an outline.")
@click.option("--password", default=None, help="Password for an encrypted PDF.")
def show(file, as_json, password) -> None:
    """Print the section tree found in one PDF, without touching a database."""
    check_rules()
    doc = process_file(file, password=password)
    if as_json:
        data = dataclasses.asdict(doc)
        data.pop("pages")
        _drop_lines(data["sections"])
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(f"{doc.filename}: {doc.page_count} pages, status {doc.status}" + (f" ({doc.error})" if doc.error else ""))
        if doc.meeting:
            m = doc.meeting
            click.echo(f"meeting: {m.council} / {m.body} / {m.date} {m.time or ''} / {m.place or ''}")
        for section in doc.sections:
            click.echo("\n".join(_tree(section)))
    if doc.status == Status.FAILED.value:
        sys.exit(1)


if __name__ == "__main__":
    cli()
