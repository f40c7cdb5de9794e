"""The meeting a document is for, read from its heading block as a whole; one stored row per meeting."""

from __future__ import annotations

import pytest
import sqlite_utils
from conftest import SHARED, needs_shared

from pipeline.extract.dates import parse_date, parse_time
from pipeline.extract.meeting import extract_front_sheet_meeting, extract_minutes_meeting, find_council
from pipeline.extract.meeting_block import meeting_block
from pipeline.ingest import process_file
from pipeline.models import Line, Meeting
from pipeline.store import ensure_db_shape, save_meeting

CORPUS = SHARED / "corpus" / "dev"
REPO = SHARED / "corpus" / "real"


def line(text: str, top: float, x0: float = 72, x1: float | None = None, size: float = 11, bold: bool = False) -> Line:
    """A line set where a page puts it: flush left at x0, or centred when x0 and x1 are given."""
    return Line(1, text, x0, x1 if x1 is not None else x0 + 5.5 * len(text), top, top + size, size, bold, "Arial",
                segments=(text,))


BODY_TEXT = "This agenda contains a summary of each item of business which the Committee may discuss."


def centred(text: str, top: float, size: float = 12, bold: bool = True) -> Line:
    width = 6 * len(text)
    return line(text, top, 306 - width / 2, 306 + width / 2, size, bold)


def test_a_heading_set_over_several_lines_is_one_block():
    lines = [
        line("Bristol City Council", 75, 64, size=18, bold=True),
        line("Minutes of the Transport & Connectivity", 97, 64, size=18, bold=True),
        line("Policy Committee", 119, 64, size=18, bold=True),
        line("19 March 2026 at 5.00 pm", 163, 64, size=18, bold=True),
        line("Members Present:-", 219, 45, size=12, bold=True),
        line(BODY_TEXT, 240, 45, 540, size=12),
    ]
    assert extract_minutes_meeting(lines, "Bristol City Council") == Meeting(
        "Bristol City Council", "Transport & Connectivity Policy Committee", "2026-03-19", "17:00", None, 1)


def test_a_centred_block_gives_body_venue_date_and_time():
    lines = [
        centred("PARKS AND RECREATION BOARD", 87, 15),
        centred("City Council Chambers", 119, 13.5),
        centred("275 E. Olive Ave.", 135, 13.5),
        centred("Burbank, California 91502", 151, 13.5),
        centred("NOVEMBER 10, 2022", 182, 15),
        centred("06:00 P.M.", 200, 15),
        line(BODY_TEXT, 232, 72, 540, size=12),
    ]
    meeting = extract_front_sheet_meeting(lines, "PARKS AND RECREATION BOARD City Council Chambers")
    assert (meeting.body, meeting.date, meeting.time) == ("PARKS AND RECREATION BOARD", "2022-11-10", "18:00")
    assert meeting.place == "City Council Chambers, 275 E. Olive Ave., Burbank, California 91502"


def test_a_summons_dated_before_its_meeting_names_the_meeting_date():
    lines = [
        line("Summons to and", 197, 289, size=24),
        line("Agenda for a", 224, 289, size=24),
        line("Meeting on", 258, 289, size=24),
        line("Thursday, 13th March,", 292, 289, size=24, bold=True),
        line("2025", 319, 289, size=24, bold=True),
        line("at 10.00 am", 353, 289, size=24, bold=True),
        line("Wednesday, 5 March 2025", 456, 398, 541, size=12),
        line("A meeting of the County Council will be held in the Council Chamber, County Hall,", 511, 57, 492, 12),
        line("Maidstone, Kent, ME14 1XQ on Thursday, 13th March, 2025 at 10.00 am to deal with the", 525, 57, 530, 12),
    ]
    meeting = extract_front_sheet_meeting(lines, "Summons to and Agenda for a Meeting on")
    assert (meeting.body, meeting.date, meeting.time) == ("County Council", "2025-03-13", "10:00")
    assert meeting.place == "Council Chamber, County Hall, Maidstone, Kent, ME14 1XQ"


def test_a_date_printed_alone_is_not_a_meeting_heading():
    lines = [centred("Thursday, December 3, 2020", 95, 10), line(BODY_TEXT, 190, 72, 540, 12)]
    assert meeting_block(lines) is None


@pytest.mark.parametrize(
    "heading, council, body",
    [
        ("Milburn Parish Council - 26th January 2021", "Milburn Parish Council", "Parish Council"),
        ("COUNCIL OF THE CITY OF WINNIPEG - Wednesday, April 30, 2014", "CITY OF WINNIPEG", "COUNCIL"),
    ],
)
def test_a_meeting_of_the_whole_council(heading, council, body):
    lines = [centred(heading, 69, 12, False), line("Present", 131, 88, size=12), line(BODY_TEXT, 146, 88, 506, 12)]
    meeting = extract_minutes_meeting(lines, heading)
    assert (meeting.council, meeting.body) == (council, body)


