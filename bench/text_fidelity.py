"""Benchmark: the words agendapack stores for each page against poppler's `pdftotext` words.

    .venv/bin/python bench/text_fidelity.py ../shared/corpus corpus [--worst 3] [--spacing 6] [--json]

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
- A line ending in "-" after a letter is joined to the next line without the hyphen: pdftotext
  does this to every line-end hyphen (printed compounds too: "father-/inclusive" comes out as
  "fatherinclusive"), while we store what is printed ("father-", "inclusive"). Ours is joined
  the same way, so the characters are compared and not this choice, where pdftotext prints the
  joined word (where our line ends in a table cell whose next line pdftotext does not read next,
  ours stays "re-" "Combined" and is then matched by the "hyphen" class below). A dash after
  anything else ("The Committee: -") is printed, not a hyphen.
- Bullets and other symbols are kept: a dropped or invented bullet is a disagreement.

Disagreements where pdftotext is the one that is wrong are counted as explained, not bad:
- "hyphen": pdftotext joins "X-" at a line end to the first word of the line it reads next and
  drops the hyphen; when its lines come in another order than ours (table cells), we store
  "X-" and "Y" where it prints "XY".
- "dash bullet": pdftotext leaves out a "-" printed as a list bullet; we keep it.
- "spacing": one side's word is the other side's next words on one line run together, and those
  are fragments: single characters (a two-letter kerned pair or a closing stop among them), or
  pieces of another printed height (a small capital's initial, a superscript). pdftotext keeps
  letter-spaced text apart (`P E C A N`, `H P adstock arish` for small capitals of "Hadstock
  Parish", `Others (1)` for a raised note mark) where we join it; it also runs together letters
  typed a narrow space apart (`1|Page` for the printed `1 | P a g e`) that we keep apart. Words of
  two or more letters run together (`ofthe`) are never explained: that is a missing space.
  pdftotext's neighbours on a line come from `pdftotext -bbox`; ours from the stored text's order.
  These are listed per document (`spacing (explained) ~[p1 Hadstock=H|adstock ...]`, --spacing N
  shown) so they can be checked by eye. A run only counts when it is whole: the words either side
  of it on pdftotext's line stand further off than its letters (our `Hal` `l,` out of pdftotext's
  `H a l l ,` is our broken word, not its spacing).
"""

from __future__ import annotations

import argparse
import html
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


_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*")  # after a letter: a dash after "Committee:" is printed


def words(text: str, joined: Counter | None = None) -> Counter:
    """The multiset of normalised words in a text; with `joined`, a line-end hyphen is joined only
    where the joined word is one of those (our lines may end in a table cell whose next line is not
    the one pdftotext reads next)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if joined is None:
        return Counter(_LINE_END_HYPHEN.sub("", text).split())

    def join(m: re.Match) -> str:
        head, tail = m.group(1), m.group(2)
        return head + tail if joined[head + tail] else f"{head}- {tail}"

    return Counter(re.sub(r"(\S+?)-[ \t]*\n\s*(\S+)", lambda m: join(m) if m.group(1)[-1].isalpha() else m.group(0),
                          text).split())


def pdftotext_pages(path: Path, count: int) -> list[str]:
    """poppler's text of every page, one run per file (pages are separated by form feeds)."""
    out = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, timeout=300).stdout
    pages = out.decode("utf-8", "replace").split("\f")
    return (pages + [""] * count)[:count]


_BOX = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')

Box = tuple[str, float, float, float, float]  # normalised text, x0, x1, top, bottom


def pdftotext_boxes(path: Path, count: int) -> list[list[Box]]:
    """poppler's words of every page with their boxes (`pdftotext -bbox`), normalised as `words` does."""
    out = subprocess.run(["pdftotext", "-q", "-bbox", str(path), "-"], capture_output=True, timeout=300).stdout
    pages: list[list[Box]] = []
    for chunk in out.decode("utf-8", "replace").split("<page ")[1:]:
        boxes = []
        for x0, y0, x1, y1, text in _BOX.findall(chunk):
            text = html.unescape(text)
            norm = unicodedata.normalize("NFKC", text).translate(_QUOTES)
            if norm:
                boxes.append((norm, float(x0), float(x1), float(y0), float(y1)))
        pages.append(boxes)
    return (pages + [[]] * count)[:count]


