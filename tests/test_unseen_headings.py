"""The meeting, its members and its items in house styles the development corpus lacks (corpus/typeset, set 3):
a parish summons that names the date before the place, an item about another meeting's minutes, a heading line
whose fields are set apart with a middle dot, combined authorities and Ontario school boards as councils."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.meeting import extract_front_sheet_meeting, extract_minutes_meeting
from pipeline.ingest import process_file
from pipeline.models import Meeting
from tests.conftest import hand_line

TYPESET = Path(__file__).resolve().parents[1] / "corpus" / "typeset"


@pytest.fixture(scope="module")
def docs() -> dict[str, object]:
    names = ["LittleHadstock_PC_2024-09-03_agenda", "Severnmoor_CA_Board_2024-07-19_minutes",
             "Kaiwhenua_DC_Council_2024-06-26_minutes", "Kilbrannagh_CoCo_2024-06-10_minutes",
             "TamarackLakes_DSB_2024-04-23_minutes", "Brackleigh_TC_PlanningEnv_2024-10-14_agenda"]
    return {n.split("_")[0]: process_file(str(TYPESET / f"{n}.pdf")) for n in names}


def test_parish_summons_dates_its_meeting_not_the_next(docs) -> None:
    # 'summoned to attend a meeting of ... on Tuesday 3' / 'September 2024 at 7.30pm at the Village Hall, ...';
    # item 12 'Date of next meeting – Tuesday 1 October 2024 at 7.30pm' is another meeting.
    m = docs["LittleHadstock"].meeting
    assert (m.council, m.body, m.date, m.time, m.place) == (
        "Little Hadstock Parish Council", "Parish Council", "2024-09-03", "19:30",
        "Village Hall, Church Street, Little Hadstock")


def test_combined_authority_minutes_heading(docs) -> None:
    # 'Minutes – Severnmoor Combined Authority Board' / 'Friday 19 July 2024, 10.00 am · Boardroom, ...';
    # item '3 Minutes of the meeting held on 14 June 2024' is another meeting's date.
    m = docs["Severnmoor"].meeting
    assert (m.council, m.body, m.date, m.time, m.place) == (
        "Severnmoor Combined Authority", "Board", "2024-07-19", "10:00",
        "Boardroom, Severnmoor House, 2 Quay Street, Portmead PM1 4QS")


def test_minutes_title_and_labelled_time(docs) -> None:
    # 'Minutes of the Council Meeting' / 'Date: ...' / 'Time: 9.30am'
    m = docs["Kaiwhenua"].meeting
    assert (m.body, m.date, m.time) == ("Council", "2024-06-26", "09:30")


def test_monthly_meeting_is_a_kind_of_meeting(docs) -> None:
    # 'Minutes of the Monthly Meeting of Kilbrannagh County Council held in ...'
    m = docs["Kilbrannagh"].meeting
    assert m.body.casefold() == "county council" and m.time == "14:00"


def test_school_board_is_the_council(docs) -> None:
    # 'Tamarack Lakes District School Board' / 'MINUTES OF THE REGULAR BOARD MEETING'
    m = docs["TamarackLakes"].meeting
    assert (m.council, m.body.casefold(), m.date) == ("Tamarack Lakes District School Board", "board", "2024-04-23")


def test_minutes_item_date_is_not_the_heading() -> None:
    lines = [hand_line("Minutes – Example Combined Authority Board", 0, bold=True, size=13),
             hand_line("Friday 19 July 2024, 10.00 am · Boardroom, Example House", 1),
             hand_line("3 Minutes of the meeting held on 14 June 2024", 3, bold=True, segments=("3", "Minutes of the meeting held on 14 June 2024"))]
    m = extract_minutes_meeting(lines, lines[0].text)
    assert (m.council, m.body, m.date, m.time, m.place) == (
        "Example Combined Authority", "Board", "2024-07-19", "10:00", "Boardroom, Example House")


def test_summons_sentence_date_before_place() -> None:
    lines = [hand_line("EXAMPLE PARISH COUNCIL", 0, bold=True, size=14),
             hand_line("You are summoned to attend a meeting of Example Parish Council to be held on Monday", 1),
             hand_line("2 June 2025 at 7.00 pm in the Memorial Hall, High Street, for the purpose of transacting", 2),
             hand_line("1. Apologies", 4),
             hand_line("9. Date of next meeting – Monday 7 July 2025 at 7.00 pm", 5)]
    assert extract_front_sheet_meeting(lines, lines[0].text) == Meeting(
        council="EXAMPLE PARISH COUNCIL", body="PARISH COUNCIL", date="2025-06-02", time="19:00",
        place="Memorial Hall, High Street", page=1)


def test_members_in_two_columns_and_in_a_ward_table(docs) -> None:
    # 'Members of the Council:' over 'Cllr A (Chairman)' | 'Cllr E' rows, read down each column;
    # 'Committee membership:' over a table 'Councillor | Ward'.
    parish = [(p.honorific, p.name, p.role) for p in docs["LittleHadstock"].members]
    assert parish[:2] == [("Cllr", "Margaret Ashdown", "Chairman"), ("Cllr", "Peter Blyth", "Vice-Chairman")]
    assert [n for _, n, _ in parish] == ["Margaret Ashdown", "Peter Blyth", "Sunita Chaudhry", "Robert Ellwood",
                                        "Jane Fairweather", "Alan Gosling", "Naomi Tiller"]
    town = [(p.honorific, p.name, p.role) for p in docs["Brackleigh"].members]
    assert town[0] == ("Councillor", "Anne Fletcher", "Chair") and len(town) == 7
    assert "Ward" not in [n for _, n, _ in town]


def test_member_table_needs_a_member_column() -> None:
    from pipeline.extract.members import extract_members
    rows = [("Item", "Page"), ("Apologies", "1"), ("Minutes", "2"), ("Planning", "3")]
    lines = [hand_line("Committee membership:", 0, bold=True)] + [
        hand_line(" ".join(r), i + 1, segments=r) for i, r in enumerate(rows)]
    assert extract_members(lines) == []
