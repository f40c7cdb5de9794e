"""Benchmark: p50 and p95 response times of every page type of the site, over a (big) database.

    .venv/bin/python bench/site.py BIG.db [--rounds 3]

Starts `agendapack serve` on the database (with the settings it ships with), asks each page type
for a sample of real addresses (meetings, people and words taken from the database) a few rounds
over, and prints per page type: requests, p50 and p95 in milliseconds, and any status not 200.
Build a national-scale database first with bench/bigdb.py. Run by hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["budget", "council tax", "meningitis vaccine", "budget 2025-26", "co-operation", "mortality", "school*",
         '"capital programme"', "highways OR transport", "£1,530.9m"]


def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def addresses(db_path: str, n: int, seed: int = 1) -> dict[str, list[str]]:
    """Page type -> a sample of real addresses on the database."""
    rnd = random.Random(seed)
    c = sqlite3.connect(db_path)
    db = Path(db_path).stem
    top = lambda sql: [r[0] for r in c.execute(sql)]  # noqa: E731
    max_meeting = c.execute("select max(id) from meetings").fetchone()[0]
    meetings = [rnd.randint(1, max_meeting) for _ in range(n)]
    names = top("select lower(trim(name)) from attendees where rowid in "
                f"(select abs(random()) % (select max(rowid) from attendees) from attendees limit {n * 3}) limit {n}")
    body, = c.execute("select body from meetings where body is not null limit 1").fetchone()
    max_resolution = c.execute("select max(id) from resolutions").fetchone()[0]
    q = urllib.parse.quote
    words = WORDS[:n]
    return {
        "home": ["/"],
        "decision search": [f"/decisions?q={q(w)}" for w in words] + ["/decisions", "/decisions?q=budget&date=2024",
                                                                       f"/decisions?q=report&body={q(body)}"],
        "decision search (canned query)": [f"/{db}/search_decisions?q={q(w)}" for w in words[:3]],
        "meeting page": [f"/meeting/{m}" for m in meetings],
        "person page": [f"/person/{q(name)}" for name in names],
        "search everything": [f"/search?q={q(w)}" for w in words],
        "table page with facets": [f"/{db}/{t}" for t in ("meetings", "documents", "resolutions", "attendees", "votes",
                                                           "sections", "acronyms", "problems", "pdf_tables")]
        + [f"/{db}/pages?_search=budget", f"/{db}/resolutions?_search=budget"],
        "row page": [f"/{db}/resolutions/{rnd.randint(1, max_resolution)}" for _ in range(n)],
        "atom feed": [f"/{db}/newest_resolutions.atom", f"/{db}/search_decisions_feed.atom?q=budget"],
    }


def fetch(url: str) -> tuple[float, int]:
    """Seconds to read the whole response, and its status."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return time.perf_counter() - start, status


def main() -> None:
    """Serve the database, time every page type, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sample", type=int, default=10, help="addresses per page type")
    args = ap.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--db", args.db, "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        pages = addresses(args.db, args.sample)
        for paths in pages.values():  # warm the page cache once, as a running server would be
            for p in paths:
                fetch(base + p)
        print(f"{'page type':32} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}  slowest / errors")
        for kind, paths in pages.items():
            times, slow, errors = [], (0.0, ""), []
            for _ in range(args.rounds):
                for p in paths:
                    t, status = fetch(base + p)
                    times.append(t)
                    slow = max(slow, (t, p))
                    if status != 200:
                        errors.append(f"{status} {p}")
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"{kind:32} {len(times):8} {statistics.median(times) * 1000:8.0f} {p95 * 1000:8.0f}  "
                  f"{slow[0] * 1000:.0f} ms {slow[1]}" + (f"; errors: {sorted(set(errors))}" if errors else ""))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
