"""Glossary rows keep the acronym's expansion, not the definition printed after it."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from conftest import SHARED

from pipeline.cli import cli
from pipeline.extract.acronyms import expansion, glossary_entries
from pipeline.models import Line, Word

GLOSSARY = SHARED / "corpus" / "dev" / "released" / "KCC_Appendix2_Glossary_of_Terms_2024-25.pdf"


@pytest.mark.parametrize(("short", "meaning", "expected"), [
    # A dash after the words whose initials spell the acronym opens the definition.
    ("CPI", "Consumer Price Index - the measure of inflation targeted by the Monetary Policy Committee.",
     "Consumer Price Index"),
    ("DMO", "Debt Management Office \u2013 an executive agency of HM Treasury", "Debt Management Office"),
    # So does a comma.
    ("IFRS", "International Financial Reporting Standards, the set of accounting rules in use",
     "International Financial Reporting Standards,"),
    # A full stop then a sentence, as before.
    ("CFR", "Capital Financing Requirement. A council\u2019s underlying need to hold debt for capital purposes",
     "Capital Financing Requirement."),
    # Initials that do not spell it word by word ('interbank'): the words before the dash hold its letters in order.
    ("LIBID", "London interbank bid rate - the benchmark interest rate at which banks bid", "London interbank bid rate"),
    # No break: the printed meaning is kept whole.
    ("LOBO", "Lender\u2019s Option Borrower\u2019s option", "Lender\u2019s Option Borrower\u2019s option"),
    ("SONIA", "Based on actual transactions and reflects the average of the interest rates",
     "Based on actual transactions and reflects the average of the interest rates"),
    ("ICB", "Integrated Care Board for the county", "Integrated Care Board for the county"),
    # Words before a dash that do not hold the acronym's letters are not its long form.
    ("CPI", "Measure of prices - the index used", "Measure of prices - the index used"),
])
def test_expansion_stops_at_the_definition(short, meaning, expected):
    assert expansion(short, meaning) == expected


def _row(texts_at: list[tuple[str, float]], row: float) -> Line:
    """A line of words placed at the given x positions, row `row` of page 1 (11 pt, 13 pt apart)."""
    words, top = [], 100 + 13 * row
    for text, x in texts_at:
        for j, w in enumerate(text.split()):
            x0 = x + 30 * j
            words.append(Word(w, x0, x0 + 25, top, top + 11, 11, "Arial", False))
    return Line(1, " ".join(t for t, _ in texts_at), words[0].x0, words[-1].x1, top, top + 11, 11, False, "Arial",
                words=tuple(words))


def _glossary() -> list[Line]:
    # Rows sit two line-steps apart; a wrapped cell continues one step down.
    return [
        _row([("CPI", 72), ("Consumer Price Index - the measure of inflation", 160)], 0),
        _row([("Floating rate", 72), ("Bond where the interest rate changes at set", 160)], 2),
        _row([("note (FRN)", 72), ("intervals linked to a market variable", 160)], 3),
        _row([("GDP", 72), ("Gross domestic product \u2013 the value of output", 160)], 5),
        _row([("Counterparty", 72), ("The other party to a loan", 160)], 7),
        _row([("limit (XYZ)", 72), ("A made-up row whose bracket does not spell its words", 160)], 8),
        _row([("MRP", 72), ("Minimum Revenue Provision \u2013 an annual amount", 160)], 10),
    ]


def test_glossary_rows_and_a_wrapped_term_cell_with_its_acronym_in_brackets():
    found = {a: m for a, m, _ in glossary_entries(_glossary())}
    assert found == {"CPI": "Consumer Price Index", "GDP": "Gross domestic product",
                     "MRP": "Minimum Revenue Provision", "FRN": "Floating rate note"}


def test_a_term_cell_is_not_joined_across_a_row_gap():
    lines = _glossary()
    # "note (FRN)" moved down a row: it is its own row, and "note" alone does not spell FRN.
    lines[2] = _row([("note (FRN)", 72), ("intervals linked to a market variable", 160)], 4)
    assert "FRN" not in {a for a, _, _ in glossary_entries(lines)}


@pytest.mark.skipif(not GLOSSARY.exists(), reason="shared corpus (KCC glossary) not available")
def test_treasury_glossary_keeps_expansions(tmp_path):
    db = tmp_path / "g.db"
    result = CliRunner().invoke(cli, ["ingest", str(GLOSSARY), "--db", str(db), "--quiet", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT acronym, meaning, source FROM acronyms").fetchall()
    got = {(a, m): s for a, m, s in rows}
    assert got[("CPI", "Consumer Price Index")] == "glossary"
    assert got[("IFRS", "International Financial Reporting Standards")] == "glossary"
    assert got[("LIBOR", "London interbank offer rate")] == "glossary"
    assert got[("FRN", "Floating rate note")] == "glossary"
    # Defined inside a glossary meaning: "... Constant Net Asset Value (CNAV) ...".
    assert got[("CNAV", "Constant Net Asset Value")] == "inline"
    # No expansion printed: the definition is the meaning.
    assert any(a == "SONIA" and m.startswith("Based on actual transactions") for a, m in got)
    # The glossary's own term is not taken again from the PWLB meaning's "(DMO)".
    assert [s for (a, _), s in got.items() if a == "DMO"] == ["glossary"]
    assert not any(" - " in m or " \u2013 " in m for (_, m) in got)
