"""The command line: the only module that prints or turns errors into exit codes."""

from __future__ import annotations

import csv
import dataclasses
import fcntl
import itertools
import json
import os
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click
from tqdm import tqdm

from . import __version__
from .budget import default_memory_limit, limit_worker
from .errors import AgendapackError, BadShard, RulesError
from .ingest import ingest_file, process_file, shown, unread_document, worker_failed
from .merge import MergeCounts, collect_shards, merge_shard
from .models import Document, Section, Status
from .read import count_pages, file_sha256
from .rules import validate_rules
from .store import checkpoint, find_document, note_seen_again, open_db, save_document, set_source_urls

DEFAULT_DB = "db/agendas.db"
# The site (metadata, plugins, templates) ships inside the package, so `serve` works from any install.
SITE = Path(__file__).resolve().parent / "site"


def collect_pdfs(paths: tuple[str, ...], unreadable: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Files as given and `*.pdf` under folders, recursively, each once, in a stable order.

    Whatever is named *.pdf is taken, a FIFO or device too (reading it fails with a clear error, and
    it gets its row); a folder that cannot be listed is added to `unreadable` with the reason."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            def skipped(exc: OSError) -> None:
                if unreadable is not None:
                    unreadable.append((Path(exc.filename), exc.strerror or str(exc)))
            inside = []
            for folder, _, names in os.walk(p, onerror=skipped):
                inside.extend(Path(folder, n) for n in names if n.lower().endswith(".pdf"))
            found.extend(sorted(inside))
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


WINDOW = 2  # files in flight per worker: enough to keep each busy, few enough that memory stays flat


def run_pool(files: list[Path], jobs: int, args: tuple, store: Callable[[Document], None],
             memory_limit: int | None = None) -> list[Path]:
    """Read files in worker processes and store each as it comes; return the files a dead worker took with it.

    At most WINDOW x jobs files are in flight, and each result is dropped once stored, so the
    writer's memory does not grow with the number of files. Workers run within budget.limit_worker.
    A worker that dies breaks the pool: the files in flight are returned, the others go on in a new one."""
    crashed: list[Path] = []
    remaining = iter(files)
    more = True
    while more:
        with ProcessPoolExecutor(max_workers=jobs, initializer=limit_worker,
                                 initargs=(memory_limit, os.getpid())) as pool:
            window: dict = {}
            broken = False
            lost: list[Path] = []
            while True:
                while not broken and len(window) < WINDOW * jobs:
                    f = next(remaining, None)
                    if f is None:
                        more = False
                        break
                    try:
                        window[pool.submit(ingest_file, str(f), *args)] = f
                    except BrokenProcessPool:
                        remaining = itertools.chain([f], remaining)  # never started: it goes to the next pool
                        broken = True
                if not window:
                    break
                done, _ = wait(window, return_when=FIRST_COMPLETED)
                for future in done:
                    f = window.pop(future)
                    try:
                        doc = future.result()
                    except BrokenProcessPool:
                        lost.append(f)
                        broken = True
                        continue
                    except Exception as exc:  # a bug in a stage: account for the file all the same
                        doc = worker_failed(f, exc)
                    store(doc)
                    del doc  # the writer keeps nothing of a stored document
            if not broken:
                more = False
        if len(lost) == 1:  # the only file in flight is the one that ended its worker
            store(unread_document(lost[0], RuntimeError(CRASHED), "crashed"))
        else:
            crashed.extend(lost)
    return crashed


CRASHED = ("its worker ended while reading it: PDFium crashed, or the file took more than the memory limit "
           "or ran far past its time; the file is likely damaged or hostile")


def parse_size(text: str) -> int | None:
    """Bytes from `1.5G`, `800M`, `800` (MiB); None for `0` or `none` (no limit)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text.lower())
    if text.strip().lower() in ("none", "off"):
        return None
    if not m:
        raise click.BadParameter(f"{text!r}: a size such as 2G or 1500M")
    number, unit = float(m[1]), m[2] or "m"
    return int(number * 1024 ** "kmgt".index(unit) * 1024) or None


def lock_db(db_path: str):
    """Hold an advisory lock beside the database for the whole run: one ingest writes at a time, the next waits."""
    lock = open(f"{db_path}.lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        click.echo(f"waiting for another ingest into {db_path}", err=True)
        fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def open_writer(db_path: str):
    """The lock and the database, or a one-line error (exit 2) when the path cannot hold a database."""
    try:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        lock = lock_db(db_path)
        return lock, open_db(db_path)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        click.echo(f"error: {db_path}: cannot open the database ({reason})", err=True)
        sys.exit(2)


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
@click.option("--memory-limit", default="auto", show_default=True,
              help="Memory (address space) each worker may take beyond what it starts with, e.g. 2G, 1500M, none; "
              "auto: a quarter of the machine's memory shared among the workers, 1-4 GiB.")
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
def ingest(paths, db_path, jobs, force, password, max_pages, time_limit, memory_limit, quiet, executor, scheduler,
           shards, source_url) -> None:
    """Ingest PDF files and folders (recursively, *.pdf) into the database."""
    check_rules()
    if source_url and not (len(paths) == 1 and Path(paths[0]).is_file() and source_url.startswith(("http://", "https://"))):
        raise click.UsageError("--source-url takes an http(s) URL and exactly one PDF file")
    dask = executor == "dask" or scheduler is not None
    if shards and not dask:
        raise click.UsageError("--shards needs --executor dask or --scheduler")
    jobs = max(1, jobs or os.cpu_count() or 1)
    limit = default_memory_limit(jobs) if memory_limit == "auto" else parse_size(memory_limit)
    unreadable: list[tuple[Path, str]] = []
    files = collect_pdfs(paths, unreadable)
    lock, db = (None, None) if shards else open_writer(db_path)

    def stored_as(sha256: str) -> dict | None:
        if db is not None:
            return find_document(db, sha256)
        from .distributed import shard_document  # Dask is imported only when asked for
        return shard_document(Path(shards), sha256)
    todo: list[tuple[Path, int]] = []
    counts: Counter = Counter()
    for folder, reason in unreadable:
        click.echo(f"failed: {shown(str(folder))}: the folder cannot be read ({reason})", err=True)
        counts[Status.FAILED.value] += 1
    bar = tqdm(total=0, unit="page", disable=quiet, file=sys.stderr, desc="ingest")

    def store(doc: Document) -> None:
        if db is not None:  # with --shards the workers have stored it
            save_document(db, dataclasses.replace(doc, source_url=source_url) if source_url else doc)  # a URL makes versions
        counts[doc.status] += 1
        bar.update(doc.page_count)
        bar.set_postfix(documents=sum(counts.values()))
        if doc.status != Status.OK.value:
            tqdm.write(f"{doc.status}: {doc.error}", file=sys.stderr)  # shown even with --quiet

    for f in files:
        try:
            sha = file_sha256(f)
            size = f.stat().st_size
        except (AgendapackError, OSError) as exc:  # a FIFO, a device, a file gone or not readable: its own row
            store(unread_document(f, exc))
            continue
        stored = stored_as(sha)
        # A file read by another version of the pipeline is read again with the current rules (ids kept).
        if stored and not force and stored.get("pipeline_version") == __version__:
            if db is not None:
                note_seen_again(db, stored["id"], str(f.resolve()))  # the original republished again is current again
            counts["skipped"] += 1
            continue
        todo.append((f, size))
    todo.sort(key=lambda t: t[1], reverse=True)  # big files first keeps every worker busy to the end
    if not quiet:
        bar.total = sum(count_pages(f, password) for f, _ in todo)
        bar.refresh()
    args = (password, max_pages, time_limit, jobs)
    if dask:
        from .distributed import run_dask
        crashed = run_dask([f for f, _ in todo], jobs, args, store, scheduler=scheduler,
                           shards=Path(shards) if shards else None)
    else:
        crashed = run_pool([f for f, _ in todo], jobs, args, store, limit)
    # A file that crashed a worker takes the files in flight with it: retry each alone, so only it is lost
    # (Dask has already retried it on other workers).
    for f in crashed:
        if dask:
            store(unread_document(f, RuntimeError(CRASHED), "crashed"))
        else:
            run_pool([f], 1, args, store, limit)
    bar.close()
    if db is not None:
        set_source_urls(db, read_sources(files) | ({str(files[0].resolve()): source_url} if source_url else {}))
        checkpoint(db)
        lock.close()
    n = len(files) + len(unreadable)
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
    try:
        doc = process_file(file, password=password)
    except AgendapackError as exc:  # a FIFO or a device named on the command line, or a file gone
        click.echo(f"error: {shown(str(exc))}", err=True)
        sys.exit(1)
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
