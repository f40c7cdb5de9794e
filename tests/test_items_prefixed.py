"""Minute numbers that carry the body's letters before a year's count ('MM 112/24'), as Irish councils print them."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import process_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_prefixed_year_minute_numbers_make_the_minute_items():
    """Carrigdown (corpus/typeset, set 6): 'MM 112/24' to 'MM 122/24' in a left column."""
    doc = process_file(str(CORPUS / "typeset" / "Carrigdown_CoCo_2024-10-14_minutes.pdf"))
    numbers = [c.number for s in doc.sections if s.kind == "minutes" for c in s.children]
    assert numbers == [f"MM {n}/24" for n in range(112, 123)]