def test_words_that_name_a_meeting_are_not_a_council():
    assert find_council([line("MINUTES OF THE SPECIAL CITY COUNCIL MEETING", 74, 161, 450)]) is None
    assert find_council([line("THE TAYPORT FERRYPORT ON CRAIG COMMUNITY COUNCIL", 74, 117, 478)]) == (
        "TAYPORT FERRYPORT ON CRAIG COMMUNITY COUNCIL")


def test_a_time_written_against_a_word():
    assert parse_time("HELD IN THE BURGH CHAMBERS ON MONDAY 6th FEBRUARY 2023 AT19:00 HRS") == "19:00"
    assert parse_time("ON MONDAY 2nd OCTOBER 2023 AT 19:00HOURS") == "19:00"
    assert parse_time("Ref 1.19:00") is None


def test_one_meeting_row_per_council_body_and_date():
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    first = save_meeting(db, Meeting(None, "CABINET", "2025-01-30", "10:00", None))
    assert save_meeting(db, Meeting("KENT COUNTY COUNCIL", "Cabinet", "2025-01-30", None, "Council Chamber")) == first
    assert save_meeting(db, Meeting("Kent County Council", " cabinet ", "2025-01-30")) == first
    row = db["meetings"].get(first)
    # One spelling whatever the order: mixed case over capitals (tests/test_site2.py).
    assert (row["council"], row["body"], row["time"], row["place"]) == (
        "Kent County Council", "Cabinet", "10:00", "Council Chamber")
    amp = save_meeting(db, Meeting("Bristol City Council", "Transport & Connectivity Policy Committee", "2026-03-19"))
    assert save_meeting(db, Meeting(None, "Transport and Connectivity Policy Committee", "2026-03-19")) == amp
    assert save_meeting(db, Meeting(None, "Cabinet", "2025-02-13")) not in (first, amp)
    assert db["meetings"].count == 3


@needs_shared
@pytest.mark.parametrize(
    "path, expected",
    [
        ("released/KCC_CountyCouncil_2025-03-13_Agenda_frontsheet.pdf",
         (None, "County Council", "2025-03-13", "10:00", "Council Chamber, County Hall, Maidstone, Kent, ME14 1XQ")),
        ("uk_parish/BurtonCumWalden_PC_2025-11-04_agenda.pdf",
         ("BURTON-CUM-WALDEN PARISH COUNCIL", "PARISH COUNCIL", "2025-11-04", "20:00", "Village Hall, West Burton")),
        ("us_alameda/Alameda_SAOB_2013-09-12_minutes.pdf",
         ("City of Alameda", "Successor Agency Oversight Board", "2013-09-12", "18:00",
          "City Hall, 2263 Santa Clara Avenue, Conference Room 360, Alameda, CA 94501")),
        ("us_lapuente/LaPuente_PlanningCommission_2022-10-18_agenda.pdf",
         ("CITY OF LA PUENTE", "PLANNING COMMISSION", "2022-10-18", "19:00",
          "CITY HALL COUNCIL CHAMBERS, 15900 E. MAIN STREET, LA PUENTE")),
        # The letterhead's venue column prints the heading's address with the venue's name; the council is
        # the 'City of Lomita' the page prints, 'LOMITA CITY COUNCIL' being its body.
        ("released/lomita_agenda_1.pdf",
         ("City of Lomita", "CITY COUNCIL", "2022-12-06", "18:00",
          "LOMITA CITY HALL COUNCIL CHAMBERS 24300 Narbonne Avenue Lomita, CA 90717")),
        # An American 'Alameda City Council' is a body; no 'City of Alameda' is printed, so no council.
        ("us_alameda/Alameda_CityCouncil_2021-05-11_special_minutes.pdf",
         (None, "CITY COUNCIL", "2021-05-11", "18:00", None)),
        ("uk_scotland_cc/Tayport_CC_2023-02-06_minutes.pdf",
         ("TAYPORT FERRYPORT ON CRAIG COMMUNITY COUNCIL", "COMMUNITY COUNCIL", "2023-02-06", "19:00",
          "BURGH CHAMBERS")),
    ],
)
def test_meetings_read_from_real_headings(path, expected):
    m = process_file(str(CORPUS / path), max_pages=3).meeting
    assert (m.council, m.body, m.date, m.time, m.place) == expected


@needs_shared
def test_a_district_in_capitals_is_the_council():
    m = process_file(str(REPO / "other" / "cupertino_usd_4-6-16.pdf")).meeting
    assert (m.council, m.body, m.place) == ("CUPERTINO UNION SCHOOL DISTRICT", "Board of Education",
                                            "Cupertino Union School District, 1309 S. Mary Avenue, Sunnyvale, CA 94087")


# --- notices, venue blocks, French minutes -------------------------------------------------------------------

