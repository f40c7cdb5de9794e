"""Meeting headings in house styles the sample corpus does not have, on hand-built lines."""

from __future__ import annotations

import pytest
from conftest import hand_line

from pipeline.extract.meeting import extract_front_sheet_meeting, extract_minutes_meeting
from pipeline.models import Meeting

ln = hand_line


def test_minutes_heading_with_time_then_place():
    lines = [
        ln("BOROUGH OF EXAMPLE", 0, True, 14),
        ln("MINUTES of the meeting of the Planning Committee held on Tuesday, 5 March 2024 at 6.00 pm in the", 1),
        ln("Council Chamber, Town Hall.", 2),
        ln("PRESENT: Councillor A (Chair)", 3),
    ]
    assert extract_minutes_meeting(lines, "BOROUGH OF EXAMPLE") == Meeting(
        "BOROUGH OF EXAMPLE", "Planning Committee", "2024-03-05", "18:00", "Council Chamber, Town Hall", 1)


def test_front_sheet_with_labelled_fields():
    lines = [
        ln("Example District Council", 0, True, 16),
        ln("Meeting: Licensing Committee", 1),
        ln("Date: Wednesday 6 March 2024", 2),
        ln("Time: 7.30 pm", 3),
        ln("Venue: The Guildhall", 4),
    ]
    assert extract_front_sheet_meeting(lines, "Example District Council") == Meeting(
        "Example District Council", "Licensing Committee", "2024-03-06", "19:30", "The Guildhall", 1)


def test_a_dated_letter_names_no_meeting():
    lines = [ln("Direct Dial/Ext: 03000416892", 0), ln("Date: 7 January 2025", 1), ln("Dear Member", 2)]
    meeting = extract_front_sheet_meeting(lines, "Direct Dial/Ext: 03000416892")
    assert meeting is None or meeting.body is None  # without a body the meeting is not stored


@pytest.mark.parametrize(
    "texts, title, expected",
    [
        (["Minutes of the Licensing Sub-Committee meeting held on Thursday 7 March 2024 at 10.00 am"], None,
         ("Licensing Sub-Committee", "2024-03-07", "10:00")),
        (["MINUTES OF THE PLANNING COMMITTEE", "Held on Wednesday, 6 March 2024 at 7.00 pm"], None,
         ("PLANNING COMMITTEE", "2024-03-06", "19:00")),
        # An item that reports the previous minutes is not the heading: its date is not the meeting's.
        (["PLANNING COMMITTEE", "6 March 2024", "1. Minutes of the previous meeting held on 5 February 2024"], None,
         ("PLANNING COMMITTEE", "2024-03-06", None)),
        (["PLANNING COMMITTEE", "6 March 2024", "1. Minutes of the meeting held on 5 February 2024"], None,
         ("PLANNING COMMITTEE", "2024-03-06", None)),
        (["PLANNING COMMITTEE", "6 March 2024", "The meeting commenced at 7.05 pm."], None,
         ("PLANNING COMMITTEE", "2024-03-06", "19:05")),
    ],
)
def test_minutes_headings_name_their_body_and_date(texts, title, expected):
    lines = [ln(t, i) for i, t in enumerate(texts)]
    m = extract_minutes_meeting(lines, title or texts[0])
    assert (m.body, m.date, m.time) == expected


def test_front_sheet_labelled_when_and_where():
    lines = [ln("Cabinet", 0, True, 16), ln("When: Tuesday 5 March 2024, 6.30pm", 1), ln("Where: Committee Room 2, Civic Centre", 2)]
    assert extract_front_sheet_meeting(lines, "Cabinet") == Meeting(
        None, "Cabinet", "2024-03-05", "18:30", "Committee Room 2, Civic Centre", 1)


@pytest.mark.parametrize(
    "marker, date",
    [("Membership: Councillor Smith (Chair), Councillor Jones", "2024-03-05"),  # British: day first
     ("Councilmember Smith, Councilmember Jones", "2024-05-03"),  # American: month first
     ("", None)],  # nothing says which: no guess
)
def test_an_ambiguous_numeric_date_is_read_in_the_documents_order(marker, date):
    lines = [ln("Meeting: Planning Committee", 0), ln("Date: 05/03/2024", 1)] + ([ln(marker, 2)] if marker else [])
    m = extract_front_sheet_meeting(lines, "Meeting: Planning Committee")
    assert (m.date if m else None) == date
    assert m is None or m.place is None  # the line under a "Date:" field is not a venue


def test_held_goes_straight_on_to_the_day_and_date():
    """Alder Crossing (corpus/typeset, set 6): 'Held Monday, October 21, 2024 at 7:00 p.m. in ...' under the
    heading; a later minute's earlier date ('minutes of October 7') must not date the meeting."""
    lines = [hand_line(t, i) for i, t in enumerate([
        "City of Alder Crossing", "Minutes of the Regular Meeting of Council",
        "Held Monday, October 21, 2024 at 7:00 p.m. in the Council Chambers, City Hall, 2150 Fraser Avenue,",
        "Alder Crossing, BC", "Present: Mayor Gurpreet Dhaliwal, Councillors Mei-Ling Cho and Karen Lund",
        "C.1 Regular Council Meeting – October 7, 2024"])]
    meeting = extract_minutes_meeting(lines, "Minutes of the Regular Meeting of Council")
    assert (meeting.date, meeting.time) == ("2024-10-21", "19:00")
