"""Dask as the engine beyond one machine: the same database as the local pool, a lost worker's file read
again, shards merged into what one run writes, and no Dask at all in a default run.

What "equal" means here. `rows(db, canonical=True)` lists every row of every data table with each id
replaced by a key that does not depend on the order documents were stored in: a document by its sha256,
a meeting by (council, body, date), any other row by (its document's sha256, its rank by id among that
document's rows of its table); each foreign key is replaced by the key of the row it points at, and
`documents.ingested_at` (a clock reading) is left out. Equal canonical lists mean the same rows, the same
links between them and the same order within each document; the integer ids then differ only by the
order in which whole documents were stored (Dask, like `--jobs 2`, stores them as they complete).
`rows(db, canonical=False)` keeps the integer ids: equal lists mean equal ids as well.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from pipeline.cli import cli
from pipeline.schema import DOCUMENT_TABLES

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install -e '.[dask]')")

# Four short typeset documents with minutes, decisions and agendas: meetings, items, votes, resolutions.
PARTS = {
    "a": ["Eastmoor_CC_Cabinet_2024-10-15_decisions.pdf", "Brackleigh_TC_PlanningEnv_2024-10-14_agenda.pdf"],
    "b": ["MarlowSprings_CityCouncil_2024-10-01_action_minutes.pdf", "Llanfeiriog_TC_2024-09-10_minutes.pdf"],
}
TABLES = ("documents", "meetings", *DOCUMENT_TABLES)
# A default ingest in a fresh interpreter, reporting whether it loaded Dask.
DEFAULT_RUN = """
import sys
from pipeline.cli import cli
try:
    cli.main(sys.argv[1:])
except SystemExit as exc:
    print("dask loaded" if {"dask", "distributed"} & set(sys.modules) else "no dask")
    sys.exit(exc.code)
"""


def rows(db: Path, canonical: bool = True) -> dict[str, list]:
    """Every row of the data tables, ids as in the module docstring, sorted."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    key: dict[str, dict] = {t: {} for t in TABLES}
    for r in conn.execute("select id, sha256 from documents"):
        key["documents"][r["id"]] = r["sha256"]
    for r in conn.execute("select id, council, body, date from meetings"):
        key["meetings"][r["id"]] = (r["council"], r["body"], r["date"])
    for table in DOCUMENT_TABLES:
        if table == "pages":
            continue
        owner = "votes v on v.id = t.vote_id join documents d on d.id = v.document_id" if table == "vote_records" \
            else "documents d on d.id = t.document_id"
        rank: Counter = Counter()
        for r in conn.execute(f"select t.id, d.sha256 from {table} t join {owner} order by t.id"):
            rank[r[1]] += 1
            key[table][r[0]] = (r[1], rank[r[1]])
    if not canonical:
        key = {t: {i: i for i in ids} for t, ids in key.items()}
    out = {}
    for table in TABLES:
        fks = {fk["from"]: fk["table"] for fk in conn.execute(f"pragma foreign_key_list({table})")}
        found = []
        for r in conn.execute(f"select * from {table}"):
            row = dict(r)
            row.pop("ingested_at", None)
            if "id" in row:
                row["id"] = key[table][row["id"]]
            for column, other in fks.items():
                if row[column] is not None:
                    row[column] = key[other][row[column]]
            found.append(tuple(sorted(row.items())))
        out[table] = sorted(found, key=repr)
    conn.close()
    return out