@needs_shared
def test_a_notice_names_council_body_and_place_in_its_hold_sentence():
    # The notice's own date (Thursday, December 3, 2020) heads the page; the meeting is held on December 8.
    m = process_file(str(REPO / "us" / "il_finance_authority.pdf"), max_pages=1).meeting
    assert (m.council, m.body, m.date, m.time) == (
        "Illinois Finance Authority", "Conduit Financing Committee", "2020-12-08", "09:00")
    assert m.place == "Chicago Office, 160 North LaSalle Street, Suite S-1000, Chicago, Illinois 60601"


def test_hand_built_hold_sentence_of_another_authority():
    lines = [line("Monday, March 1, 2021", 100, 250, 370, bold=True),
             line("The Example Transit Authority (the \u201cAuthority\u201d) will hold a regular meeting of the", 130),
             line("Finance Committee of the Authority at the Authority\u2019s Main Office, 12 Elm Street, Springfield,", 145),
             line("Ohio 45501 on Tuesday, March 9, 2021 at 10:30 a.m.", 160)]
    m = extract_front_sheet_meeting(lines, "Monday, March 1, 2021")
    assert (m.council, m.body, m.date, m.time, m.place) == (
        "Example Transit Authority", "Finance Committee", "2021-03-09", "10:30",
        "Main Office, 12 Elm Street, Springfield, Ohio 45501")


@needs_shared
def test_a_venue_name_line_right_above_the_address_joins_the_place():
    m = process_file(str(CORPUS / "us_alameda" / "Alameda_CitySchool_Subcommittee_2015-09-16_minutes.pdf"),
                     max_pages=1).meeting
    assert m.place == "District Office, 2060 Challenger Drive, Alameda, CA 94501"


def test_a_body_line_above_an_address_is_not_the_venue():
    lines = [line("PLANNING COMMISSION", 100, 250, 360, bold=True), line("Monday, March 1, 2021", 115, 250, 360, bold=True),
             line("Planning Commission", 130, 250, 360, bold=True), line("15 Elm Street", 145, 250, 360, bold=True),
             line("Springfield, OH 45501", 160, 250, 360, bold=True), line(BODY_TEXT, 200)]
    block = meeting_block(lines)
    assert block.place == "15 Elm Street, Springfield, OH 45501"


@needs_shared
def test_an_in_person_way_to_attend_names_the_place():
    m = process_file(str(REPO / "us" / "hermosa_beach_agenda_1.pdf")).meeting
    assert m.place == "Council Chambers, 1315 Valley Drive, Hermosa Beach, CA 90254"


@needs_shared
def test_a_place_after_the_time_on_the_date_line():
    m = process_file(str(REPO / "us" / "SSA21_MeetingMinutes_1.29.18.pdf"), max_pages=1).meeting
    assert (m.body, m.date, m.time, m.place) == ("Commission", "2018-01-29", "09:00", "Carbon Arc Bar & Board")


@needs_shared
def test_a_board_named_for_its_county_is_the_board():
    m = process_file(str(REPO / "us" / "cuya_health.pdf"), max_pages=1).meeting
    assert (m.council, m.body, m.date) == (None, "BOARD OF HEALTH", "2019-04-24")


def test_french_dates_and_times():
    assert parse_time("Séance publique tenue le 20 juin, à 16h00") == "16:00"
    assert parse_time("à 19 h 30") == "19:30"
    assert parse_date("tenue le mardi 20 juin 2023") == "2023-06-20"
    assert parse_date("le 1er décembre 2022") == "2022-12-01"
    assert parse_date("le 20 juin, à 16h00") is None  # no year printed: no date


def test_french_minutes_heading_block():
    lines = [line("COMITÉ DE DÉMOLITION", 100, 227, 384, 12, True), line("PROCÈS-VERBAL", 115, 259, 353, 12, True),
             line("Séance publique tenue le mardi 20 juin 2023, à 16h00 à la salle du conseil", 130, 125, 486, 12, True),
             line("Présences", 160, 71, 130, 12, True)]
    assert extract_minutes_meeting(lines, "COMITÉ DE DÉMOLITION") == Meeting(
        None, "COMITÉ DE DÉMOLITION", "2023-06-20", "16:00", "salle du conseil", 1)


def test_french_minutes_opening_sentence():
    lines = [line("VILLE DE SAINT-EXEMPLE", 100, bold=True, size=14),
             line("PROCÈS-VERBAL de la séance ordinaire du conseil municipal tenue le lundi 3 avril 2023 à 19 h 30 "
                  "à la salle du conseil.", 120),
             line("Sont présents : M. A", 140)]
    assert extract_minutes_meeting(lines, "VILLE DE SAINT-EXEMPLE") == Meeting(
        "VILLE DE SAINT-EXEMPLE", "conseil municipal", "2023-04-03", "19:30", "salle du conseil", 1)
