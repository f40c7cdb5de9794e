"""Tables ruled only across (booktabs: a rule above, one under the header, one below; or a rule
between every row) with no rules between columns: rows from the rules, columns from the gutters
that no line of text crosses."""

from __future__ import annotations

import pdfplumber

from .models import RawTable

MIN_RULE = 60.0  # a rule across a table, not an underline
ROW_GAP = 60.0  # rules further apart than this hold a paragraph, not a row


def rules_across_tables(page) -> list[RawTable]:
    """Tables drawn with horizontal rules of one width and no vertical rule between them."""
    groups: dict[tuple[int, int], list[dict]] = {}
    for e in _joined(page.edges):
        if e["width"] >= MIN_RULE:
            key = next((k for k in groups if abs(k[0] - e["x0"]) <= 2 and abs(k[1] - e["x1"]) <= 2),
                       (round(e["x0"]), round(e["x1"])))
            groups.setdefault(key, []).append(e)
    found = []
    for rules in groups.values():
        ys = sorted({round(e["top"], 1) for e in rules})
        runs: list[list[float]] = []
        for y in ys:
            if runs and y - runs[-1][-1] <= 1.0:
                continue  # a double rule
            if runs and y - runs[-1][-1] <= ROW_GAP:
                runs[-1].append(y)
            else:
                runs.append([y])
        x0, x1 = min(e["x0"] for e in rules), max(e["x1"] for e in rules)
        for run in runs:
            table = _table(page, x0, x1, run) if len(run) >= 3 else None
            if table:
                found.append(table)
    return found


def _joined(edges: list[dict]) -> list[dict]:
    """Horizontal rules, pieces drawn end to end on one line (a rule drawn cell by cell) joined."""
    out: list[dict] = []
    for e in sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (round(e["top"], 1), e["x0"])):
        last = out[-1] if out else None
        if last and abs(last["top"] - e["top"]) <= 0.3 and e["x0"] <= last["x1"] + 1.0:
            last["x1"] = max(last["x1"], e["x1"])
            last["width"] = last["x1"] - last["x0"]
        else:
            out.append(dict(e))
    return out


def _table(page, x0: float, x1: float, ys: list[float]) -> RawTable | None:
    pitch = sorted(b - a for a, b in zip(ys, ys[1:]))[len(ys) // 2 - 1]
    head = [c for c in page.chars if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1
            and ys[0] - pitch * 1.5 < (c["top"] + c["bottom"]) / 2 < ys[0] and c["text"].strip()]
    if head and all(_bold(c) for c in head):
        # a bold header set over the first rule, with no rule above it
        ys = [min(c["top"] for c in head) - 1, *ys]
    top, bottom = ys[0], ys[-1]
    if any(e["orientation"] == "v" and e["height"] > 3 and x0 + 2 < e["x0"] < x1 - 2 and e["top"] < bottom and top < e["bottom"]
           for e in page.edges):
        return None  # a rule between columns somewhere: the grid finder reads it
    chars = [c for c in page.chars if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1
             and top < (c["top"] + c["bottom"]) / 2 < bottom]
    words = pdfplumber.utils.extract_words(chars, x_tolerance=1.5, extra_attrs=["fontname"])
    if not words:
        return None
    columns = _gutters(words)
    if len(columns) < 2:
        return None
    rows, bold = [], []
    for a, b in zip(ys, ys[1:]):
        band = [w for w in words if a < (w["top"] + w["bottom"]) / 2 < b]
        if not band:
            continue
        cells = []
        for c0, c1 in columns:
            inside = sorted((w for w in band if c0 - 0.5 <= (w["x0"] + w["x1"]) / 2 <= c1 + 0.5),
                            key=lambda w: (round(w["top"]), w["x0"]))
            cells.append(" ".join(w["text"] for w in inside))
        rows.append(tuple(cells))
        bold.append(all(_bold(w) for w in band))
    if sum(sum(map(bool, r)) >= 2 for r in rows) < 3:
        return None  # a title and a header between rules, not rows of a table
    return RawTable((x0, top, x1, bottom), tuple(rows), tuple(bold))


def _bold(ch: dict) -> bool:
    from .read_tables import is_bold_font

    return is_bold_font(ch.get("fontname") or "")


def _gutters(words: list[dict]) -> list[tuple[float, float]]:
    """Column spans: phrases (words closer than a wide space) merged where they overlap across lines."""
    phrases: list[list[float]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        size = w["bottom"] - w["top"]
        last = phrases[-1] if phrases else None
        if last and abs(last[2] - w["top"]) < size / 2 and w["x0"] - last[1] <= size * 0.8:
            last[1] = w["x1"]
        else:
            phrases.append([w["x0"], w["x1"], w["top"]])
    return column_spans((p[0], p[1]) for p in phrases)


def column_spans(spans) -> list[tuple[float, float]]:
    """The x ranges covered by text, split where nothing is printed (the gutters between columns)."""
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
