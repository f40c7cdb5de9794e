"""Movers and seconders against the gold files that record them (run by hand; the scorer does not score them).

    .venv/bin/python bench/movers.py GOLD.json [GOLD.json ...] [--db DB] [--corpus DIR ...]

Without --db, the PDFs the gold files name (beside them or under --corpus) are ingested into a scratch
database first. Stored votes and resolutions are matched to gold ones (same minute number, then the same
counts or similar text), and the mover and seconder compared on the name without its title, so a gold
"Plowden" is a stored "Councillor Plowden". Only gold entries carrying moved_by/seconded_by are judged.
Precision: right names / names stored on judged entries (a stored name where gold has none is wrong).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.rules import pattern  # noqa: E402

FIELDS = (("moved_by", "mover"), ("seconded_by", "seconder"))


def bare(name: str | None) -> str:
    """A name without its titles, casefolded ('Councillor Plowden' -> 'plowden')."""
    text = " ".join((name or "").split())
    title = re.compile(rf"^{pattern('votes', 'mover_title').pattern}\s+", re.IGNORECASE)
    while True:
        shorter = title.sub("", text, count=1)
        if shorter == text:
            break
        text = shorter
    return text.strip(" .,").casefold()


def same_name(gold: str, stored: str) -> bool:
    g, s = bare(gold), bare(stored)
    return bool(g) and (g == s or (" " not in g and s.split()[-1:] == [g]))


def norm_number(n) -> str:
    return re.sub(r"\s+", " ", str(n or "")).strip().strip("().").casefold()


def similar(a, b) -> float:
    return difflib.SequenceMatcher(None, (a or "").casefold(), (b or "").casefold()).ratio()


def pairs(gold: list[dict], stored: list[dict], score) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching by score (None: no match)."""
    cands = sorted(((s, i, j) for i, g in enumerate(gold) for j, p in enumerate(stored)
                    if (s := score(g, p)) is not None), reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], stored[j]))
    return out


def vote_score(g: dict, p: dict) -> float | None:
    if norm_number(g.get("minute_number")) != norm_number(p["minute_number"]):
        return None
    counts = (g.get("for"), g.get("against"), g.get("abstain")) == (p["for_count"], p["against_count"], p["abstain_count"])
    sim = similar(g.get("subject"), p["subject"])
    return (1.0 if counts else 0.0) + sim if counts or sim >= 0.6 else None


def resolution_score(g: dict, p: dict) -> float | None:
    if norm_number(g.get("minute_number")) != norm_number(p["minute_number"]):
        return None
    sim = similar(g.get("text"), p["text"])
    return sim if sim >= 0.8 else None


def judge(matched: list[tuple[dict, dict]], judged_gold: int) -> dict:
    stored = right = gold_names = 0
    wrong: list[str] = []
    for g, p in matched:
        for gk, pk in FIELDS:
            if p[pk]:
                stored += 1
                if g.get(gk) and same_name(g[gk], p[pk]):
                    right += 1
                else:
                    wrong.append(f"{p['minute_number']} {pk}: stored {p[pk]!r}, gold {g.get(gk)!r}")
    gold_names = judged_gold
    return {"gold": gold_names, "stored": stored, "right": right, "wrong": wrong}


def score_document(db: sqlite3.Connection, gold: dict) -> dict[str, dict] | None:
    doc = db.execute("select id from documents where filename = ? order by id desc", (gold["file"],)).fetchone()
    if not doc:
        return None
    minutes = gold.get("minutes") or {}
    out = {}
    for kind, table, score in (("votes", "votes", vote_score), ("resolutions", "resolutions", resolution_score)):
        judged = [g for g in minutes.get(kind, []) if "moved_by" in g or "seconded_by" in g]
        if not judged:
            continue
        stored = [dict(r) for r in db.execute(f"select * from {table} where document_id = ?", (doc["id"],))]
        names = sum(1 for g in judged for gk, _ in FIELDS if g.get(gk))
        out[kind] = judge(pairs(judged, stored, score), names)
    return out


def pdf_for(gold_path: Path, name: str, corpora: list[Path]) -> Path | None:
    beside = gold_path.with_name(name)
    if beside.exists():
        return beside
    return next((p for c in corpora for p in c.rglob(name)), None)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("golds", nargs="+", type=Path)
    ap.add_argument("--db")
    ap.add_argument("--corpus", nargs="*", type=Path, default=[ROOT / ".." / "shared" / "corpus", ROOT / "corpus"])
    ap.add_argument("--wrong", action="store_true", help="list every wrong name")
    a = ap.parse_args(argv)
    golds = {g: json.loads(g.read_text()) for g in a.golds}
    db_path = a.db
    if not db_path:
        db_path = str(Path(tempfile.mkdtemp()) / "movers.db")
        pdfs = sorted({str(p) for g, d in golds.items() if (p := pdf_for(g, d["file"], a.corpus))})
        subprocess.run([str(Path(sys.executable).with_name("agendapack")), "ingest", *pdfs, "--db", db_path, "--quiet"],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    print(f"{'document':52} {'kind':11} {'gold':>4} {'stored':>6} {'right':>5} {'P':>5} {'R':>5}")
    total = {"gold": 0, "stored": 0, "right": 0}
    for g, gold in golds.items():
        res = score_document(db, gold)
        if res is None:
            print(f"{g.name[:52]:52} not in the database")
            continue
        for kind, r in res.items():
            p = r["right"] / r["stored"] if r["stored"] else 1.0
            rc = r["right"] / r["gold"] if r["gold"] else 1.0
            print(f"{Path(gold['file']).stem[:52]:52} {kind:11} {r['gold']:4} {r['stored']:6} {r['right']:5} {p:5.2f} {rc:5.2f}")
            for k in total:
                total[k] += r[k]
            if a.wrong:
                for w in r["wrong"]:
                    print("    wrong:", w)
    p = total["right"] / total["stored"] if total["stored"] else 1.0
    rc = total["right"] / total["gold"] if total["gold"] else 1.0
    print(f"{'all':52} {'':11} {total['gold']:4} {total['stored']:6} {total['right']:5} {p:5.2f} {rc:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
