"""A real browser (headless Chromium) against `agendapack serve`: search, highlight, page links, every query."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import sys
import re
import time
import urllib.request

import pytest
import yaml
from conftest import ROOT, needs_shared
from test_datasette import QUERY_EXAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(gold_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "agendas.db"
    with sqlite3.connect(gold_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    shutil.copytree(gold_db.parent / "files", folder / "files")  # the PDFs the site serves are kept beside the db
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield b
        b.close()


def test_find_what_was_agreed_about_meningitis_and_open_the_pdf_page(server, browser, tmp_path):
    page = browser.new_page()
    page.goto(server + "/")  # the home page carries the search box
    form = "form[action='/decisions']"
    page.fill(f"{form} input[name=q]", "meningitis vaccination")
    page.click(f"{form} input[type=submit]")  # click 1: search
    page.wait_for_selector("mark")
    assert page.locator("mark", has_text="Meningitis").count() >= 1
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
    link = page.locator("a[href*='/-/pdf/']").first
    href = link.get_attribute("href")
    assert href.endswith("#page=9")
    with page.expect_response(lambda r: "/-/pdf/" in r.url) as response:
        try:
            link.click()  # click 2: the page link opens the PDF
        except Exception:
            pass  # headless Chromium may hand a PDF to a download instead of a viewer
    assert response.value.status == 200
    assert response.value.headers["content-type"] == "application/pdf"


@needs_shared
def test_every_canned_query_runs_in_the_browser(server, browser, tmp_path):
    queries = yaml.safe_load((ROOT / "pipeline" / "site" / "metadata.yml").read_text())["databases"]["agendas"]["queries"]
    page = browser.new_page()
    for name in queries:
        params = "&".join(f"{k}={v}" for k, v in QUERY_EXAMPLES[name].items())
        page.goto(f"{server}/agendas/{name}?{params}")
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        assert page.locator("table.rows-and-columns tbody tr").count() >= 1, name


@needs_shared
def test_kent_budget_votes_member_by_member(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.click("text=How did members vote?")  # click 1
    page.fill("input[name=subject]", "Labour Group")
    page.click("input[type=submit]")  # click 2
    text = page.inner_text("table.rows-and-columns")
    assert "Mr Baldock" in text and "against" in text and "abstain" in text


@pytest.mark.parametrize("words", ["budget 2025-26", "council's", "co-operation", "s.25", "£1,530.9m", ""])
def test_any_words_in_the_search_box_give_results_or_a_plain_message(server, browser, words):
    page = browser.new_page()
    page.goto(server + "/")
    page.fill("form.search-decisions input[name=q]", words)
    with page.expect_navigation() as nav:
        page.click("form.search-decisions input[type=submit]")  # click 1
    assert nav.value.status == 200
    assert page.locator(".hit").count() >= 1 or "No decisions match" in page.inner_text(".no-results")


def test_a_meeting_page_in_one_click_shows_attendance_decisions_and_pdf_page(server, browser, tmp_path):
    page = browser.new_page()
    page.goto(server + "/")
    page.click("ul.meetings a:has-text('24 Mar 2026')")  # click 1
    page.screenshot(path=str(tmp_path / "meeting.png"), full_page=True)
    assert "Present (7)" in page.inner_text("#attendance") and "Apologies (1)" in page.inner_text("#attendance")
    minutes = page.inner_text("#minutes")
    assert "21. HEALTH PROTECTION" in minutes and "Meningitis vaccine uptake" in minutes
    assert page.locator(".minute-item").count() == 11
    href = page.locator("#minutes a.pdf").first.get_attribute("href")
    status = page.request.get(server + href.split("#")[0]).status
    assert status == 200 and "#page=" in href


def test_a_table_from_the_pdf_is_an_html_table(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.click("text=Tables read from the PDFs")  # click 1
    page.locator("a:has-text('rows as a table')").first.click()  # click 2
    table = page.locator("table.pdf-table")
    assert table.count() == 1
    n_rows = int(page.locator("td.col-n_rows").first.inner_text())
    assert table.locator("tbody tr").count() == n_rows


@needs_shared
def test_a_person_page_lists_their_votes(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.fill("form.find-person input[name=name]", "Baldock")
    page.click("form.find-person input[type=submit]")  # click 1
    assert page.locator("#votes + table tbody tr").count() >= 1
    assert page.locator("#votes + table tbody td:nth-child(3)").first.inner_text() in ("for", "against", "abstain")


def test_an_atom_entry_links_to_its_decision(server, browser):
    page = browser.new_page()
    feed = page.request.get(server + "/agendas/newest_resolutions.atom").text()
    link = re.search(r'<entry>.*?<link href="([^"]+)"', feed, re.S).group(1)
    page.goto(server + link)
    assert "Cite:" in page.inner_text("body")
