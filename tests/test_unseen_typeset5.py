"""Front sheets in house styles development set 5 brought (corpus/typeset): members under a roster
heading (a 'Councillor | Portfolio' table, two columns of 'Director Name – Area', a grid of 'Cr Name
(Mayor)' cells over ward lines, 'Members of X:' after a 'To:' line), meeting fields (a body after
'Agenda –', a venue's remote-attendance clause, spaced-capital mastheads) and
an agenda page whose items each print a 'Lead officer:' line."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from pipeline.extract.meeting_fields import letterspaced
from pipeline.extract.member_lists import member_entry, titled_roster
from pipeline.ingest import process_file
from pipeline.models import Document, Line, Word
from pipeline.rules import pattern
from pipeline.sections import _is_report_cover
from tests.conftest import hand_line

TYPESET = Path(__file__).resolve().parents[1] / "corpus" / "typeset"


@cache
def doc(stem: str) -> Document:
    """One set-5 document as ingest reads it (read once per test session)."""
    return process_file(str(TYPESET / f"{stem}.pdf"))


def members(stem: str) -> dict[str, str | None]:
    return {p.name: p.role for p in doc(stem).members}


# Hand-built lines


def cells(texts: tuple[str, ...], i: int, size: float = 9.5, xs: tuple[float, ...] = (68, 225, 380)) -> Line:
    """A row of cells in columns starting at xs."""
    spans = tuple((x, x + 120) for x in xs[: len(texts)])
    return Line(1, "  ".join(texts), xs[0], spans[-1][1], 100 + 13 * i, 100 + 13 * i + size, size, False, "Serif",
                segments=texts, segment_spans=spans)


def test_member_entry_reads_role_honorific_and_drops_the_area():
    chair = member_entry("Chair Colleen Mbeki – Electoral Area B", 1)
    director = member_entry("Director Priya Sandhu – City of Nelvik", 1)
    assert (chair.name, chair.role) == ("Colleen Mbeki", "Chair")
    assert (director.name, director.honorific, director.role) == ("Priya Sandhu", "Director", None)
    assert member_entry("Report of the Manager Statutory Planning", 1) is None
    assert member_entry("Gregory Ward", 1) is None  # no honorific, no office: not a member's cell


def test_grid_joins_a_bracket_wrapped_onto_the_smaller_line_under_it():
    lines = [
        hand_line("Councillors", 0, size=7.5),
        cells(("Cr Ann Lee (Mayor)", "Cr Bo Kim (Deputy", "Cr Cy Roe"), 1),
        cells(("North Ward", "Mayor)", "South Ward"), 2, size=8),
        cells(("Cr Dee Fox", "Cr Ed Hale"), 3),
        cells(("North Ward", "East Ward"), 4, size=8),
        hand_line("Order of Business", 8, size=7.5),
        cells(("Item 1:", "Apologies"), 9, size=10.5),
    ]
    found = {p.name: p.role for p in titled_roster(lines)}
    assert found == {"Ann Lee": "Mayor", "Bo Kim": "Deputy Mayor", "Cy Roe": None, "Dee Fox": None, "Ed Hale": None}


def test_members_table_takes_a_role_only_where_the_portfolio_names_an_office():
    rows = [("Councillor", "Portfolio"), ("Ann Lee", "Leader of the Council; Strategy"),
            ("Bo Kim", "Deputy Leader; Economy"), ("Cy Roe", "Adult Social Services")]
    lines = [hand_line("Cabinet Members", 0, bold=True)] + [cells(r, i + 1, xs=(72, 300)) for i, r in enumerate(rows)]
    found = titled_roster(lines)
    assert [(p.name, p.honorific, p.role) for p in found] == [
        ("Ann Lee", "Councillor", "Leader of the Council"), ("Bo Kim", "Councillor", "Deputy Leader"),
        ("Cy Roe", "Councillor", None)]


def test_a_sentence_about_the_public_is_no_roster_heading():
    rx = pattern("members", "roster_heading")
    assert rx.match("Members of Drumcarrow Municipal District:")
    assert rx.match("Board of Directors") and rx.match("Cabinet Members")
    assert not rx.match("Members of the public who wish to speak")


def test_spaced_capitals_rejoin_at_the_wider_gaps():
    x, words = 100.0, []
    for word in ("ABCD", "COUNCIL"):
        for ch in word:
            words.append(Word(ch, x, x + 8, 60, 74, 14, "Serif", False))
            x += 11.5
        x += 8
    ln = Line(1, " ".join(w.text for w in words), 100, x, 60, 74, 14, False, "Serif", words=tuple(words))
    assert letterspaced(ln) == "ABCD COUNCIL"
    assert letterspaced(hand_line("A B", 0)) == "A B"  # too short to be a spaced heading


def test_remote_attendance_is_not_part_of_the_place():
    tail = pattern("meeting", "place_remote_tail")
    assert tail.sub("", "Town Office, 27 Depot Street, and via Zoom") == "Town Office, 27 Depot Street"
    hybrid = "Council Chamber, County Hall, and by remote attendance (hybrid meeting)"
    assert tail.sub("", hybrid) == "Council Chamber, County Hall"
    assert tail.sub("", "Council Chamber, Church Road") == "Council Chamber, Church Road"


def test_one_field_repeated_under_items_is_no_report_cover():
    class Cue:
        opening = ("8. Housing Grant", "Lead officer: A Person, Head of Housing", "9. Work Programme",
                   "Lead officer: B Person, Head of Democratic Services")
    assert not _is_report_cover(Cue())
    Cue.opening = ("Report of: Director of Finance", "Lead officer: A Person", "Wards affected: All")
    assert _is_report_cover(Cue())


# The set-5 documents


def test_members_from_a_councillor_portfolio_table():
    found = members("Penllyn_CC_Cabinet_2024-07-16_agenda")
    assert len(found) == 7
    assert found["Gwenllian Rees"] == "Leader of the Council" and found["Huw Pritchard"] == "Deputy Leader"
    assert found["Ffion Wyn Davies"] is None
    assert "Delyth Morgan" not in found  # the contact officer


def test_members_in_two_columns_with_the_area_they_represent():
    found = members("Stellaquo_RD_Board_2024-05-23_agenda")
    assert len(found) == 8 and found["Colleen Mbeki"] == "Chair" and found["Darren Olafson"] == "Vice Chair"
    assert found["Samuel Yeo"] is None


def test_members_in_a_three_column_grid():
    found = members("Marrangal_CityCouncil_2024-08-27_agenda")
    assert len(found) == 7 and found["Nikos Papadakis"] == "Deputy Mayor" and found["Bronwyn Tapsell"] == "Mayor"
    assert "Lachlan Forbes" not in found  # the chief executive signs the notice


def test_members_listed_after_a_to_line():
    found = members("Drumcarrow_MD_2024-09-09_pack")
    assert len(found) == 6 and found["Seán Ó Cathasaigh"] == "Cathaoirleach"
    assert "Bríd Ní Mhurchú" not in found  # the meetings administrator


@pytest.mark.parametrize("stem, council, body, place", [
    ("Penllyn_CC_Cabinet_2024-07-16_agenda", "Penllyn County Council", "Cabinet",
     "Siambr y Cyngor / Council Chamber, Neuadd y Sir, Ffordd y Cei, Porthllyn LL53 9PA"),
    ("Wendham_Selectboard_2024-03-18_minutes", "town of wendham", "selectboard",
     "Wendham Town Office, 27 Depot Street"),
    ("Stellaquo_RD_Board_2024-05-23_agenda", "Regional District of Stellaquo Valley", "board of directors",
     "RDSV Board Room, 1250 Lakeshore Drive, Nelvik, BC"),
    ("Strathcairn_Council_Education_2024-06-04_minute", "strathcairn council",
     "education and children’s services committee",
     "Committee Room 2, Council Headquarters, Tolbooth Wynd, Kinross-on-Cairn"),
])
def test_meeting_fields(stem, council, body, place):
    m = doc(stem).meeting
    assert (m.council.casefold(), m.body.casefold(), m.place) == (council.casefold(), body.casefold(), place)


def test_local_municipality_is_the_council():
    assert doc("Mbelazi_LM_Council_2024-10-30_minutes").meeting.council.casefold() == "mbelazi local municipality"


def test_agenda_page_with_lead_officers_stays_in_the_agenda():
    d = doc("Penllyn_CC_Cabinet_2024-07-16_agenda")
    assert [s.kind for s in d.sections] == ["agenda"]
    assert [c.number for c in d.sections[0].children][-4:] == ["8", "9", "10", "11"]


def test_summons_body_stops_before_which():
    m = doc("Drumcarrow_MD_2024-09-09_pack").meeting
    assert m.body == "Drumcarrow Municipal District"


def test_place_stops_before_the_first_item_number():
    m = doc("Mbelazi_LM_Council_2024-10-30_minutes").meeting
    assert m.place == "Council Chamber, Civic Centre, 1 Hlomuka Street, Ezinkawini"
