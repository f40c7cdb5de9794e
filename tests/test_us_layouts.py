"""US, Canadian and other house styles from the shared corpus: roll-call tables, Roman-numbered
agendas, notices dated apart from their meeting, bulleted attendance, a Quebec procès-verbal,
text scaled by its matrix or by a form."""

from __future__ import annotations

from conftest import OTHER, US, needs_shared

from pipeline.extract.attendees import extract_attendees
from pipeline.extract.resolutions import extract_resolutions
from pipeline.ingest import process_file
from pipeline.read import read_pdf

pytestmark = needs_shared


def test_minutes_with_a_roll_call_table():
    # Type set at size 1 and scaled by the text matrix: the title is still found, and says minutes.
    doc = process_file(str(US / "eastpaloalto_ca_minutes_2020-01-27.pdf"))
    (minutes,) = doc.sections
    assert minutes.kind == "minutes"
    assert [c.number for c in minutes.children if c.level == 1] == [str(n) for n in range(1, 9)]
    # Bold headings numbered afresh, indented under an item, are its sub-items.
    assert [c.number for c in minutes.children if c.level == 2][:2] == ["4.1", "4.2"]
    assert (doc.meeting.date, doc.meeting.time) == ("2020-01-27", "19:00")
    # The venue is centred under the centred date line of the heading block.
    assert doc.meeting.place == "EPA Government Center City Council Chamber, East Palo Alto, CA 94303"
    people = {p.name: p for p in extract_attendees(minutes)}
    assert len(people) == 8
    # 'Commissioner' in the Title column is the title a member holds (honorific), 'Alternate' an office
    assert (people["Uriel Hernandez"].status, people["Uriel Hernandez"].honorific) == ("absent", "Commissioner")
    assert people["Uriel Hernandez"].role is None
    assert (people["Andrei Garcia"].status, people["Juan Mendez"].role) == ("present", "Alternate")


def test_text_placed_in_a_scaled_form_has_its_printed_size():
    # The first page is drawn inside a form XObject at 0.48: "Tuesday, January 10, 2023" is 12.25 pt.
    first = next(read_pdf(US / "hermosa_beach_agenda_1.pdf"))
    sizes = {w.text: w.size for w in first.words}
    assert abs(sizes["Tuesday,"] - 12.25) < 0.05


def test_roman_numbered_agenda_sections():
    doc = process_file(str(US / "hermosa_beach_agenda_1.pdf"))
    items = [i for i in doc.sections[0].children if i.level == 1]  # sub-items ('XIV.a') nest under them
    assert [i.number for i in items][:4] == ["I", "II", "III", "IV"]
    assert (items[-1].number, items[-1].title) == ("XVI", "ADJOURNMENT")
    assert items[12].title == "PUBLIC HEARINGS - TO COMMENCE AT 6:30 P.M."
    assert (doc.meeting.council, doc.meeting.date, doc.meeting.time) == ("City of Hermosa Beach", "2023-01-10", "17:00")
    # The title is the city's name; the body is named on a heading line of its own further down.
    assert doc.meeting.body == "City Council"


def test_a_notice_dated_before_its_meeting():
    # Dated 3 December; the meeting it gives notice of is on Tuesday 8 December at 9:00 AM.
    doc = process_file(str(US / "il_finance_authority.pdf"))
    assert (doc.meeting.date, doc.meeting.time, doc.meeting.place) == ("2020-12-08", "09:00", "Chicago Office, 160 North LaSalle Street, Suite S-1000, Chicago, Illinois 60601")


def test_other_councils_named_inside_an_agenda_are_not_its_council():
    # The Cuyahoga County Board of Health's agenda names cities its contracts concern.
    doc = process_file(str(US / "cuya_health.pdf"))
    assert doc.meeting.date == "2019-04-24"
    assert doc.meeting.council is None
    assert doc.meeting.body == "BOARD OF HEALTH"  # the board, named for its county


def test_a_time_and_venue_in_a_column_beside_the_heading():
    doc = process_file(str(OTHER / "cupertino_usd_4-6-16.pdf"))
    assert (doc.meeting.date, doc.meeting.time) == ("2016-04-06", "07:30")
    assert doc.meeting.place == "Cupertino Union School District, 1309 S. Mary Avenue, Sunnyvale, CA 94087"


