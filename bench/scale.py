"""Benchmark: ingest at archive scale, N distinct copies of a corpus, with the writer's and the tree's peak memory.

    .venv/bin/python bench/scale.py ../shared/corpus/real --n 25 100 400 2000 --jobs 2

For each N, writes N copies of the corpus's PDFs (cycled; each copy's bytes made unique by a
comment after %%EOF, so each is a new document), ingests them into a fresh database with
`agendapack ingest --quiet` in its own process, and prints files/s, pages/s, and the peak
resident memory of the writer (the main process) and of the whole process tree. The writer's
memory should not grow with N. The fixed start-up (an ingest of the smallest source alone) is
measured first, and files/s is also given net of it. Run by hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import run_sampled

from pipeline.cli import collect_pdfs
from pipeline.read import count_pages


def make_copies(sources: list[Path], n: int, folder: Path) -> int:
    """N distinct copies of the sources (cycled) in `folder`; returns their pages."""
    pages = {s: count_pages(s) for s in sources}
    total = 0
    for i, source in zip(range(n), itertools.cycle(sources)):
        data = source.read_bytes() + f"\n% agendapack scale copy {i}\n".encode()
        (folder / f"{i:05d}-{source.name}").write_bytes(data)
        total += pages[source]
    return total


def ingest(folder: Path, db: Path, jobs: int, extra: list[str]) -> tuple[float, int, int, int]:
    """Wall seconds, writer peak RSS, tree peak RSS and exit code of one ingest."""
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db), "--quiet",
           "--jobs", str(jobs), *extra]
    return run_sampled(cmd)


def start_up_seconds(sources: list[Path], work: Path, jobs: int, extra: list[str]) -> float:
    """Seconds of an ingest of the smallest source alone: starting the process and its workers (and
    loading the language model), a fixed cost that a small N pays in full."""
    folder = work / "start-up"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    smallest = min(sources, key=lambda s: s.stat().st_size)
    shutil.copy(smallest, folder / smallest.name)
    for old in work.glob("start-up.db*"):
        old.unlink()
    seconds = ingest(folder, work / "start-up.db", jobs, extra)[0]
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def main() -> None:
    """Print one row per N."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "corpus")], help="PDF files or folders to copy")
    parser.add_argument("--n", type=int, nargs="+", default=[25, 100, 400, 2000], help="numbers of files")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", default=None, help="folder for the copies and databases (default: a temp folder)")
    parser.add_argument("--ingest-arg", action="append", default=[], help="extra argument for agendapack ingest")
    args = parser.parse_args()
    sources = collect_pdfs(tuple(args.paths))
    work = Path(args.work or tempfile.mkdtemp(prefix="agendapack-scale-"))
    print(f"{len(sources)} source files, --jobs {args.jobs}, work in {work}")
    start_up = start_up_seconds(sources, work, args.jobs, args.ingest_arg)
    print(f"start-up (an ingest of the smallest source alone): {start_up:.1f} s; 'net' leaves it out")
    print(f"{'N':>6} {'pages':>7} {'seconds':>8} {'files/s':>8} {'net f/s':>8} {'pages/s':>8} {'writer MiB':>10} "
          f"{'tree MiB':>9} exit")
    for n in args.n:
        folder = work / f"n{n}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        pages = make_copies(sources, n, folder)
        db = work / f"n{n}.db"
        for old in work.glob(f"n{n}.db*"):
            old.unlink()
        seconds, writer, tree, code = ingest(folder, db, args.jobs, args.ingest_arg)
        print(f"{n:>6} {pages:>7} {seconds:>8.1f} {n / seconds:>8.2f} {n / max(seconds - start_up, 1e-3):>8.2f} "
              f"{pages / seconds:>8.1f} "
              f"{writer / 2**20:>10.0f} {tree / 2**20:>9.0f} {code}", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    print("indicative: one run on a shared machine; compare writer MiB across N, and files/s (net of start-up) "
          "from N = 100 up")


if __name__ == "__main__":
    main()
