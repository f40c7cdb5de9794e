"""Members, attendees and resolutions, read from the real minutes and checked against their pages."""

from __future__ import annotations

import re

import pytest
from conftest import KENT, OTHER, US, hand_line, needs_shared

from pipeline.extract.people import parse_person, split_outside_brackets
from pipeline.extract.resolutions import extract_resolutions
from pipeline.models import Line, Section


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


@needs_shared
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
        ("Councillor Smith (Chair) (Con)", ("Councillor", "Smith", "Chair")),
        ("Cllr A Brown (Lib Dem)", ("Cllr", "A Brown", None)),
    ],
)
def test_parse_person(entry, parsed):
    assert parse_person(entry) == parsed


def test_split_keeps_commas_inside_brackets_and_drops_post_nominals():
    text = "Mrs S Hammond (Corporate Director Children, Young People and Education), Sir Paul Carter, CBE and Ms L Wright"
    assert split_outside_brackets(text) == [
        "Mrs S Hammond (Corporate Director Children, Young People and Education)", "Sir Paul Carter", "Ms L Wright",
    ]


@needs_shared
def test_kent_budget_votes_with_every_name(conn):
    votes = conn.execute(
        "select v.* from votes v join documents d on d.id = v.document_id "
        "where d.filename = 'KCC_CountyCouncil_2025-02-13_Printed_minutes.pdf' order by v.id"
    ).fetchall()
    assert [(v["minute_number"], v["for_count"], v["against_count"], v["abstain_count"], v["result"]) for v in votes] == [
        ("290", 57, 0, 2, "carried"), ("291", 12, 42, 7, "lost"), ("291", 16, 41, 0, "lost"), ("291", 9, 41, 8, "lost"),
        ("291", 8, 40, 10, "lost"), ("291", 13, 39, 3, "lost"), ("291", 15, 43, 1, "lost"), ("291", 41, 10, 7, "carried"),
    ]
    assert votes[0]["subject"].startswith("Pursuant to section 25 of the Local Government Act")
    for v in votes:
        tally = dict(conn.execute("select vote, count(*) from vote_records where vote_id = ? group by vote", [v["id"]]).fetchall())
        assert (tally.get("for", 0), tally.get("against", 0), tally.get("abstain", 0)) == (
            v["for_count"], v["against_count"], v["abstain_count"])
    abstained = conn.execute("select honorific, name from vote_records where vote_id = ? and vote = 'abstain'", [votes[0]["id"]]).fetchall()
    assert [tuple(r) for r in abstained] == [("Mr", "B Lewis"), ("Mr", "D Ross")]


@needs_shared
def test_us_roll_call_votes(tmp_path):

    from pipeline.ingest import process_file

    doc = process_file(str(US / "eastpaloalto_ca_minutes_2020-01-27.pdf"))
    votes = [v for _, _, v in doc.votes]
    failed = votes[2]
    assert (failed.for_count, failed.against_count, failed.abstain_count, failed.result) == (4, 2, 1, "lost")
    assert [r[0] for r in failed.records if r[2] == "against"] == ["Brown", "Mashack"]
    assert votes[0].result == "carried" and votes[0].for_count is None  # "[UNANIMOUS]" prints no counts
    assert len([r for r in votes[0].records if r[2] == "for"]) == 7


def test_a_count_that_disagrees_with_its_names_is_a_problem():
    from pipeline.extract.votes import extract_votes
    from pipeline.models import Line, Section

    def ln(text, top):
        return Line(3, text, 72, 400, top, top + 12, 12, False, "Arial")

    lines = (ln("290. Section 25 Report", 100), ln("For (3)", 130), ln("Mr Baker, Mr Baldock", 150),
             ln("Against (0)", 180), ln("Motion carried.", 210))
    item = Section("minute_item", "Section 25 Report", 3, 3, number="290", lines=lines)
    (vote,), notes = extract_votes(item)
    assert (vote.for_count, len(vote.records), vote.result) == (3, 2, "carried")
    assert notes == [(3, "minute 290: 'for' count 3 but 2 names printed")]


