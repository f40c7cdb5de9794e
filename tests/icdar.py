"""The ICDAR 2013 table competition's cell-adjacency measure (Göbel et al. 2013), as a test helper.

A table is a grid of cells; each non-blank cell is related to the nearest non-blank cell to its
right in the same grid row and to the nearest non-blank cell below it in the same grid column
(a cell spanning several rows or columns is related from every row or column it covers).
Relations are compared by the cells' normalised content; precision, recall and F1 are taken
over the relations of all the tables of a document (a spurious table costs precision).

One adaptation: agendapack stores one header label per column (DATA-MODEL: a spanning label is
joined with the label under it), so a multi-level header in the ground truth (leading rows
holding a cell that spans columns, down to the row of labels under them) is flattened the same
way before its relations are taken. A single header row is compared as it is.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.table_parts import flatten_header

Relation = tuple[str, str, str]  # (from content, to content, "h" or "v")


def norm(text: str | None) -> str:
    """Content as the competition compares it: Unicode-normalised, quotes and dashes unified, no whitespace."""
    t = unicodedata.normalize("NFKC", text or "")
    t = re.sub(r"[\u2018\u2019]", "'", re.sub(r"[\u201c\u201d]", '"', t))
    t = re.sub(r"[\u2010-\u2015\u2212]", "-", t)
    return re.sub(r"\s+", "", t)


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    end_row: int
    end_col: int
    text: str


def relations(cells: list[Cell]) -> set[Relation]:
    """Each non-blank cell with its nearest non-blank neighbour to the right and below, by content."""
    cells = [c for c in cells if norm(c.text)]
    if not cells:
        return set()
    rows, cols = max(c.end_row for c in cells) + 1, max(c.end_col for c in cells) + 1
    grid: list[list[Cell | None]] = [[None] * cols for _ in range(rows)]
    for c in cells:
        for r in range(c.row, c.end_row + 1):
            for k in range(c.col, c.end_col + 1):
                grid[r][k] = c
    found: set[Relation] = set()
    for r in range(rows):
        line = [c for c in grid[r] if c is not None]
        found |= {(norm(a.text), norm(b.text), "h") for a, b in zip(line, line[1:]) if a is not b}
    for k in range(cols):
        line = [grid[r][k] for r in range(rows) if grid[r][k] is not None]
        found |= {(norm(a.text), norm(b.text), "v") for a, b in zip(line, line[1:]) if a is not b}
    return found


def _header_depth(cells: list[Cell]) -> int:
    """Rows in a multi-level header: the leading rows that hold a cell spanning columns, and the row under them."""
    top = min(c.row for c in cells)
    depth = 0
    while any(c.row == top + depth and c.end_col > c.col for c in cells):
        depth += 1
    return depth + 1 if depth else 0


def _flatten_truth(cells: list[Cell]) -> list[Cell]:
    """A multi-level header flattened into one row of labels, as agendapack stores headers."""
    depth = _header_depth(cells)
    if not depth:
        return cells
    top = min(c.row for c in cells)
    head = [c for c in cells if c.row < top + depth]
    width = max(c.end_col for c in cells) + 1
    grid: list[list[str | None]] = [[""] * width for _ in range(depth)]
    for c in head:
        for r in range(c.row - top, min(c.end_row - top, depth - 1) + 1):
            for k in range(c.col, c.end_col + 1):
                # None continues a cell spanning columns (flatten_header carries it); rows below it are blank
                grid[r][k] = (c.text if k == c.col else None) if r == c.row - top else ""
    labels = flatten_header(grid)
    return _header_cells(labels, top + depth - 1) + [c for c in cells if c.row >= top + depth]


def _header_cells(labels, row: int) -> list[Cell]:
    """Header labels as cells; neighbouring equal labels are one spanning cell (a label no sub-label splits)."""
    out: list[Cell] = []
    for k, label in enumerate(labels):
        if out and label and norm(out[-1].text) == norm(label):
            out[-1] = Cell(row, out[-1].col, row, k, label)
        else:
            out.append(Cell(row, k, row, k, label))
    return out


def truth_relations(xml: Path) -> set[Relation]:
    """The relations of every table of an ICDAR 2013 `*-str.xml` ground truth."""
    found: set[Relation] = set()
    for region in ET.parse(xml).getroot().iter("region"):
        cells = []
        for c in region.iter("cell"):
            row, col = int(c.get("start-row")), int(c.get("start-col"))
            cells.append(Cell(row, col, int(c.get("end-row") or row), int(c.get("end-col") or col),
                              c.findtext("content") or ""))
        found |= relations(_flatten_truth(cells))
    return found


def table_relations(header, rows) -> set[Relation]:
    """The relations of a stored table (header labels, then rows of cells)."""
    cells = _header_cells(list(header), 0) if any(header) else []
    start = 1 if cells else 0
    cells += [Cell(start + i, k, start + i, k, text) for i, row in enumerate(rows) for k, text in enumerate(row)]
    return relations(cells)


def stored_relations(tables) -> set[Relation]:
    """The relations of a document's stored tables: `pdf_tables` rows (JSON header and rows) or Table objects."""
    found: set[Relation] = set()
    for t in tables:
        header = t["header"] if isinstance(t, dict) or hasattr(t, "keys") else t.header
        rows = t["rows"] if isinstance(t, dict) or hasattr(t, "keys") else t.rows
        found |= table_relations(json.loads(header or "[]") if isinstance(header, str) else header,
                                 json.loads(rows or "[]") if isinstance(rows, str) else rows)
    return found


def score(truth: set[Relation], got: set[Relation]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the found relations against the ground truth's."""
    hit = len(truth & got)
    p = hit / len(got) if got else 0.0
    r = hit / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if hit else 0.0)
