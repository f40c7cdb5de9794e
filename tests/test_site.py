"""The site as people use it: decision search that never fails, meeting and person pages, tables as tables,
links that answer, and the package serving from any folder once installed."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, needs_shared
from datasette.app import Datasette
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.site.decisions import date_range
from pipeline.site.fts import safe_fts_query

SITE = ROOT / "pipeline" / "site"
HOSTILE_SEARCHES = ["budget 2025-26", "council's", "co-operation", "s.25", "£1,530.9m", "section 25:", "", "  ",
                    '"unclosed', "OR", "NOT", "*", "NEAR(", "^x", "a:b", "-", "'", '""', "meningitis*"]


@pytest.fixture(scope="module")
def site_db(gold_db):
    """The gold database as `agendas` (the name metadata.yml describes), beside it so its stored PDFs are found."""
    copy = gold_db.parent / "agendas.db"
    if not copy.exists():
        with sqlite3.connect(gold_db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
    return copy


@pytest.fixture(scope="module")
def ds(site_db):
    return Datasette([str(site_db)], metadata=yaml.safe_load((SITE / "metadata.yml").read_text()),
                     plugins_dir=str(SITE / "plugins"), template_dir=str(SITE / "templates"),
                     settings={"suggest_facets": False})


def get(ds: Datasette, path: str, **params):
    return asyncio.run(ds.client.get(path, params=params or None))


class Links(HTMLParser):
    """The href of every <a> and the rows of every <table class="pdf-table">."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.table_rows = 0
        self._in_pdf_table = self._in_body = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "table" and "pdf-table" in (a.get("class") or ""):
            self._in_pdf_table = True
        if tag == "tbody" and self._in_pdf_table:
            self._in_body = True
        if tag == "tr" and self._in_body:
            self.table_rows += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_pdf_table = self._in_body = False