def test_bulleted_attendance_labels_end_at_the_next_bullet():
    doc = process_file(str(US / "SSA21_MeetingMinutes_1.29.18.pdf"))
    people = extract_attendees(doc.sections[0])
    absent = [p.name for p in people if p.status == "absent"]
    assert absent == ["Shelley Young", "Pat Bader"]
    assert [p.name for p in people if p.status == "present"][:2] == ["Anthony Qaiyum", "Zach Maiorca"]
    assert ("Kimberly Bares", "PLACE Consulting") in [(p.name, p.role) for p in people if p.status == "in_attendance"]


def test_a_quebec_proces_verbal_is_minutes_with_its_resolution():
    doc = process_file(str(OTHER / "2023-06-20-PV.pdf"))
    (minutes,) = doc.sections
    assert minutes.kind == "minutes"
    assert [c.number for c in minutes.children] == ["1", "2", "3", "4", "5"]
    (decision,) = extract_resolutions(minutes.children[3])
    assert decision.keyword == "RÉSOLU"
    assert decision.text.startswith("D’APPROUVER la demande de démolition partielle")


def test_a_board_listed_as_name_and_role_lines_without_a_heading():
    from pipeline.extract.members import extract_members

    doc = process_file(str(US / "norwalk_agenda_1.pdf"), max_pages=2)
    members = [(p.name, p.honorific, p.role) for p in extract_members(doc.sections[0].lines)]
    assert members[:3] == [("Rick Ramirez", None, "Chair"), ("Ana Valencia", None, "Vice Chair"),
                           ("Tony Ayala", "Commissioner", None)]
    assert len(members) == 7


def test_a_roster_set_as_role_then_name():
    from pipeline.extract.members import extract_members

    doc = process_file(str(US / "hermosa_beach_agenda_1.pdf"), max_pages=1)
    members = [(p.name, p.role) for p in extract_members(doc.sections[0].lines)]
    # "Mayor / Ray Jackson / Mayor Pro Tem / Justin Massey / Councilmembers / ...": the city
    # treasurer and attorney printed after them are officers, not members.
    assert members == [("Ray Jackson", "Mayor"), ("Justin Massey", "Mayor Pro Tem"), ("Dean Francois", None),
                       ("Rob Saemann", None), ("Mike Detoy", None)]


def test_venue_and_time_on_one_line_under_the_date():
    doc = process_file(str(OTHER / "omaha_council_agenda_2012-10-16.pdf"), max_pages=2)
    # "CITY COUNCIL AGENDA FOR OCTOBER 16, 2012" / "LEGISLATIVE CHAMBERS - 2:00 P.M."
    assert (doc.meeting.body, doc.meeting.date, doc.meeting.time, doc.meeting.place) == (
        "CITY COUNCIL", "2012-10-16", "14:00", "LEGISLATIVE CHAMBERS")


def test_ruled_boxes_of_fields_are_not_tables_and_cut_columns_are_joined():
    from pipeline.extract.tables import build_tables
    from pipeline.layout import find_pages

    pages = find_pages(list(read_pdf(US / "eastpaloalto_ca_minutes_2020-01-27.pdf")))
    # The roll call is drawn as a table whose header cells sit beside their columns; the
    # "RESULT: / MOTION BY: / SECOND:" boxes are fields, not tables.
    (table,) = build_tables(pages)
    assert table.rows[0] == ("Attendee Name", "Title", "Status", "Arrived")
    assert table.rows[1] == ("Andrei Garcia", "Commissioner", "Late", "7:08 p.m.")
    assert len(table.rows) == 9


def test_agenda_items_set_in_columns_are_not_tables():
    from pipeline.extract.tables import build_tables
    from pipeline.layout import find_pages

    # "b) REPORT  CITY COUNCIL MEETING MINUTES" / "23-0021  (City Clerk ...)" / "Recommendation:  Staff ..."
    pages = find_pages(list(read_pdf(US / "hermosa_beach_agenda_1.pdf", max_pages=8)))
    assert build_tables(pages) == []