def compare(path: Path) -> dict:
    """One document's per-page comparison."""
    read_module.ocr_available = lambda: False  # pages with no text layer are skipped, not OCR'd
    try:
        raw = list(read_module.read_pdf(path))
    except Exception as exc:  # encrypted, not a PDF, broken: not this benchmark's concern
        return {"file": str(path), "error": f"{type(exc).__name__}: {exc}"[:120]}
    pages = find_pages(raw)
    theirs = pdftotext_pages(path, len(pages))
    boxes = pdftotext_boxes(path, len(pages))
    result = {"file": str(path), "pages": 0, "skipped": 0, "common": 0, "ours": 0, "theirs": 0, "bad": []}
    for page, text, page_boxes in zip(pages, theirs, boxes):
        ref = words(text)
        ours = words(page.text, ref)
        if not ours or not ref:  # no text layer (or a page one side cannot read at all)
            result["skipped"] += 1
            continue
        result["pages"] += 1
        extra, missing = ours - ref, ref - ours
        explained = _explain(extra, missing)
        spaced = _explain_spacing(extra, missing, _norm_sequence(page.text), page_boxes)
        explained += sum(len(pieces) for _, pieces in spaced)
        common = sum((ours & ref).values()) + explained  # an explained disagreement counts as one agreeing word
        result["common"] += common
        result["ours"] += common + sum(extra.values())
        result["theirs"] += common + sum(missing.values())
        result["explained"] = result.get("explained", 0) + explained
        wrong = max(sum(extra.values()), sum(missing.values()))
        if wrong or spaced:
            result["bad"].append({
                "page": page.number, "wrong": wrong,
                "extra": sorted(extra.elements()), "missing": sorted(missing.elements()),
                "spacing": [f"{word}={'|'.join(pieces)}" for word, pieces in spaced],
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


def _norm_sequence(text: str) -> list[str]:
    """The stored text's words in order, normalised as `words` does."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _LINE_END_HYPHEN.sub("", text).split()


def _fragments(pieces: list[str], heights: list[float] | None = None) -> bool:
    """The pieces are letter-spaced fragments, not words that lost a space (see the module notes).

    Every piece is a single character (a trailing stop, comma or colon aside) or a kerned pair (a
    group of three among three or more pieces), at least half are single; or, with printed heights, each longer piece meets its neighbours at a
    change of height (small capitals after their initial, a raised note mark after its word).
    """
    core = [p.rstrip(".,:;") or p for p in pieces]
    if len(pieces) < 2:
        return False
    longest = 3 if len(core) >= 3 else 2  # a kerned group of three among single letters (`S tat i o n`)
    if all(len(c) <= longest for c in core) and 2 * sum(len(c) == 1 for c in core) >= len(core):
        return True
    if heights is None:
        return False
    for k, c in enumerate(core):
        if len(c) == 1:
            continue
        near = [heights[j] for j in (k - 1, k + 1) if 0 <= j < len(core)]
        if any(abs(h - heights[k]) <= 0.1 * max(h, heights[k]) for h in near):
            return False
    return True


def _chains(boxes: list[Box]) -> list[list[Box]]:
    """From each pdftotext word, its next words to the right on its line (gap under one height)."""
    chains = []
    for start in boxes:
        chain, here = [start], start
        while True:
            height = here[4] - here[3]
            after = [b for b in boxes if b is not here and here[2] - 0.5 <= b[1] <= here[2] + height
                     and min(b[4], here[4]) - max(b[3], here[3]) >= 0.5 * min(b[4] - b[3], height)]
            if not after or len(chain) > 40:
                break
            here = min(after, key=lambda b: b[1])
            chain.append(here)
        chains.append(chain)
    return chains


def _whole(chain: list[Box], n: int, before: dict[int, Box]) -> bool:
    """The first n words of the chain are a whole letter-spaced word: the words either side of it stand
    further off than its letters (else our word is a piece of a longer one: `Hal` `l,` of `H a l l ,`)."""
    gaps = [b[1] - a[2] for a, b in zip(chain[: n - 1], chain[1:n])]
    widest = max(gaps) * 1.3 + 0.3
    after = chain[n][1] - chain[n - 1][2] if len(chain) > n else None
    prev = before.get(id(chain[0]))
    ahead = chain[0][1] - prev[2] if prev is not None else None
    return all(g is None or g > widest for g in (after, ahead))


def _letter_run(word: str, chain: list[Box], before: dict[int, Box]) -> list[str] | None:
    """The pieces of `word` when the chain starts with it spelt out letter-spaced (see _fragments, _whole)."""
    text, pieces, heights = "", [], []
    for b in chain:
        if not word.startswith(text + b[0]):
            break
        text += b[0]
        pieces.append(b[0])
        heights.append(b[4] - b[3])
        if text == word:
            break
    if text == word and len(pieces) > 1 and _fragments(pieces, heights) and _whole(chain, len(pieces), before):
        return pieces
    return None


def _explain_spacing(extra: Counter, missing: Counter, ours: list[str], boxes: list[Box]) -> list[tuple[str, list[str]]]:
    """Take out the "spacing" disagreements (see the module notes); the words explained and their pieces."""
    found: list[tuple[str, list[str]]] = []
    chains = _chains(boxes) if extra and missing else []
    before = {id(chain[1]): chain[0] for chain in chains if len(chain) > 1}
    for word in sorted(extra, key=len, reverse=True):  # ours joined, pdftotext apart
        for chain in chains:
            if not extra[word]:
                break
            pieces = _letter_run(word, chain, before)
            if pieces and Counter(pieces) <= missing:
                extra.subtract([word])
                missing.subtract(pieces)
                found.append((word, pieces))
    for word in sorted(missing, key=len, reverse=True):  # ours apart, pdftotext (plain) runs them together
        for i in range(len(ours)):
            if not missing[word]:
                break
            text, j = "", i
            while j < len(ours) and word.startswith(text + ours[j]) and text != word:
                text += ours[j]
                j += 1
            pieces = ours[i:j]
            if text != word or len(pieces) < 2 or not Counter(pieces) <= extra:
                continue
            # Where we put spaces, pdftotext's own word boxes (-bbox) are apart too.
            cuts = {sum(len(p) for p in pieces[:n]) for n in range(1, len(pieces))}
            if _fragments(pieces) or any(
                    run and cuts <= {sum(len(p) for p in run[:n]) for n in range(1, len(run))}
                    for run in (_letter_run(word, chain, before) for chain in chains)):
                missing.subtract([word])
                extra.subtract(pieces)
                found.append((word, pieces))
    extra += Counter()
    missing += Counter()
    return found


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
    parser.add_argument("--spacing", type=int, default=6, help="explained spacing words listed per document")
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
        spacing = [f"p{b['page']} {s}" for b in r["bad"] for s in b.get("spacing", [])]
        if spacing and args.spacing:
            print(f"    spacing (explained) ~[{_short(spacing, args.spacing)}]")
    pages = total["pages"] or 1
    print(
        f"TOTAL {total['docs']} documents, {total['pages']} pages: word F1 "
        f"{f1(total['common'], total['ours'], total['theirs']):.4f}, {total['below']} documents below 0.995, "
        f"{total['bad']} pages with >= {DISAGREE} disagreeing words ({100 * total['bad'] / pages:.1f}%), "
        f"{total['explained']} words explained (pdftotext wrong)"
    )


if __name__ == "__main__":
    main()