def parse(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_text_makes_a_query_fts5_accepts(text):
    c = sqlite3.connect(":memory:")
    c.execute("create virtual table t using fts5(x, tokenize=porter)")
    query = safe_fts_query(text)
    if query is not None:
        c.execute("select count(*) from t where t match ?", [query]).fetchone()


def test_phrases_or_and_prefix_keep_their_meaning():
    assert safe_fts_query('"council tax" OR precept budg*') == '"council tax" OR "precept" "budg"*'
    assert safe_fts_query("budget 2025-26") == '"budget" "2025-26"'
    assert safe_fts_query("  ") is None and safe_fts_query("OR") is None


def test_dates_people_type_become_ranges():
    assert date_range("2025") == ("2025-01-01", "2025-12-31")
    assert date_range("2025-02") == ("2025-02-01", "2025-02-31")
    assert date_range("13 February 2025") == ("2025-02-13", "2025-02-13")
    assert date_range("Feb 2025") == ("2025-02-01", "2025-02-31")
    assert date_range("soon") is None


@pytest.mark.parametrize("q", HOSTILE_SEARCHES)
def test_decision_search_answers_every_input(ds, q):
    r = get(ds, "/decisions", q=q)
    assert r.status_code == 200, r.text[:300]
    assert 'class="hit"' in r.text or "No decisions match" in r.text
    canned = get(ds, "/agendas/search_decisions", q=q)  # the old canned query's address too
    assert canned.status_code == 200, canned.text[:300]


def test_decision_search_hit_links_meeting_citation_and_pdf_page(ds, conn):
    rid, meeting_id, page = conn.execute("select id, meeting_id, page from resolutions "
                                       "where text like '%Meningitis vaccine uptake%'").fetchone()
    r = get(ds, "/decisions", q="meningitis vaccine")
    assert "<mark>Meningitis</mark>" in r.text and "<mark>vaccine</mark>" in r.text
    assert f'href="/meeting/{meeting_id}"' in r.text and f'href="/agendas/resolutions/{rid}"' in r.text
    assert f"#page={page}" in r.text
    assert "Leicester City Council · PUBLIC HEALTH AND HEALTH INTEGRATION SCRUTINY COMMISSION · 24 Mar 2026" in r.text
    assert "Cite:" in get(ds, f"/agendas/resolutions/{rid}").text


def test_empty_search_lists_newest_decisions_and_filters_by_date(ds, conn):
    newest = conn.execute("select r.text from resolutions r join meetings m on m.id = r.meeting_id "
                        "order by m.date desc, r.id desc").fetchone()[0]
    assert newest[:60] in get(ds, "/decisions").text
    assert "vaccine" in get(ds, "/decisions", q="meningitis", date="March 2026").text
    assert "No decisions match" in get(ds, "/decisions", q="meningitis", date="2019").text
    assert "vaccine" in get(ds, "/decisions", q="meningitis", council="Leicester City Council").text


@needs_shared
def test_votes_are_searched_and_filtered_by_body(ds, conn):
    subject = conn.execute("select subject from votes v join meetings m on m.id = v.meeting_id "
                         "where m.body = 'County Council' and subject like '%Labour Group%'").fetchone()[0]
    r = get(ds, "/decisions", q="Labour Group amendment", body="County Council", date="2025-02")
    assert "<b>Vote:</b>" in r.text and 'class="hit"' in r.text
    assert subject.split()[0] in r.text


def test_meeting_page_shows_attendance_minute_items_and_decisions(ds, conn):
    meeting_id = conn.execute("select id from meetings where date = '2026-03-24'").fetchone()[0]
    html = get(ds, f"/meeting/{meeting_id}").text
    for status, n in conn.execute("select status, count(*) from attendees where meeting_id = ? group by status",
                                [meeting_id]):
        assert f"{status.replace('_', ' ').capitalize()} ({n})" in html
    titles = [t for (t,) in conn.execute("select title from sections where meeting_id = ? and kind = 'minute_item' "
                                       "order by position", [meeting_id])]
    positions = [html.index(t) for t in titles]
    assert titles and positions == sorted(positions)  # every minute item, in order
    for (text,) in conn.execute("select text from resolutions where meeting_id = ?", [meeting_id]):
        assert str(text)[:50] in html.replace("&#39;", "'")
    pdf_links = [h for h in parse(html).links if h.startswith("/-/pdf/")]
    assert pdf_links and get(ds, pdf_links[0].split("#")[0]).status_code == 200
    assert 'id="citation"' in html


def test_a_pdf_table_renders_as_a_table_with_its_rows_and_csv(ds, conn):
    tid, n_rows = conn.execute("select id, n_rows from pdf_tables where n_rows > 2 order by id").fetchone()
    html = get(ds, f"/agendas/pdf_tables/{tid}").text
    assert parse(html).table_rows == n_rows and "<caption>" in html or "<thead>" in html
    rows = list(csv.reader(io.StringIO(get(ds, f"/table/{tid}.csv").text)))
    assert len(rows) - 1 == n_rows or len(rows) == n_rows


@needs_shared
def test_person_page_lists_that_persons_votes(ds, conn):
    name, n = conn.execute("select name, count(*) from vote_records where name like 'Baldock' group by lower(name)").fetchone()
    html = get(ds, f"/person/{name.lower()}").text
    assert f"Recorded votes ({n})" in html
    assert html.count("<tr>") >= n


def test_person_page_from_an_attendance_name(ds, conn):
    name, n = conn.execute("select name, count(*) from attendees group by lower(name) order by 2 desc, 1").fetchone()
    r = get(ds, "/person", name=name.upper())
    assert r.status_code == 302
    html = get(ds, r.headers["location"]).text
    assert f"Meetings ({n})" in html


def test_atom_entries_have_links_and_whole_titles(ds, conn):
    feed = get(ds, "/agendas/newest_resolutions.atom").text
    entry = re.search(r"<entry>.*?</entry>", feed, re.S).group(0)
    assert re.search(r'<link href="/agendas/resolutions/\d+"', entry)
    assert " · " in re.search(r"<title>(.*?)</title>", entry).group(1)


def test_search_everything_is_short_grouped_and_linked(ds):
    html = get(ds, "/search", q="mortality").text
    assert "<h2>Pages</h2>" in html and "<mark>" in html
    for snippet in re.findall(r'<p class="hit">(.*?)<br>', html, re.S):
        assert len(re.sub("<[^>]+>", "", snippet)) < 400
    assert get(ds, "/search", q="co-operation").status_code == 200


def test_bad_addresses_are_not_errors(ds):
    assert get(ds, "/agendas/pages/1").status_code == 404
    assert get(ds, "/meeting/999999").status_code == 404
    assert get(ds, "/person/nobody-at-all").status_code == 404
    assert "_sqlite_migrations" not in get(ds, "/agendas").text


def test_every_link_crawled_from_the_home_page_answers(ds):
    """Home page, then everything it links to, then the links of the meeting, person and search pages (bounded)."""
    seen: set[str] = set()
    frontier = ["/", "/decisions?q=meningitis", "/search?q=budget"]
    for depth in range(3):
        following = []
        for path in frontier:
            if path in seen or len(seen) >= 250:
                continue
            seen.add(path)
            r = get(ds, path)
            assert r.status_code == 200, (path, r.status_code)
            if "text/html" not in r.headers.get("content-type", "") or not (
                    depth == 0 or path.startswith(("/meeting/", "/decisions", "/search", "/person/"))):
                continue
            for href in parse(r.text).links:
                href = href.split("#")[0]
                if href.startswith("/") and not href.startswith("//"):
                    following.append(href)
        frontier = following
    assert any(p.startswith("/meeting/") for p in seen) and any(p.startswith("/person/") for p in seen)


def _site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


@pytest.mark.slow
def test_installed_package_serves_from_another_folder(tmp_path, site_db):
    """`pip install .` (a wheel, not editable) into a fresh venv, then `agendapack serve` elsewhere serves the site.

    The venv borrows this environment's dependencies through a .pth line so nothing is downloaded."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    target = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
                    str(ROOT)], check=True, timeout=120, cwd=tmp_path)
    wheel = next(wheels.glob("agendapack-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, str(wheel)],
                   check=True, timeout=120)
    (venv / "bin" / "agendapack").write_text(f"#!{python}\nfrom pipeline.cli import cli\ncli()\n")
    (venv / "bin" / "agendapack").chmod(0o755)
    (Path(target) / "borrowed.pth").write_text(_site_packages() + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([venv / "bin" / "agendapack", "serve", "--db", str(site_db), "--port", str(port)],
                            cwd=elsewhere, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        html = ""
        for _ in range(150):
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert "Search decisions" in html and "/meeting/" in html, proc.stderr.read().decode()[-2000:] if proc.poll() is not None else html[:500]
        where = subprocess.run([python, "-c", "import pipeline; print(pipeline.__file__)"], capture_output=True, text=True,
                               cwd=elsewhere).stdout
        assert where.startswith(target), where  # the installed copy, not the checkout
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_sources_csv_fills_source_url_and_citations_use_it(tmp_path):
    from click.testing import CliRunner

    from conftest import LEICESTER
    from pipeline.cli import cli

    folder = tmp_path / "packs"
    folder.mkdir()
    pdf = folder / LEICESTER.name
    pdf.write_bytes(LEICESTER.read_bytes())
    url = "https://democracy.leicester.gov.uk/documents/g1/Public%20reports%20pack.pdf"
    (folder / "sources.csv").write_text(f"file,url\n{LEICESTER.name},{url}\n")
    db_path = tmp_path / "agendas.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db_path), "--quiet", "--jobs", "1", "--max-pages", "12"])
    # --max-pages leaves the document partial, with a problems row saying so (issue 15)
    assert result.exit_code == 1 and "only the first 12 of 93 pages" in result.output, result.output
    with sqlite3.connect(db_path) as c:
        assert c.execute("select source_url from documents").fetchall() == [(url,)]
        rid, page = c.execute("select id, page from resolutions order by id").fetchone()
    site = Datasette([str(db_path)], metadata=yaml.safe_load((SITE / "metadata.yml").read_text()),
                     plugins_dir=str(SITE / "plugins"), template_dir=str(SITE / "templates"))
    assert f"{url}#page={page}" in get(site, f"/agendas/resolutions/{rid}").text
