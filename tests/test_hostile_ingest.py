"""Hostile inputs and hostile conditions at ingest: bounded time and memory, every input accounted for, one writer."""

from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import hostile
import pytest
from click.testing import CliRunner
from conftest import ROOT

import pipeline.cli
from pipeline.cli import cli
from pipeline.ingest import ingest_file, process_file, unread_identity
from pipeline.ocr import ocr_available

GIB_KB = 1 << 20
# Runs an ingest and prints the peak resident memory of its largest process (the writer or a worker), in KB.
PEAK = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); " \
       "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"


def _ingest(*args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess, int]:
    cmd = [sys.executable, "-c", PEAK, sys.executable, "-m", "pipeline.cli", "ingest", "--quiet", *args]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return done, int(done.stdout.split()[-1])


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as c:
        rows = {r[0]: r[1:] for r in c.execute("select filename, status, error, id, sha256 from documents")}
        codes = {r[1]: set() for r in rows.values()}
        for doc, code in c.execute("select document_id, code from problems"):
            codes.setdefault(doc, set()).add(code)
    return {name: (status, error, codes[i], sha) for name, (status, error, i, sha) in rows.items()}


def test_a_text_operator_bomb_is_stopped_inside_its_one_page(tmp_path):
    bomb = hostile.text_bomb(tmp_path / "bomb.pdf", 100_000)  # 20 s and 0.5 GB to read in full
    done, peak = _ingest(str(bomb), "--db", str(tmp_path / "t.db"), "--time-limit", "2", "--memory-limit", "none")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-800:]
    status, error, codes, _ = _rows(tmp_path / "t.db")["bomb.pdf"]
    # Checked only between pages, the limit would have let its single page be read in full (`ok`).
    assert status == "failed" and "time_limit" in codes and "time limit of 2 s" in error
    assert peak < GIB_KB


def test_a_text_operator_bomb_past_the_memory_limit_ends_only_its_worker(tmp_path):
    bomb = hostile.text_bomb(tmp_path / "bomb.pdf", 300_000)  # 1.5 GB and a minute to read, uncapped
    done, peak = _ingest(str(bomb), "--db", str(tmp_path / "t.db"), "--time-limit", "10", "--memory-limit", "500M")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-800:]
    status, error, codes, _ = _rows(tmp_path / "t.db")["bomb.pdf"]
    assert status == "failed" and codes & {"crashed", "memory_limit", "page_error"}, (status, codes)
    assert "time_limit" not in codes  # the memory cap, not the clock, ended it
    assert peak < GIB_KB


def test_a_huge_page_scan_is_rendered_within_the_pixel_budget(tmp_path):
    scan = hostile.huge_scan(tmp_path / "huge.pdf")  # 14400 pt square: 3.6 GB as a bitmap at 300 dpi
    done, peak = _ingest(str(scan), "--db", str(tmp_path / "t.db"), "--time-limit", "10")
    assert "Traceback" not in done.stderr, done.stderr[-800:]
    status, error, codes, _ = _rows(tmp_path / "t.db")["huge.pdf"]
    if ocr_available():
        assert status == "failed" and "page_error" in codes and "30 dpi, not 300" in error, (status, error)
    else:
        assert status == "no_text" and "no_text" in codes
    assert peak < GIB_KB


