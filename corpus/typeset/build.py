#!/usr/bin/env python3
"""Render every minutes source (*.html) in this folder to a PDF beside it, with Chromium through Playwright.

    python corpus/typeset/build.py            # all sources
    python corpus/typeset/build.py a.html     # some

Each source carries its print settings in <script type="application/json" id="pdf">:
{"format": "A4"|"Letter", "margin": {...}, "header": "<html>", "footer": "<html>"}; the
header/footer templates may use Chromium's <span class="pageNumber"> and <span class="totalPages">.
The PDF's creation/modification dates are overwritten with a fixed date so that a rebuild
gives the same bytes (the page content carries no timestamps).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
FIXED_DATE = b"D:20240601000000+00'00'"


def options(html: str) -> dict:
    """The print settings a source declares (defaults: A4, 2 cm margins, no header/footer)."""
    m = re.search(r'<script type="application/json" id="pdf">(.*?)</script>', html, re.S)
    return json.loads(m.group(1)) if m else {}


def pin_dates(pdf: bytes) -> bytes:
    """Replace /CreationDate and /ModDate values with a fixed date of the same length (keeps xref offsets)."""
    def fix(m: re.Match) -> bytes:
        value = m.group(2)
        fixed = FIXED_DATE[: len(value)].ljust(len(value), b" ")
        return m.group(1) + fixed + b")"
    return re.sub(rb"(/(?:CreationDate|ModDate) ?\()([^)]*)\)", fix, pdf)


def render(page, src: Path) -> Path:
    """Print one source to <name>.pdf beside it."""
    html = src.read_text(encoding="utf-8")
    opt = options(html)
    page.goto(src.as_uri())
    page.wait_for_load_state("networkidle")
    margin = opt.get("margin", {"top": "20mm", "bottom": "20mm", "left": "20mm", "right": "20mm"})
    header, footer = opt.get("header"), opt.get("footer")
    pdf = page.pdf(
        format=opt.get("format", "A4"),
        print_background=True,
        margin=margin,
        display_header_footer=bool(header or footer),
        header_template=header or "<span></span>",
        footer_template=footer or "<span></span>",
    )
    out = src.with_suffix(".pdf")
    out.write_bytes(pin_dates(pdf))
    return out


def main(argv: list[str]) -> int:
    sources = [HERE / a for a in argv] if argv else sorted(HERE.glob("*.html"))
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=str(SYSTEM_CHROMIUM)) if SYSTEM_CHROMIUM.exists() \
                else p.chromium.launch()
        except Exception:  # the system binary may not suit this Playwright; use Playwright's own
            browser = p.chromium.launch()
        page = browser.new_page()
        for src in sources:
            print(render(page, src).name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
