"""Members, attendees and resolutions, read from the real minutes and checked against their pages."""

from __future__ import annotations

import re

import pytest

from pipeline.extract.people import parse_person, split_outside_brackets


def squash(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text).casefold()


@pytest.mark.parametrize("table, column", [("attendees", "name"), ("resolutions", "text"), ("members", "name")])
def test_every_row_is_printed_on_its_page(conn, table, column):
    # A resolution may run on over a page break, so its page and the next are read together.
    rows = conn.execute(
        f"select t.{column} as value, t.page, p.text || char(10) || coalesce(n.text, '') as text from {table} t "
        "join pages p on p.document_id = t.document_id and p.page = t.page "
        "left join pages n on n.document_id = t.document_id and n.page = t.page + 1"
    ).fetchall()
    assert rows
    for r in rows:
        probe = squash(r["value"])[:60]
        assert probe in squash(r["text"]), (table, r["value"], r["page"])


def test_leicester_resolutions_of_minute_21(conn):
    rows = conn.execute(
        "select number, text, keyword, page from resolutions r join documents d on d.id = r.document_id "
        "where d.filename like 'leicester%' and minute_number = '21' order by number"
    ).fetchall()
    assert [r["number"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[3]["text"] == (
        "The presentation which includes data on the rate of Meningitis vaccine uptake for 14/15 "
        "year-olds would be supplied to the commission."
    )
    assert {r["keyword"] for r in rows} == {"AGREED"} and {r["page"] for r in rows} == {9}


def test_resolutions_belong_to_the_meeting_the_minutes_record(conn):
    dates = conn.execute(
        "select distinct m.date from resolutions r join meetings m on m.id = r.meeting_id "
        "join documents d on d.id = r.document_id where d.filename like 'leicester%'"
    ).fetchall()
    assert [r[0] for r in dates] == ["2026-03-24"]


def test_kent_attendance_with_roles_and_virtual_attendees(conn):
    rows = {
        (r["honorific"], r["name"]): (r["role"], r["status"])
        for r in conn.execute(
            "select a.* from attendees a join documents d on d.id = a.document_id "
            "where d.filename = 'KCC_Cabinet_2025-01-30_Printed_minutes.pdf'"
        )
    }
    assert rows[("Mr", "R W Gough")] == ("Chairman", "present")
    assert rows[("Mr", "R C Love")] == (None, "present")  # ", OBE" is a post-nominal, not a person
    assert rows[("Mrs", "S Hammond")] == ("Corporate Director Children, Young People and Education", "in_attendance")
    assert rows[("Dr", "M Gogarty")] == ("Interim Strategic Lead for Public Health", "virtual")
    assert rows[("Mrs", "C Bell")] == (None, "apologies")
    assert len(rows) == 24


@pytest.mark.parametrize(
    "entry, parsed",
    [
        ("Mr R C Love, OBE", ("Mr", "R C Love", None)),
        ("Councillor Pickering \u2013 Chair", ("Councillor", "Pickering", "Chair")),
        ("Assistant City Mayor \u2013 Councillor Dempster", ("Councillor", "Dempster", "Assistant City Mayor")),
        ("McKay (Acting Chief Accountant)", (None, "McKay", "Acting Chief Accountant")),
        ("the meeting was quorate", None),
    ],
)
def test_parse_person(entry, parsed):
    assert parse_person(entry) == parsed


def test_split_keeps_commas_inside_brackets_and_drops_post_nominals():
    text = "Mrs S Hammond (Corporate Director Children, Young People and Education), Sir Paul Carter, CBE and Ms L Wright"
    assert split_outside_brackets(text) == [
        "Mrs S Hammond (Corporate Director Children, Young People and Education)", "Sir Paul Carter", "Ms L Wright",
    ]
