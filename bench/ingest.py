"""Benchmark: end-to-end ingest against bare pdfplumber text extraction, on the same files.

    .venv/bin/python bench/ingest.py ../shared/corpus/leicester ../shared/corpus/real ../shared/corpus/tables

Ingests the PDFs into a fresh database with `--jobs 1` and `--jobs 2` (each in its own
process, timed, with the peak resident memory of the whole process tree), then times bare
pdfplumber `page.extract_text()` and pypdfium2's raw `get_text_range()` over the same pages in
one process, and prints pages, seconds, pages per second, peak memory and the ratios; the speed-up
of `--jobs 2` comes with a calibration (two busy loops at once against one) that says whether two
cores were free. When some pages had no text layer
and were read with OCR (which bare pdfplumber does not do), the comparison is run again
without those files, so both numbers come from one run. Run by hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.cli import collect_pdfs  # noqa: E402
from pipeline.read import count_pages  # noqa: E402


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def own_rss(pid: int) -> int:
    """Resident memory (bytes) of one process, from /proc (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[21]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def run_sampled(cmd: list[str]) -> tuple[float, int, int, int]:
    """Wall seconds, peak RSS of the process itself, peak RSS of its whole tree, and exit code of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    own = tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal own, tree
        while not done.is_set():
            own = max(own, own_rss(proc.pid))
            tree = max(tree, tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    done.set()
    sampler.join()
    return time.perf_counter() - start, own, tree, code


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak tree RSS and exit code of a command."""
    seconds, _, tree, code = run_sampled(cmd)
    return seconds, tree, code


def bare_pdfplumber(files: list[Path]) -> tuple[float, int]:
    """Seconds for pdfplumber extract_text() over every page that opens, and the pages read."""
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for f in files:
        try:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()
                    pages += 1
        except Exception:
            continue
    return time.perf_counter() - start, pages


def bare_pdfium(files: list[Path]) -> tuple[float, int]:
    """Seconds for pypdfium2's raw text (`get_text_range`) over every page that opens, and the pages read:
    the library's own speed, the floor of any reading built on it."""
    import pypdfium2

    pages = 0
    start = time.perf_counter()
    for f in files:
        try:
            doc = pypdfium2.PdfDocument(str(f))
        except Exception:
            continue
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return time.perf_counter() - start, pages


BUSY = "sum(i * i for i in range(6_000_000))"  # about half a second of one core


def free_cores() -> float:
    """How many cores are free: the speed of two copies of a busy loop run at once against one run alone
    (2.0 when two cores are idle; less when something else is using the machine)."""
    cmd = [sys.executable, "-c", BUSY]
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    one = time.perf_counter() - start
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd) for _ in range(2)]
    for proc in procs:
        proc.wait()
    two = time.perf_counter() - start
    return 2 * one / two


def ingest(files: list[Path], jobs: int, db: str) -> float:
    """Time one ingest of `files` into a fresh database at `db`, and print its line."""
    pages = sum(count_pages(f) for f in files)
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", *map(str, files), "--db", db, "--quiet", "--jobs", str(jobs)]
    seconds, peak, code = run_measured(cmd)
    print(f"agendapack ingest --jobs {jobs}: {seconds:7.1f} s  {pages / seconds:6.1f} pages/s  "
          f"peak RSS {peak / 2**20:7.0f} MiB  (exit {code})")
    return seconds


def compare(files: list[Path], jobs_list: list[int], tmp: str) -> list[Path]:
    """Ingest with each --jobs and bare pdfplumber over the same files; the files that needed OCR."""
    print(f"{len(files)} files, {sum(count_pages(f) for f in files)} pages")
    results, scanned = {}, []
    for jobs in jobs_list:
        db = f"{tmp}/bench-{len(files)}-{jobs}.db"
        results[jobs] = ingest(files, jobs, db)
        con = sqlite3.connect(db)
        scanned = [Path(p) for (p,) in con.execute(
            "select distinct d.path from documents d join pages p on p.document_id = d.id where p.is_ocr = 1")]
        ocr_pages = con.execute("select count(*) from pages where is_ocr = 1").fetchone()[0]
        con.close()
    bare, bare_pages = bare_pdfplumber(files)
    print(f"bare pdfplumber extract_text: {bare:7.1f} s  {bare_pages / bare:6.1f} pages/s  ({bare_pages} pages)")
    raw, raw_pages = bare_pdfium(files)
    print(f"bare pypdfium2 get_text_range: {raw:7.1f} s  {raw_pages / raw:6.1f} pages/s  ({raw_pages} pages)")
    for jobs, seconds in results.items():
        print(f"ingest --jobs {jobs} is {bare / seconds:.2f}x the speed of bare pdfplumber, "
              f"{raw / seconds:.3f}x that of bare pypdfium2 text")
    if 1 in results and 2 in results:
        print(f"--jobs 2 is {results[1] / results[2]:.2f}x the speed of --jobs 1; "
              f"calibration: two busy loops at once run {free_cores():.2f}x one (2.00 = two free cores)")
    if scanned:
        print(f"{ocr_pages} pages had no text layer and were read with OCR (bare pdfplumber reads nothing there)")
    return scanned


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    files = collect_pdfs(tuple(args.paths))
    with tempfile.TemporaryDirectory() as tmp:
        scanned = {f.resolve() for f in compare(files, args.jobs, tmp)}
        if scanned:
            print(f"\nThe same, without the {len(scanned)} files that needed OCR "
                  f"({', '.join(sorted(f.name for f in scanned))}):")
            compare([f for f in files if f.resolve() not in scanned], args.jobs, tmp)


if __name__ == "__main__":
    main()
