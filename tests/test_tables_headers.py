"""Header rows told apart from data rows, and tables ruled only across (booktabs, dotted rules
between rows) read with their columns from the alignment of their text. Cells are as printed
(read by eye from the pages at 70 dpi)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import DEV, needs_shared

from pipeline.extract.tables import build_tables
from pipeline.layout import find_pages
from pipeline.read import read_pdf

WECA = "uk_weca/WECA_Committee_2026-06-05_"
QUARTERS = ("Approved budget £000s", "Current Budget £000s", "Q1 Forecast £000s", "Q2 Forecast £000s",
            "Q3 Forecast £000s", "Outturn £000s")


def _tables(path: Path, pages: int | None = None):
    return build_tables(find_pages(list(read_pdf(path, max_pages=pages))))


def _booktabs(path: Path, dotted: bool) -> Path:
    """A page with a title, a paragraph and a table ruled only across: a rule above, one under the
    plain (not bold) header and one below; with dotted rules between rows, one label wrapped."""
    ops = ["BT /F2 12 Tf 72 760 Td (Table 3: Revenue budget by service) Tj ET",
           "BT /F1 10 Tf 72 730 Td (The table below sets the forecast against the budget for each service.) Tj ET"]

    def text(x: float, y: float, s: str, right: bool) -> None:
        x0 = x - len(s) * 5.0 if right else x  # figures set flush right, about 5 pt each at 9 pt
        s = s.replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 9 Tf {x0:.1f} {y} Td ({s}) Tj ET")

    xs = [72, 310, 390, 470]
    rows = [["Service area", "Budget", "Forecast", "Variance"], ["Adult social care", "12,400", "12,950", "550"],
            ["Children's services", "8,120", "7,980", "(140)"], ["Highways", "3,305", "3,410", "105"],
            ["Libraries", "1,020", "1,020", "0"], ["Total", "24,845", "25,360", "515"]]
    y = 700
    ops.append(f"0.8 w 72 {y + 12} m 470 {y + 12} l S")
    for k, row in enumerate(rows):
        for i, cell in enumerate(row):
            text(xs[i], y, cell, i > 0)
        if dotted and row[0] == "Highways":
            y -= 11
            text(xs[0], y, "and transport", False)
        if k == 0:
            ops.append(f"0.4 w 72 {y - 5} m 470 {y - 5} l S")
        elif dotted and k < len(rows) - 1:
            ops.append(f"[1 2] 0 d 0.3 w 72 {y - 5} m 470 {y - 5} l S [] 0 d")
        y -= 18
    ops.append(f"0.8 w 72 {y + 12} m 470 {y + 12} l S")
    ops.append(f"BT /F1 10 Tf 72 {y - 20} Td (Variances over 500 are explained in the paragraphs below.) Tj ET")
    pdf = pikepdf.new()
    font = lambda name: pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,  # noqa: E731
                                           BaseFont=pikepdf.Name(name))
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font("/Helvetica"), F2=font("/Helvetica-Bold")))
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Resources=resources,
        Contents=pdf.make_stream("\n".join(ops).encode("latin-1")))))
    pdf.save(path)
    return path


@pytest.mark.parametrize("dotted", [False, True], ids=["booktabs", "dotted"])
def test_table_ruled_only_across_reads_plain_header_and_rows(tmp_path, dotted):
    (table,) = _tables(_booktabs(tmp_path / "t.pdf", dotted))
    assert table.caption == "Table 3: Revenue budget by service"
    assert table.header == ("Service area", "Budget", "Forecast", "Variance")  # not bold, yet a header
    assert table.rows[0] == ("Adult social care", "12,400", "12,950", "550")
    assert table.rows[1][3] == "(140)"
    assert table.rows[2] == ("Highways and transport" if dotted else "Highways", "3,305", "3,410", "105")
    assert table.rows[-1] == ("Total", "24,845", "25,360", "515") and len(table.rows) == 5


@needs_shared
def test_plain_label_row_over_figures_is_the_header():
    # Investment fund p4, Figure 1: the first label sits outside the boxes, the row is not bold
    fig1 = next(t for t in _tables(DEV / f"{WECA}Investment_fund_report_pack.pdf", 4) if t.page == 4)
    assert fig1.header == ("Funding Awards and Allocations £000s", "Mar 26", "Jun 26")
    assert fig1.rows[:2] == (("Transport Infrastructure", "", ""), ("Approved Awards and Allocations", "163,875", "163,875"))


@needs_shared
def test_rows_ruled_without_column_rules_read_by_alignment_under_their_header():
    found = {(t.page, t.header[0] if t.header else ""): t
             for t in _tables(DEV / f"{WECA}Budget_outturn_report_pack.pdf", 19)}
    # p2 Figure 1: the shaded header above the ruled rows is the header, not the caption
    fig1 = found[(2, "Revenue Budget")]
    assert fig1.caption == "Figure 1: Revenue Outturn Summary"
    assert fig1.header == ("Revenue Budget", *QUARTERS, "Outturn vs Current Budget %")
    assert fig1.rows[0] == ("Delivery Sub Total", "134,708", "140,591", "132,069", "131,283", "123,648", "117,940", "84%")
    assert fig1.rows[-1] == ("(Surplus) / Deficit", "-", "-", "-", "-", "-", "-", "0%")
    # p18: a shaded column boxed alone; the total rows set apart below stay in the table
    costs = found[(18, "Expenditure Category")]
    assert costs.caption == "Appendix 1: Breakdown by Cost Category"
    assert costs.rows[0] == ("Employee Costs", "23,457", "23,916", "23,667", "23,767", "24,244", "24,438", "102%")
    assert costs.rows[-1] == ("Net Expenditure", "173,889", "181,990", "174,275", "178,731", "172,115", "174,026", "96%")
    assert found[(18, "Income Category")].caption is None  # the bold total row above is no caption
    # p19 Appendix 2: dotted rules between rows, 8 columns (stored as 3 before)
    grants = found[(19, "Revenue Grants")]
    assert grants.caption == "Appendix 2: Revenue Grants"
    assert len(grants.header) == 8 and grants.header[2:7] == QUARTERS[1:]
    assert grants.rows[0] == ("Active Travel Fund", "130", "265", "792", "837", "694", "43", "16%")
    assert grants.rows[7][0] == "Central West of England Nature Partnership (WENP)"
    assert grants.rows[7][6:] == ("(0)", "(0%)")
    assert len(grants.rows) == 43


def test_rules_drawn_cell_by_cell_without_column_rules_make_a_table():
    # Strathcairn minute p1, item 3: a bold header over a rule, rules between rows, no rule between
    # columns, each rule drawn as one short bar per column; the page is set in two columns
    pdf = Path(__file__).parents[1] / "corpus" / "typeset" / "Strathcairn_Council_Education_2024-06-04_minute.pdf"
    (table,) = [t for t in _tables(pdf, 1) if t.header]
    assert table.header == ("Service area", "Budget £m", "Projected £m", "Variance £m")
    assert table.rows[1] == ("Secondary schools", "52.75", "52.69", "(0.06)")
    assert table.rows[-1] == ("Total", "136.35", "137.49", "1.14") and len(table.rows) == 5