@needs_shared
def test_hansard_recorded_vote_without_minute_items():

    from pipeline.ingest import process_file

    doc = process_file(str(OTHER / "winnipeg_hansard_2013-11-06_special.pdf"))
    (_, _, vote), = doc.votes
    assert (vote.for_count, vote.against_count, vote.result, vote.page) == (13, 3, "carried", 7)
    assert [r[0] for r in vote.records if r[2] == "against"] == ["Eadie", "Gerbasi", "Orlikow"]
    # "... Wyatt and His Worship, Mayor Katz.": the honorific printed apart joins its name, so the
    # thirteen names agree with "Yeas 13".
    assert ("Katz", "His Worship Mayor", "for") in vote.records
    assert len([r for r in vote.records if r[2] == "for"]) == 13
    assert all(r[1] == "Councillor" for r in vote.records if r[0] != "Katz")
    assert not [p for p in doc.problems if p.code == "count_mismatch"]


@needs_shared
def test_us_minutes_record_approvals_with_mover_and_seconder():

    from pipeline.ingest import process_file

    doc = process_file(str(US / "SSA21_MeetingMinutes_1.29.18.pdf"))
    got = [(r.keyword, r.text) for _, _, r in doc.resolutions]
    assert got == [
        ("approved", "Minutes from 11/30/17 meeting approved"),
        ("approved", "2017/18 Financials approved"),
        ("APPROVED", "2018 Meetings Calendar"),
        ("APPROVED", "Revised 2018 budget"),
    ]
    assert all(r.minute_number is None for _, _, r in doc.resolutions)  # minutes with no numbered items


@needs_shared
def test_an_agenda_of_proposed_resolutions_records_no_decision():

    from pipeline.ingest import process_file

    doc = process_file(str(US / "cuya_health.pdf"))  # "RESOLUTION (2019-37) Accept ..." is a proposal
    assert doc.resolutions == ()


def test_counts_in_a_sentence_and_title_case_resolved():
    from pipeline.extract.resolutions import extract_resolutions
    from pipeline.extract.votes import extract_votes
    from pipeline.models import Line, Section

    def ln(text, top):
        return Line(2, text, 72, 400, top, top + 12, 12, False, "Arial")

    lines = (ln("12. Budget", 100), ln("Councillor Smith moved, and Councillor Jones seconded, that the budget be approved.", 120),
             ln("For 10, Against 3, Abstentions 1", 140), ln("The motion was carried.", 160),
             ln("Resolved: That the budget be approved.", 190))
    item = Section("minute_item", "Budget", 2, 2, number="12", lines=lines)
    (vote,), notes = extract_votes(item)
    assert (vote.for_count, vote.against_count, vote.abstain_count, vote.result, vote.records) == (10, 3, 1, "carried", ())
    assert vote.subject.startswith("Councillor Smith moved")
    (res,) = extract_resolutions(item)
    assert (res.keyword, res.text) == ("Resolved", "That the budget be approved.")


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["RESOLVED: The minutes of the meeting held on 5 March 2024 were approved as a correct record."],
         [("RESOLVED", "The minutes of the meeting held on 5 March 2024 were approved as a correct record.")]),
        (["AGREED \u2013 The minutes were confirmed as a correct record."],
         [("AGREED", "The minutes were confirmed as a correct record.")]),
        (["The Committee RESOLVED that the report be noted."], [("RESOLVED", "that the report be noted.")]),
        (["Following discussion, it was moved, seconded and RESOLVED that the", "recommendations be approved."],
         [("RESOLVED", "that the recommendations be approved.")]),
        (["The Chair reminded Members that the Committee had RESOLVED to defer the item."], []),
        (["Resolved:- That the report be noted."], [("Resolved", "That the report be noted.")]),
        (["RESOLVED:-", "That the report be noted."], [("RESOLVED", "That the report be noted.")]),
        (["Members agreed that the report be noted."], []),
    ],
)
def test_decision_keywords_in_house_styles_the_corpus_lacks(texts, expected):
    lines = tuple(hand_line(t, i + 1) for i, t in enumerate(["12. REPORT", *texts]))
    item = Section(kind="minute_item", title="REPORT", number="12", page_start=1, page_end=1, text="", lines=lines)
    assert [(r.keyword, r.text) for r in extract_resolutions(item)] == expected