def ingest(*args: str) -> str:
    """Run `agendapack ingest` in this process; its output (it must succeed)."""
    result = CliRunner().invoke(cli, ["ingest", *args, "--quiet"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Two sub-folders of two PDFs each."""
    root = tmp_path_factory.mktemp("in")
    for part, names in PARTS.items():
        (root / part).mkdir()
        for name in names:
            shutil.copy(CORPUS / "typeset" / name, root / part / name)
    return root


@pytest.fixture(scope="module")
def local_db(folder, tmp_path_factory) -> Path:
    """The folder ingested by a default run (the local pool, one process), in a fresh interpreter."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    run = subprocess.run([sys.executable, "-c", DEFAULT_RUN, "ingest", str(folder), "--db", str(db), "-q", "-j", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "no dask", "a default ingest must not import Dask"
    return db


@pytest.fixture(scope="module")
def cluster():
    """A running two-worker cluster, as `dask scheduler` / `dask worker` would give (each worker under a nanny)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_default_run_has_all_documents(local_db):
    with sqlite3.connect(local_db) as conn:
        assert conn.execute("select count(*), count(distinct sha256) from documents").fetchone() == (4, 4)
        assert conn.execute("select count(*) from resolutions").fetchone()[0] > 0


def test_dask_local_cluster_equals_local_pool(folder, local_db, tmp_path):
    db = tmp_path / "dask.db"
    assert "4 documents: 4 ok" in ingest(str(folder), "--db", str(db), "--executor", "dask", "--jobs", "2")
    assert rows(db) == rows(local_db)
    # Ingesting again finds every document stored and reads none.
    assert "4 skipped" in ingest(str(folder), "--db", str(db), "--executor", "dask", "--jobs", "2")


def test_lost_worker_task_is_rescheduled(cluster, folder, local_db, tmp_path):
    killed: list[tuple[str, list[str]]] = []

    def kill_a_busy_worker() -> None:
        # Kill (SIGKILL, no goodbye) the first worker seen holding one of the ingest's tasks; its nanny starts a new one.
        with distributed.Client(cluster) as client:
            deadline = time.monotonic() + 60
            while not killed and time.monotonic() < deadline:
                for address, keys in client.processing().items():
                    ours = [k for k in keys if str(k).startswith("agendapack-read-")]
                    nanny = next((n for n in cluster.workers.values() if n.worker_address == address), None)
                    if ours and nanny is not None and nanny.process is not None:
                        os.kill(nanny.process.pid, signal.SIGKILL)
                        killed.append((address, ours))
                        break
                time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    db = tmp_path / "killed.db"
    try:
        output = ingest(str(folder), "--db", str(db), "--scheduler", cluster.scheduler_address)
    finally:
        killer.join()
    assert killed, "no worker was seen holding a task"
    address, keys = killed[0]
    # The killed worker's task ran again elsewhere, and each document was stored once.
    starts = [t for t in cluster.scheduler.story(keys[0]) if t.finish == "processing"]
    assert len(starts) >= 2, "the lost worker's task was not started again"
    assert "4 documents: 4 ok" in output
    assert rows(db) == rows(local_db)


def test_merged_shards_equal_one_run(cluster, folder, local_db, tmp_path):
    shards = {part: tmp_path / f"shards-{part}" for part in PARTS}
    for part, out in shards.items():
        assert "2 documents: 2 ok" in ingest(str(folder / part), "--shards", str(out),
                                             "--scheduler", cluster.scheduler_address)
        assert len(list(out.glob("*.db"))) == 2 and not list(out.glob("*.tmp"))
    runner = CliRunner()
    merged = tmp_path / "merged.db"
    result = runner.invoke(cli, ["merge", *map(str, shards.values()), "--db", str(merged)])
    assert result.exit_code == 0 and "4 documents merged" in result.output, result.output
    assert rows(merged) == rows(local_db)
    # The PDFs travel with the shards (files/ beside each), so the merged database's site can serve them.
    assert sorted(p.name for p in (merged.parent / "files").glob("*.pdf")) == \
        sorted(p.name for p in (local_db.parent / "files").glob("*.pdf"))
    assert len(list((shards["a"] / "files").glob("*.pdf"))) == 2
    # Merged in the order the run stored the documents, the shards give that run's ids exactly.
    with sqlite3.connect(local_db) as conn:
        order = [sha for (sha,) in conn.execute("select sha256 from documents order by id")]
    ordered = tmp_path / "ordered.db"
    files = [str(next(p for s in shards.values() for p in s.glob(f"{sha}.db"))) for sha in order]
    assert runner.invoke(cli, ["merge", *files, "--db", str(ordered)]).exit_code == 0
    assert rows(ordered, canonical=False) == rows(local_db, canonical=False)
    # Ids are kept by document hash: merged into a database that holds the documents, nothing is renumbered.
    held = tmp_path / "held.db"
    shutil.copy(local_db, held)
    result = runner.invoke(cli, ["merge", *map(str, shards.values()), "--db", str(held)])
    assert "4 documents merged" in result.output
    assert rows(held, canonical=False) == rows(local_db, canonical=False)
    assert "0 documents merged, 4 already there" in runner.invoke(cli, ["merge", str(shards["a"]), str(shards["b"]),
                                                                         "--db", str(held)]).output


def test_unreadable_shards_are_reported_and_the_others_merged(local_db, tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "1-garbage.db").write_bytes(b"not a database" * 100)
    sqlite3.connect(shards / "2-other.db").execute("create table t (x)").connection.close()
    truncated = local_db.read_bytes()
    (shards / "3-truncated.db").write_bytes(truncated[: len(truncated) // 2])
    shutil.copy(local_db, shards / "4-whole.db")
    merged = tmp_path / "m.db"
    result = CliRunner().invoke(cli, ["merge", str(shards), "--db", str(merged)])
    assert result.exit_code == 1
    assert "1-garbage.db: not a readable database" in result.output
    assert "2-other.db: not an agendapack database" in result.output
    assert "3-truncated.db" in result.output and "4-whole.db" not in result.output
    assert "4 documents merged, 0 already there, 3 shards unreadable" in result.output
    assert rows(merged, canonical=False) == rows(local_db, canonical=False)


def test_shards_need_dask(folder, tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--shards", str(tmp_path / "s")])
    assert result.exit_code == 2 and "--shards needs" in result.output
