"""The project's top-level gold files, scored with the shared corpus's own scoring tool."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import GOLD, SHARED, gold_pdf

SCORE = SHARED / "tools" / "score.py"

# What this stage of the pipeline must reach on every gold file that speaks of it.
THRESHOLDS = {
    "documents": 0.95, "agenda_items": 0.95, "minute_items": 0.95, "meeting": 0.95, "members": 0.95,
    "attendees": 0.95, "resolutions": 0.95, "votes": 0.95, "acronyms": 0.95, "tables": 0.97,
}


def _scorer():
    """The shared scoring tool, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCORE.exists(), reason=f"the shared scoring tool is not at {SCORE} (set AGENDAPACK_SHARED)")
@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.gold.json")), ids=lambda p: p.name.split(".")[0])
def test_structure_scores(gold_db, gold):
    if gold_pdf(gold) is None:
        pytest.skip(f"{gold.name}: its PDF is neither bundled nor in the shared corpus")
    data = json.loads(gold.read_text())
    results = {s.name: s for s in _scorer().evaluate(str(gold_db), data, data["file"])}
    checked = {name: results[name] for name in THRESHOLDS if name in results}
    assert checked, "the gold file speaks of none of the scored kinds"
    low = {name: round(s.f1, 3) for name, s in checked.items() if s.f1 < THRESHOLDS[name]}
    assert not low, f"below threshold: {low}; missed {[m for s in checked.values() for m in s.missed]}"