def _line(text: str, i: int, segments: tuple[str, ...] = (), bold: bool = False) -> Line:
    return hand_line(text, i, bold, segments=segments)


def _minutes(spec: list[tuple[str, tuple[str, ...]]]) -> Section:
    lines = [_line(t, i, s) for i, (t, s) in enumerate(spec)]
    lines += [_line("1. MINUTES", len(lines), bold=True), _line("The minutes were agreed.", len(lines) + 1)]
    item = Section(kind="minute_item", title="MINUTES", number="1", page_start=1, page_end=1, text="", lines=tuple(lines[-2:]))
    return Section(kind="minutes", title="Minutes", page_start=1, page_end=1, text="", lines=tuple(lines), children=(item,))


def test_attendance_in_columns_and_beside_its_label():
    from pipeline.extract.attendees import extract_attendees

    minutes = _minutes([
        ("Present: Councillor Smith (Chair)", ("Present:", "Councillor Smith (Chair)")),
        ("Councillor Jones Councillor Brown", ("Councillor Jones", "Councillor Brown")),
        ("Councillor Green Councillor Patel", ()),  # two names read as one segment
        ("Apologies: None", ()),
    ])
    people = [(p.honorific, p.name, p.role, p.status) for p in extract_attendees(minutes)]
    assert people == [
        ("Councillor", "Smith", "Chair", "present"), ("Councillor", "Jones", None, "present"),
        ("Councillor", "Brown", None, "present"), ("Councillor", "Green", None, "present"),
        ("Councillor", "Patel", None, "present"),
    ]


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["Membership: Councillors Smith (Chair), Jones (Vice-Chair), Brown,", "Green and Patel", "Contact: Jo Bloggs"],
         [("Smith", "Chair"), ("Jones", "Vice-Chair"), ("Brown", None), ("Green", None), ("Patel", None)]),
        (["To: Councillors Smith (Chair), Jones and Brown", "Date: 1 May 2024"], [("Smith", "Chair"), ("Jones", None), ("Brown", None)]),
        (["To: Members of the Planning Committee", "Councillor Smith"], []),
        (["Councillors: Smith (Chair), Jones (Vice-Chair), Brown", "Contact: Jo Bloggs"],
         [("Smith", "Chair"), ("Jones", "Vice-Chair"), ("Brown", None)]),
    ],
)
def test_membership_listed_after_its_heading(texts, expected):
    from pipeline.extract.members import extract_members

    lines = [_line(t, i) for i, t in enumerate(texts)]
    assert [(p.name, p.role) for p in extract_members(lines)] == expected


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("An apology for absence was received from Councillor Smith.", ["Smith"]),
        ("Councillor Smith sent apologies.", ["Smith"]),
        ("Apologies for absence were submitted on behalf of Councillor Smith. Councillor Brown attended as a substitute.", ["Smith"]),
        ("There were no apologies for absence.", []),
    ],
)
def test_apologies_reported_in_a_sentence(sentence, names):
    from pipeline.extract.attendees import find_apologies

    item = Section(kind="minute_item", title="APOLOGIES", number="1", page_start=1, page_end=1, text="",
                   lines=(_line("1. APOLOGIES", 0), _line(sentence, 1)))
    assert [p.name for p in find_apologies([item])] == names


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["Councillor A moved, seconded by Councillor B, that the application be refused.", "For: 6, Against: 3, Abstentions: 1",
          "The motion was carried."],
         (6, 3, 1, "carried", "that the application be refused.")),  # the motion, not who moved it
        (["The motion was put to the vote and was CARRIED (For 30, Against 20)."], (30, 20, None, "carried", "APPLICATION")),
        (["Upon being put to the vote, there were 5 votes for, 2 against and 1 abstention, and the recommendation was carried."],
         (5, 2, 1, "carried", "APPLICATION")),
        (["On being put to the vote the motion was LOST (4 in favour, 7 against)."], (4, 7, None, "lost", "APPLICATION")),
    ],
)
def test_counts_and_outcomes_said_in_sentences(texts, expected):
    from pipeline.extract.votes import extract_votes

    lines = (_line("5. APPLICATION", 0), *[_line(t, i + 1) for i, t in enumerate(texts)])
    item = Section(kind="minute_item", title="APPLICATION", number="5", page_start=1, page_end=1, text="", lines=lines)
    (vote,), notes = extract_votes(item)
    assert (vote.for_count, vote.against_count, vote.abstain_count, vote.result, vote.subject) == expected
    assert notes == []


