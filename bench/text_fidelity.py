"""Benchmark: the words agendapack stores for each page against poppler's `pdftotext` words.

    .venv/bin/python bench/text_fidelity.py ../shared/corpus corpus [--worst 3] [--json]

For every page of the given PDFs (folders searched recursively) the page text ingest stores
(`pages.text`: read -> layout, running headers and footers included) is compared with
`pdftotext -f N -l N FILE -` as multisets of words. Pages with no text layer (read with OCR by
ingest) are skipped; files that cannot be opened are listed and skipped. Per document: pages
compared, word F1, pages with 3 or more disagreeing words, then the worst pages with the
words only we store (+) and only pdftotext prints (-). Run by hand; not part of the tests.

Normalisation, applied to both sides before splitting on white space:
- Unicode NFKC: ligatures (U+FB01 "fi") become their letters, full-width forms ASCII.
- Quotes: curly and low single/double quotes and primes become ' and ".
- Dashes: hyphen, non-breaking hyphen, figure, en and em dash and minus become "-"; a soft
  hyphen is dropped.
- A line ending in "-" is joined to the next line without the hyphen, on both sides: pdftotext
  does this to every line-end hyphen (printed compounds too: "father-/inclusive" comes out as
  "fatherinclusive"), while we store what is printed ("father-", "inclusive"). Joining ours
  the same way compares the characters and not this choice.
- Bullets and other symbols are kept: a dropped or invented bullet is a disagreement.

Disagreements where pdftotext is the one that is wrong are counted as explained, not bad:
- "hyphen": pdftotext joins "X-" at a line end to the first word of the line it reads next and
  drops the hyphen; when its lines come in another order than ours (table cells), we store
  "X-" and "Y" where it prints "XY".
- "dash bullet": pdftotext leaves out a "-" printed as a list bullet; we keep it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import read as read_module  # noqa: E402
from pipeline.layout import find_pages  # noqa: E402

DISAGREE = 3  # a page with this many disagreeing words counts as a bad page

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None,
})


_LINE_END_HYPHEN = re.compile(r"-[ \t]*\n\s*")


def words(text: str) -> Counter:
    """The multiset of normalised words in a text."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return Counter(_LINE_END_HYPHEN.sub("", text).split())


def pdftotext_pages(path: Path, count: int) -> list[str]:
    """poppler's text of every page, one run per file (pages are separated by form feeds)."""
    out = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, timeout=300).stdout
    pages = out.decode("utf-8", "replace").split("\f")
    return (pages + [""] * count)[:count]


def compare(path: Path) -> dict:
    """One document's per-page comparison."""
    read_module.ocr_available = lambda: False  # pages with no text layer are skipped, not OCR'd
    try:
        raw = list(read_module.read_pdf(path))
    except Exception as exc:  # encrypted, not a PDF, broken: not this benchmark's concern
        return {"file": str(path), "error": f"{type(exc).__name__}: {exc}"[:120]}
    pages = find_pages(raw)
    theirs = pdftotext_pages(path, len(pages))
    result = {"file": str(path), "pages": 0, "skipped": 0, "common": 0, "ours": 0, "theirs": 0, "bad": []}
    for page, text in zip(pages, theirs):
        ours, ref = words(page.text), words(text)
        if not ours or not ref:  # no text layer (or a page one side cannot read at all)
            result["skipped"] += 1
            continue
        result["pages"] += 1
        extra, missing = ours - ref, ref - ours
        explained = _explain(extra, missing)
        common = sum((ours & ref).values()) + explained  # an explained disagreement counts as one agreeing word
        result["common"] += common
        result["ours"] += common + sum(extra.values())
        result["theirs"] += common + sum(missing.values())
        result["explained"] = result.get("explained", 0) + explained
        wrong = max(sum(extra.values()), sum(missing.values()))
        if wrong:
            result["bad"].append({
                "page": page.number, "wrong": wrong,
                "extra": sorted(extra.elements()), "missing": sorted(missing.elements()),
            })
    return result


def _explain(extra: Counter, missing: Counter) -> int:
    """Take out of both sides the disagreements pdftotext causes (see the module notes); how many words."""
    explained = 0
    for word in list(missing.elements()):
        for cut in range(1, len(word)):
            head, tail = word[:cut] + "-", word[cut:]
            if extra[head] and extra[tail] and missing[word]:
                extra.subtract([head, tail])
                missing.subtract([word])
                explained += 1
                break
    if not missing["-"]:
        explained += extra.pop("-", 0)
    extra += Counter()  # drop the zero counts
    missing += Counter()
    return explained


def f1(common: int, ours: int, theirs: int) -> float:
    """Word F1 of a multiset match."""
    return 2 * common / (ours + theirs) if ours + theirs else 1.0


def collect(folders: list[str]) -> list[Path]:
    """Every PDF under the folders (or the files named), sorted."""
    found: set[Path] = set()
    for f in folders:
        p = Path(f)
        found.update([p] if p.is_file() else p.rglob("*.pdf"))
    return sorted(found)


def _short(ws: list[str], limit: int = 12) -> str:
    shown = " ".join(ws[:limit])
    return shown + (f" ... (+{len(ws) - limit})" if len(ws) > limit else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--worst", type=int, default=3, help="worst pages shown per document")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [compare(p) for p in collect(args.folders)]
    if args.json:
        print(json.dumps(results, indent=1))
        return
    total = Counter()
    print(f"{'document':60} {'pages':>5} {'F1':>7} {'bad':>4} {'explained':>9}")
    for r in results:
        name = r["file"][-60:]
        if "error" in r:
            print(f"{name:60} skipped: {r['error']}")
            continue
        if not r["pages"]:
            print(f"{name:60} no text layer")
            continue
        bad = [b for b in r["bad"] if b["wrong"] >= DISAGREE]
        total.update({"explained": r.get("explained", 0), "docs": 1, "pages": r["pages"], "common": r["common"], "ours": r["ours"],
                      "theirs": r["theirs"], "bad": len(bad)})
        score = f1(r["common"], r["ours"], r["theirs"])
        total["below"] += score < 0.995
        print(f"{name:60} {r['pages']:5} {score:7.4f} {len(bad):4} {r.get('explained', 0):9}")
        for b in sorted(r["bad"], key=lambda b: -b["wrong"])[: args.worst]:
            if b["wrong"] >= DISAGREE:
                print(f"    p{b['page']} ({b['wrong']}): +[{_short(b['extra'])}] -[{_short(b['missing'])}]")
    pages = total["pages"] or 1
    print(
        f"TOTAL {total['docs']} documents, {total['pages']} pages: word F1 "
        f"{f1(total['common'], total['ours'], total['theirs']):.4f}, {total['below']} documents below 0.995, "
        f"{total['bad']} pages with >= {DISAGREE} disagreeing words ({100 * total['bad'] / pages:.1f}%), "
        f"{total['explained']} words explained (pdftotext wrong)"
    )


if __name__ == "__main__":
    main()
