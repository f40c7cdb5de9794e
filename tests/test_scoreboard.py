"""Every gold file at once, with the shared scoreboard: the development set, the project's held-out sets
and the sets of documents the project typesets itself (`corpus/typeset/`).

A change that raises one gold file and lowers another shows here: the floors are the levels
reached when they were set, less a small margin, per set and per document.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
SCOREBOARD = SHARED / "tools" / "scoreboard.py"
HELD_OUT = sorted(p for p in (ROOT / "tests" / "gold").glob("heldout*") if p.is_dir())
TYPESET = sorted(p for p in (ROOT / "tests" / "gold").glob("typeset*") if p.is_dir())
SETS = HELD_OUT + TYPESET

pytestmark = pytest.mark.skipif(not SCOREBOARD.exists(), reason=f"the shared scoreboard is not at {SCOREBOARD}")

# (mean macro F1, lowest document) each set must keep.
FLOORS = {"shared": (0.95, 0.90), "heldout": (0.93, 0.80), "heldout2": (0.93, 0.85),
          "heldout3": (0.78, 0.55), "heldout4": (0.90, 0.85),
          # Typeset by the project: sets 1 and 3 were developed on; set 2 was measured once as a held-out set
          # (0.596, 2026-11-29) and is now developed on too (0.931, worst 0.667, when this floor was set).
          "typeset": (0.95, 0.90), "typeset3": (0.93, 0.80), "typeset2": (0.97, 0.95),
          # Set 4 is held out like set 2: measured once when its gold was final (mean 0.401, worst 0.104).
          # (Not tuned on since; after the work on sets 2, 5 and 6 of 2026-11-30 it measures 0.582, worst 0.361.)
          "typeset4": (0.56, 0.34),
          # Set 5 is for development: measured once when its gold was final (mean 0.652, worst 0.331);
          # front-sheet members, meeting fields and the agenda page kept as agenda: mean 0.800, worst 0.402;
          # columns read one after the other, votes said in sentences, Scottish attendance, word spaces kept in
          # table cells, rosters, decisions told after their motion: mean 0.978, worst 0.926.
          "typeset5": (0.96, 0.90),
          # Set 6 was held out: measured once when its gold was final (2026-11-30: mean 0.486, worst 0.114);
          # now developed on: decisions under a dash, movers under the motion, 'moved and seconded THAT', minute numbers
          # with the body's letters ('MM 112/24'), counts closing names over lines, bilingual columns, 'Held Monday, ...': 0.722.
          "typeset6": (0.70, 0.26)}


@pytest.fixture(scope="module")
def board(tmp_path_factory) -> dict[str, float]:
    """Macro F1 per gold file, every gold file ingested and scored in one run."""
    db = tmp_path_factory.mktemp("board") / "board.db"
    agendapack = Path(sys.executable).with_name("agendapack")
    out = subprocess.run(
        [sys.executable, str(SCOREBOARD), "--ingest", str(agendapack), "--db", str(db), "--json", "--jobs", "2",
         *map(str, SETS), str(ROOT / "corpus" / "typeset"), str(SHARED / "corpus")],
        capture_output=True, text=True, check=True,
    ).stdout
    return {r["gold"]: r["macro"] for r in json.loads(out)["rows"] if "macro" in r}


def _set_of(name: str) -> str:
    return next((d.name for d in SETS if (d / f"{name}.gold.json").exists()), "shared")


@pytest.mark.parametrize("which", sorted(FLOORS))
def test_scoreboard_floors(board, which):
    scores = {name: f1 for name, f1 in board.items() if _set_of(name) == which}
    assert scores, f"no gold files scored for {which}"
    mean, lowest = FLOORS[which]
    assert sum(scores.values()) / len(scores) >= mean, scores
    assert min(scores.values()) >= lowest, {n: f for n, f in scores.items() if f < lowest}