def test_attendance_reported_in_sentences():
    # As Norwalk Housing Authority's minutes (a scan) report their roll call.
    from pipeline.extract.attendees import extract_attendees

    minutes = _minutes([
        ("Chair Ramirez called the meeting to order at 5:48 p.m. Responding to roll call were Commissioners", ()),
        ("Perez, Vice Chair Valencia, and Chair Ramirez in person. Commissioners Davis and", ()),
        ("Hernandez participated via videoconference. Commissioner Ayala and Rios were", ()),
        ("absent. Also participating were Jesus M. Gomez, Executive Director; and Theresa Devoy, Clerk.", ()),
    ])
    people = {(p.name, p.status): (p.honorific, p.role) for p in extract_attendees(minutes)}
    assert people == {
        ("Perez", "present"): ("Commissioner", None), ("Valencia", "present"): ("Vice Chair", "Vice Chair"),
        ("Ramirez", "present"): ("Chair", "Chair"), ("Davis", "virtual"): ("Commissioner", None),
        ("Hernandez", "virtual"): ("Commissioner", None), ("Ayala", "absent"): ("Commissioner", None),
        ("Rios", "absent"): (None, None), ("Jesus M. Gomez", "in_attendance"): (None, "Executive Director"),
        ("Theresa Devoy", "in_attendance"): (None, "Clerk"),
    }


@needs_shared
def test_kent_panel_minutes_attendance_ends_at_the_first_item():

    from pipeline.extract.attendees import extract_attendees
    from pipeline.ingest import process_file

    doc = process_file(str(KENT / "KCC_CPP_minutes_2024-10-29.pdf"))
    people = extract_attendees(doc.sections[0])
    by_status: dict[str, list[str]] = {}
    for p in people:
        by_status.setdefault(p.status, []).append(p.name)
    # 'Ms L Game, Ms S Chandler and Ms T Scott were in attendance virtually.': two of the fourteen listed
    assert len(by_status["present"]) == 12 and by_status["present"][:2] == ["Shellina Prendergast", "Paul Bartlett"]
    assert by_status["in_attendance"][-1] == "Maureen Robinson"
    assert by_status["apologies"] == ["R Love", "K Leonard", "A Farmer"]
    # the entries of the lists, now attending virtually ('L Game' is the listed 'Lesley Game')
    assert by_status["virtual"] == ["Lesley Game", "Tracy Scott", "Sue Chandler"]


def test_a_substitute_named_in_the_apologies_item():
    from pipeline.extract.attendees import extract_attendees

    lines = [_line("PRESENT: Councillor Adams (Chair), Councillor Brown", 0), _line("1. APOLOGIES", 1, bold=True),
             _line("Apologies were received from Councillor Xavier. Councillor Young attended as a substitute for", 2),
             _line("Councillor Xavier.", 3), _line("2. MINUTES", 4, bold=True), _line("Agreed.", 5)]
    items = (Section(kind="minute_item", title="APOLOGIES", number="1", page_start=1, page_end=1, text="", lines=tuple(lines[1:4])),
             Section(kind="minute_item", title="MINUTES", number="2", page_start=1, page_end=1, text="", lines=tuple(lines[4:])))
    minutes = Section(kind="minutes", title="Minutes", page_start=1, page_end=1, text="", lines=tuple(lines), children=items)
    assert [(p.name, p.status) for p in extract_attendees(minutes)] == [
        ("Adams", "present"), ("Brown", "present"), ("Xavier", "apologies"), ("Young", "substitute")]


def test_a_substitutes_list_names_who_stood_in_not_whom_for():
    from pipeline.extract.attendees import find_attendance

    lines = [_line("Substitutes: Councillor Young for Councillor Xavier, Councillor Zed (for Councillor Wills)", 0)]
    assert [(p.name, p.status) for p in find_attendance(lines)] == [("Young", "substitute"), ("Zed", "substitute")]
