"""Attendance as a Scottish committee minute prints it: each member with an office and a ward in brackets,
officers listed office first ('Head of Inclusion: Dr Alan Murdoch;'), an office running onto the next line,
and a page in two columns whose right column stands beside the lists."""

from __future__ import annotations

from conftest import CORPUS, hand_line

from pipeline.extract.attendees import extract_attendees, find_attendance
from pipeline.extract.people import parse_person
from pipeline.ingest import process_file


def test_of_two_brackets_the_office_is_the_role_and_the_ward_is_not():
    assert parse_person("Councillor Morag Baillie (Convener) (Kinnaird)") == ("Councillor", "Morag Baillie", "Convener")
    assert parse_person("Councillor Euan Dalgleish (Kinnaird) (Vice-Convener)") == (
        "Councillor", "Euan Dalgleish", "Vice-Convener")


def test_brackets_members_share_are_their_wards():
    lines = [hand_line(t, i) for i, t in enumerate([
        "Present: Councillor Fatima Anwar (Burgh Central); Councillor Rory Brannigan (Lochview);",
        "Councillor Sheena Wallace (Burgh Central); Councillor Ann Bell (Chair).",
        "Also present: Mr A Reid (EDC); Ms B Cole (EDC); Mr C Dunn (PLACE)."])]
    assert [(p.name, p.role) for p in find_attendance(lines)] == [
        ("Fatima Anwar", None), ("Rory Brannigan", None), ("Sheena Wallace", None), ("Ann Bell", "Chair"),
        ("A Reid", "EDC"), ("B Cole", "EDC"), ("C Dunn", "PLACE")]


def test_officers_listed_office_first_and_an_office_running_onto_the_next_line():
    lines = [hand_line(t, i) for i, t in enumerate([
        "Officers: Executive Director of Education and Children’s",
        "Services: Karen Sinclair; Head of Inclusion: Dr",
        "Alan Murdoch; Chief Finance Officer: Stuart",
        "McNeill; Committee Services Officer: Eilidh",
        "Grant.",
    ])]
    people = [(p.honorific, p.name, p.role, p.status) for p in find_attendance(lines)]
    assert people == [
        (None, "Karen Sinclair", "Executive Director of Education and Children’s Services", "in_attendance"),
        ("Dr", "Alan Murdoch", "Head of Inclusion", "in_attendance"),
        (None, "Stuart McNeill", "Chief Finance Officer", "in_attendance"),
        (None, "Eilidh Grant", "Committee Services Officer", "in_attendance"),
    ]


def test_a_heading_with_a_colon_still_ends_a_list():
    lines = [hand_line(t, i) for i, t in enumerate([
        "Present: Councillor A Smith, Councillor B Jones.", "Declarations of Interest: None"])]
    assert [p.name for p in find_attendance(lines)] == ["A Smith", "B Jones"]


def test_a_two_column_minute_lists_everyone_in_its_left_column():
    """Strathcairn (corpus/typeset, set 5): the right column's first lines sit beside the lists and are not in them."""
    doc = process_file(str(CORPUS / "typeset" / "Strathcairn_Council_Education_2024-06-04_minute.pdf"))
    people = [p for s in doc.sections if s.kind == "minutes" for p in extract_attendees(s)]
    rows = {(p.name, p.role, p.status) for p in people}
    assert ("Morag Baillie", "Convener", "present") in rows
    assert ("Sheena Wallace", None, "present") in rows  # (Burgh Central) is her ward, not an office
    assert ("Callum Reid", "Teacher representative", "present") in rows
    assert ("Brenda Sim", "Cairnside", "apologies") in rows
    assert ("Eilidh Grant", "Committee Services Officer", "in_attendance") in rows
    assert len(people) == 15


def test_a_roll_call_table_with_a_designation_column():
    """Mbelazi (corpus/typeset, set 5): 'Councillor | Designation | Party | Attendance'; 'Apology' is an
    apology, a note in brackets is left off the office, and a ward or a kind of seat is no office."""
    from pipeline.extract.attendance_tables import _office

    assert [_office(t) for t in ("Speaker (presiding)", "Ward 3", "PR Councillor", "Chief Whip")] == [
        "Speaker", "", "", "Chief Whip"]
    doc = process_file(str(CORPUS / "typeset" / "Mbelazi_LM_Council_2024-10-30_minutes.pdf"))
    rows = {(p.name, p.role, p.status) for s in doc.sections if s.kind == "minutes" for p in extract_attendees(s)}
    assert {("N.P. Zungu", "Speaker", "present"), ("B.M. Khumalo", None, "apologies"), ("A. Dube", None, "absent"),
            ("P. Shabalala", "Chief Whip", "present"), ("S. Govender", None, "present")} <= rows


def test_attendance_told_in_sentences_of_a_new_england_selectboard():
    """Wendham (corpus/typeset, set 5): 'Also present were ...' lists those in attendance, not members
    present; a name alone opening a sentence may be absent; an office printed before a name is its role."""
    from pipeline.extract.attendees import find_attendance_sentences

    lines = [hand_line(t, i) for i, t in enumerate([
        "Selectboard members present were Chair Margaret Lyle, Vice Chair Tom Aubuchon, Clerk Dana",
        "Whitcomb and Ed Pelletier. Ruth Gagnon was absent. Also present were Town Manager Paul",
        "Greer, Road Foreman Jim Bixby, Zoning Administrator Kerry Ames, and approximately twelve",
        "members of the public."])]
    rows = {(p.name, p.role, p.status) for p in find_attendance_sentences(lines)}
    assert {("Ed Pelletier", None, "present"), ("Ruth Gagnon", None, "absent"),
            ("Paul Greer", "Town Manager", "in_attendance"), ("Jim Bixby", "Road Foreman", "in_attendance"),
            ("Kerry Ames", "Zoning Administrator", "in_attendance")} <= rows
    assert not any("public" in name for name, _, _ in rows)


def test_a_board_listed_name_over_office_beside_its_staff():
    """Tolliver (corpus/typeset, set 2): a US board of supervisors' agenda lists each supervisor's name over
    the office ('Chair, Supervisor District 3'), beside a column of staff whose offices name no member."""
    from pipeline.extract.members import extract_members
    from pipeline.models import Line

    def row(i, *cells):
        spans = tuple((50.0 + 250 * k, 200.0 + 250 * k) for k in range(len(cells)))
        return Line(1, "   ".join(cells), spans[0][0], spans[-1][1], 100 + 12 * i, 110 + 12 * i, 10, False, "Arial",
                    segments=cells, segment_spans=spans)

    lines = [row(0, "Margaret Ellison", "Brenda Sato"), row(1, "Chair, Supervisor District 3", "County Administrative Officer"),
             row(2, "Raymond Ochoa", "Michael Devlin"), row(3, "Vice Chair, Supervisor District 1", "County Counsel"),
             row(4, "Thomas Kirby", "Patricia Ames"), row(5, "Supervisor District 2", "Clerk of the Board"),
             row(6, "Angela Foster"), row(7, "Supervisor District 4")]
    assert [(p.name, p.role) for p in extract_members(lines)] == [
        ("Margaret Ellison", "Chair"), ("Raymond Ochoa", "Vice Chair"), ("Thomas Kirby", None), ("Angela Foster", None)]
