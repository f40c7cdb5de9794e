"""Build a national-scale database (about a million pages) from an ingested database's own rows, fast.

    .venv/bin/python bench/bigdb.py SOURCE.db BIG.db [--pages 1000000]

Copies every row of SOURCE.db over and over, each copy with its ids shifted (foreign keys
shifted with them), its documents' sha256 made unique and its meetings moved back a week per
copy, so the copies read as other meetings over the years, until BIG.db holds about --pages pages.
The full-text indexes and the meeting labels are filled by the schema's own triggers. Run by hand.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.store import open_db  # noqa: E402

# column -> the table whose ids it holds (own = the table itself)
REFERENCES = {"id": "own", "meeting_id": "meetings", "document_id": "documents", "section_id": "sections",
              "vote_id": "votes", "replaces_id": "documents", "parent_id": "own"}
TABLES = ("meetings", "documents", "pages", "sections", "agenda_items", "members", "attendees", "resolutions",
          "votes", "vote_records", "acronyms", "pdf_tables", "problems")


def _expression(table: str, column: str, strides: dict) -> str:
    if column == "sha256":
        return "sha256 || '-' || :k"
    if table == "meetings" and column == "date":
        return "date(date, '-' || (7 * :k) || ' days')"
    target = REFERENCES.get(column)
    if target is None or (column == "id" and table == "pages"):
        return f"[{column}]"
    stride = strides[table if target == "own" else target]
    return f"[{column}] + :k * {stride}"


def main() -> None:
    """Copy SOURCE's rows into BIG until it holds about --pages pages."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("big")
    ap.add_argument("--pages", type=int, default=1_000_000)
    args = ap.parse_args()
    big = Path(args.big)
    for suffix in ("", "-wal", "-shm"):
        Path(str(big) + suffix).unlink(missing_ok=True)
    shutil.copy(args.source, big)
    open_db(big).conn.close()  # bring the copy's schema up to date (migrations)
    conn = sqlite3.connect(big, isolation_level=None)
    conn.execute("pragma journal_mode = off")
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -400000")
    conn.execute("attach ? as src", [args.source])
    strides = {t: (conn.execute(f"select max(rowid) from src.[{t}]").fetchone()[0] or 0) + 1 for t in TABLES}
    per_copy = conn.execute("select count(*) from src.pages").fetchone()[0]
    copies = max(0, -(-args.pages // max(per_copy, 1)) - 1)
    selects = {}
    for t in TABLES:
        src_cols = [r[1] for r in conn.execute(f"pragma src.table_info([{t}])")]
        cols = [c for c in src_cols if c in {r[1] for r in conn.execute(f"pragma main.table_info([{t}])")}]
        selects[t] = (f"insert into main.[{t}] ({', '.join(f'[{c}]' for c in cols)}) "
                      f"select {', '.join(_expression(t, c, strides) for c in cols)} from src.[{t}]")
    start = time.perf_counter()
    for k in range(1, copies + 1):
        conn.execute("begin")
        for t in TABLES:
            conn.execute(selects[t], {"k": k})
        conn.execute("commit")
        if k % 50 == 0 or k == copies:
            print(f"copy {k}/{copies}: ~{(k + 1) * per_copy:,} pages, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr, flush=True)
    conn.execute("analyze")
    conn.close()
    print(f"{big}: {(copies + 1) * per_copy:,} pages, {big.stat().st_size / 2**30:.1f} GiB, "
          f"{time.perf_counter() - start:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
