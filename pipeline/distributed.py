"""Dask as the engine beyond one machine: one task per PDF, each result stored by the one writer as it completes.

Imported only for `ingest --executor dask`, so the default local pool never loads Dask.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import sqlite_utils
from distributed import Client, KilledWorker, LocalCluster, as_completed

from .ingest import ingest_file, worker_failed
from .models import Document
from .store import find_document, open_db, save_document

# A task that raised (a network file system's hiccup) runs again this many times; a task whose worker
# died is rescheduled by Dask itself, up to `distributed.scheduler.allowed-failures` deaths.
RETRIES = 2
# Tasks in flight per worker thread: enough that no worker waits for the writer, few enough that the
# writer's memory does not grow with the number of files.
WINDOW_PER_THREAD = 2


def shard_path(shards: Path, sha256: str) -> Path:
    """Where the shard of the document with these bytes is written."""
    return Path(shards) / f"{sha256}.db"


def shard_document(shards: Path, sha256: str) -> dict | None:
    """The document row of an existing shard for these bytes, if any."""
    path = shard_path(shards, sha256)
    if not path.exists():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return find_document(sqlite_utils.Database(conn), sha256)
    finally:
        conn.close()


def summary(doc: Document) -> Document:
    """The document's status only: what a shard-writing task sends back to the client."""
    return Document(doc.path, doc.filename, doc.sha256, doc.page_count, doc.status, error=doc.error)


def ingest_to_shard(path: str, shards: str, *args) -> Document:
    """Read one PDF on a worker and write it to its own shard database; returns the document's status."""
    doc = ingest_file(path, *args)
    final = shard_path(Path(shards), doc.sha256)
    # Written under a name of its own and renamed when complete: a worker killed mid-write leaves no shard.
    partial = final.with_name(f"{final.name}.{uuid.uuid4().hex}.tmp")
    db = open_db(partial)
    try:
        save_document(db, doc)
        db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to copy back, no -wal beside it
    finally:
        db.close()
    os.replace(partial, final)
    return summary(doc)


@contextmanager
def _client(scheduler: str | None, jobs: int) -> Iterator[Client]:
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # Dask's own warnings (a slow worker shutdown) would drown the run's one-line summary; errors still show.
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def run_dask(files: list[Path], jobs: int, args: tuple, store: Callable[[Document], None],
             scheduler: str | None = None, shards: Path | None = None) -> list[Path]:
    """Read files as Dask tasks and store each result as it completes; return the files that kept killing workers.

    `scheduler` is a running cluster's address (else a LocalCluster of `jobs` processes is started);
    with `shards`, tasks write a shard database each and send back only the document's status.
    """
    crashed: list[Path] = []
    if not files:
        return crashed  # nothing to read: no cluster to start
    with _client(scheduler, jobs) as client:
        threads = sum(client.nthreads().values())  # the workers connected now; more may join later
        window = max(WINDOW_PER_THREAD * threads, 4)
        pending: dict[str, Path] = {}
        done = as_completed()

        def submit(f: Path) -> None:
            task, extra = (ingest_to_shard, (str(Path(shards).resolve()),)) if shards else (ingest_file, ())
            key = f"agendapack-read-{f.name}-{uuid.uuid4().hex}"
            # Absolute paths: every worker must see the files at the same place (shared storage).
            done.add(client.submit(task, str(f.resolve()), *extra, *args, key=key, retries=RETRIES, pure=False))
            pending[key] = f

        queue = iter(files)
        for f in islice(queue, window):
            submit(f)
        for future in done:
            f = pending.pop(future.key)
            doc: Document | None = None
            try:
                doc = future.result()
            except KilledWorker:
                crashed.append(f)
            except Exception as exc:  # a bug in a stage, after its retries: account for the file all the same
                doc = worker_failed(f, exc)
            if doc is not None:
                store(doc)
            future.release()  # the result leaves the cluster's memory once stored
            for f in islice(queue, 1):
                submit(f)
    return crashed
