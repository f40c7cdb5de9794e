"""The command line: the only module that prints or turns errors into exit codes."""

from __future__ import annotations

import csv
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
from .errors import BadShard, RulesError
from .ingest import ingest_file, process_file
from .merge import MergeCounts, collect_shards, merge_shard
from .models import Document, Section, Status
from .read import count_pages, file_sha256
from .rules import validate_rules
from .store import checkpoint, find_document, note_seen_again, open_db, save_document, set_source_urls

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


def read_sources(files: list[Path]) -> dict[str, str]:
    """File -> URL from a `sources.csv` (file name, URL) beside the PDFs, for documents.source_url."""
    urls: dict[str, str] = {}
    for folder in {f.parent for f in files}:
        table = folder / "sources.csv"
        if not table.is_file():
            continue
        with table.open(newline="", encoding="utf-8-sig") as fh:
            for row in csv.reader(fh):
                if len(row) >= 2 and row[1].strip().startswith(("http://", "https://")):
                    urls[str((folder / row[0].strip()).resolve())] = row[1].strip()
    return urls


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
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Local worker processes, or Dask tasks (a LocalCluster of --jobs workers, or --scheduler's cluster).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="A running Dask scheduler to send the files to (implies --executor dask).")
@click.option("--shards", type=click.Path(file_okay=False), default=None,
              help="With Dask: each worker writes one SQLite shard per document here instead of --db (see merge).")
@click.option("--source-url", default=None, metavar="URL",
              help="Where the one file given was published (documents.source_url, used in citations); "
                   "for folders, a sources.csv beside the PDFs (file name, URL).")
def ingest(paths, db_path, jobs, force, password, max_pages, time_limit, quiet, executor, scheduler, shards,
           source_url) -> None:
    """Ingest PDF files and folders (recursively, *.pdf) into the database."""
    check_rules()
    if source_url and not (len(paths) == 1 and Path(paths[0]).is_file() and source_url.startswith(("http://", "https://"))):
        raise click.UsageError("--source-url takes an http(s) URL and exactly one PDF file")
    dask = executor == "dask" or scheduler is not None
    if shards and not dask:
        raise click.UsageError("--shards needs --executor dask or --scheduler")
    files = collect_pdfs(paths)
    db = None if shards else open_db(db_path)

    def stored_as(sha256: str) -> dict | None:
        if db is not None:
            return find_document(db, sha256)
        from .distributed import shard_document  # Dask is imported only when asked for
        return shard_document(Path(shards), sha256)
    todo: list[Path] = []
    counts: Counter = Counter()
    for f in files:
        try:
            stored = stored_as(file_sha256(f))
        except OSError as exc:
            click.echo(f"failed: {f}: cannot be read ({exc.strerror})", err=True)
            counts[Status.FAILED.value] += 1
            continue
        # A file read by another version of the pipeline is read again with the current rules (ids kept).
        if stored and not force and stored.get("pipeline_version") == __version__:
            if db is not None:
                note_seen_again(db, stored["id"], str(f.resolve()))  # the original republished again is current again
            counts["skipped"] += 1
            continue
        todo.append(f)
    jobs = max(1, jobs or os.cpu_count() or 1)
    todo.sort(key=lambda f: f.stat().st_size, reverse=True)  # big files first keeps every worker busy to the end
    total_pages = sum(count_pages(f, password) for f in todo) if not quiet else 0
    bar = tqdm(total=total_pages, unit="page", disable=quiet, file=sys.stderr, desc="ingest")

    def store(doc: Document) -> None:
        if db is not None:  # with --shards the workers have stored it
            save_document(db, dataclasses.replace(doc, source_url=source_url) if source_url else doc)  # a URL makes versions
        counts[doc.status] += 1
        bar.update(doc.page_count)
        bar.set_postfix(documents=sum(counts.values()))
        if doc.status != Status.OK.value:
            tqdm.write(f"{doc.status}: {doc.error}", file=sys.stderr)  # shown even with --quiet

    args = (password, max_pages, time_limit, jobs)
    if dask:
        from .distributed import run_dask
        crashed = run_dask(todo, jobs, args, store, scheduler=scheduler, shards=Path(shards) if shards else None)
    else:
        crashed = run_pool(todo, jobs, args, store)
    # A file that crashed a worker takes the pool down with it: retry each alone, so only it is lost
    # (Dask has already retried it on other workers).
    for f in crashed:
        if dask or run_pool([f], 1, args, store):
            store(Document(str(f.resolve()), f.name, file_sha256(f), 0, Status.FAILED.value,
                           error=f"{f.name}: reading it crashed the PDF library; the file is likely damaged"))
    bar.close()
    if db is not None:
        set_source_urls(db, read_sources(files) | ({str(files[0].resolve()): source_url} if source_url else {}))
        checkpoint(db)
    n = len(files)
    parts = [f"{counts[k]} {k}" for k in ("ok", "partial", "no_text", "failed", "skipped") if counts[k]]
    bad = counts[Status.FAILED.value] + counts[Status.PARTIAL.value] + counts[Status.NO_TEXT.value]
    click.echo(f"{n} documents: {', '.join(parts) or 'nothing to do'}" + (" (see problems)" if bad else ""), err=True)
    if bad:
        sys.exit(1)


@cli.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to merge into.")
def merge(shards, db_path) -> None:
    """Merge shard databases (files, or folders of *.db) from `ingest --shards` into one database."""
    db = open_db(db_path)
    counts = MergeCounts()
    for path in collect_shards(shards):
        try:
            merge_shard(db, path, counts)
        except BadShard as exc:  # a truncated copy, or not a database: the others still merge
            click.echo(f"failed: {exc}", err=True)
            counts.failed += 1
    checkpoint(db)
    click.echo(f"{counts.merged} documents merged, {counts.unchanged} already there"
               + (f", {counts.failed} shards unreadable" if counts.failed else ""), err=True)
    if counts.failed:
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
        # Suggesting facets scans every column of a table on each table page: seconds on a national corpus.
        "--setting", "suggest_facets", "off",
        # A facet over a million rows gives up (the page says so) rather than hold the page up.
        "--setting", "facet_time_limit_ms", "120",
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