def test_odd_inputs_each_leave_a_row_and_the_batch_completes(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    hostile.text_pages(Path(os.fsdecode(bytes(folder) + b"/caf\xe9 minutes.pdf")), 2)  # Latin-1: not UTF-8
    os.mkfifo(folder / "pipe.pdf")
    hostile.truncated_pages(folder / "truncated.pdf", 8, 0.7)
    hostile.blank_page(folder / "blank.pdf")
    gone = hostile.text_pages(folder / "gone.pdf", 1, "gone")
    hashed = pipeline.cli.find_document

    def vanish_after_hashing(db, sha):  # the file goes between the writer's look and the worker's read
        gone.unlink(missing_ok=True)
        return hashed(db, sha)

    monkeypatch.setattr(pipeline.cli, "find_document", vanish_after_hashing)
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--quiet", "--jobs", "2",
                                      "--memory-limit", "none"])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit), result.output
    rows = _rows(db)
    assert set(rows) == {"caf\ufffd minutes.pdf", "pipe.pdf", "truncated.pdf", "blank.pdf", "gone.pdf"}
    assert rows["caf\ufffd minutes.pdf"][0] == "ok" and "file_name_not_utf8" in rows["caf\ufffd minutes.pdf"][2]
    assert rows["pipe.pdf"][:1] == ("failed",) and "not_a_file" in rows["pipe.pdf"][2]
    assert "FIFO" in rows["pipe.pdf"][1] and rows["pipe.pdf"][1].startswith("pipe.pdf: ")
    assert rows["gone.pdf"][0] == "failed" and "unreadable" in rows["gone.pdf"][2]
    assert rows["truncated.pdf"][0] == "partial" and "repaired" in rows["truncated.pdf"][2]
    assert rows["blank.pdf"][0] == "no_text"
    for name, (status, _, codes, _) in rows.items():
        assert status == "ok" or codes, f"{name} is {status} without a problems row"
    with sqlite3.connect(db) as c:
        raw = c.execute("select message from problems where code = 'file_name_not_utf8'").fetchone()[0]
        assert b"caf\xe9 minutes.pdf".hex() in raw  # the name's bytes, kept losslessly
        sha = c.execute("select sha256 from documents where filename = 'caf\ufffd minutes.pdf'").fetchone()[0]
        truncated_pages = c.execute("select count(*) from pages p join documents d on d.id = p.document_id "
                                    "where d.filename = 'truncated.pdf' and p.text != ''").fetchone()[0]
    assert truncated_pages == 8  # the cut took the cross-reference table, not the pages
    assert (tmp_path / "files" / f"{sha}.pdf").is_file()  # its bytes kept for the site all the same


def test_a_truncated_file_keeps_the_pages_that_survive(tmp_path):
    doc = process_file(str(hostile.truncated_pages(tmp_path / "t.pdf", 8, 0.7)))
    assert doc.status == "partial" and doc.page_count == 8 and [p.code for p in doc.problems] == ["repaired"]
    assert "Leicester" in doc.pages[0].text


def test_max_pages_and_a_vanished_file_are_recorded(tmp_path):
    doc = process_file(str(hostile.text_pages(tmp_path / "p.pdf", 3)), max_pages=2)
    assert doc.status == "partial" and [p.code for p in doc.problems] == ["max_pages"]
    assert "only the first 2 of 3 pages" in doc.error
    gone = ingest_file(str(tmp_path / "nothing.pdf"))
    assert gone.status == "failed" and gone.problems[0].code == "unreadable" and gone.sha256 == unread_identity(tmp_path / "nothing.pdf")


def test_a_bad_db_path_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    pdf = hostile.blank_page(tmp_path / "b.pdf")
    result = CliRunner().invoke(cli, ["ingest", str(pdf), "--db", str(tmp_path / "file" / "x.db"), "--quiet"])
    assert result.exit_code == 2 and result.output.strip().count("\n") == 0
    assert result.output.startswith("error: ") and "cannot open the database" in result.output


def test_concurrent_ingests_wait_for_each_other_and_store_every_document_once(tmp_path):
    db = tmp_path / "t.db"
    folders = [tmp_path / "a", tmp_path / "b"]
    for k, folder in enumerate(folders):
        folder.mkdir()
        for i in range(2):
            hostile.text_pages(folder / f"{k}-{i}.pdf", 1, f"copy {k} {i}")
    with open(f"{db}.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a first ingest, as far as the others can tell
        procs = [subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(f), "--db", str(db), "--quiet",
                                   "--jobs", "1"], cwd=ROOT, stderr=subprocess.PIPE, text=True) for f in folders]
        for p in procs:
            assert p.stderr.readline().strip() == f"waiting for another ingest into {db}"
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()[-800:]
    with sqlite3.connect(db) as c:
        names = [r[0] for r in c.execute("select filename from documents")]
    assert sorted(names) == ["0-0.pdf", "0-1.pdf", "1-0.pdf", "1-1.pdf"]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_main_process_leaves_no_worker_alive(tmp_path):
    for i in range(2):
        hostile.text_bomb(tmp_path / f"bomb{i}.pdf", 60_000 + i)  # keeps both workers busy for seconds
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(tmp_path), "--db", str(tmp_path / "t.db"),
                             "--quiet", "--jobs", "2"], cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        workers = [w for w in _children(proc.pid) if "multiprocessing" not in Path(f"/proc/{w}/cmdline").read_text()]
    assert len(workers) >= 2, "the workers did not start"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [w for w in workers if _alive(w)] == []
