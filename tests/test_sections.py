"""The pack split into its documents and items, checked against what the PDFs print."""

from __future__ import annotations

from conftest import KENT, LEICESTER, needs_shared

from pipeline.ingest import process_file


def test_leicester_documents_cover_every_page_in_order():
    doc = process_file(str(LEICESTER))
    got = [(s.kind, s.appendix, s.page_start, s.page_end) for s in doc.sections]
    assert got == [
        ("front_sheet", None, 1, 4),
        ("agenda", None, 5, 6),
        ("minutes", "A", 7, 12),
        ("report", "B", 13, 41),
        ("slides", "B", 42, 64),
        ("report", "C", 65, 70),
        ("slides", "C", 71, 91),
        ("work_programme", "D", 92, 93),
    ]
    assert doc.sections[3].title.startswith("Leicester, Leicestershire & Rutland Child Death Overview Panel")


def test_leicester_agenda_items_with_their_appendices():
    doc = process_file(str(LEICESTER))
    agenda = next(s for s in doc.sections if s.kind == "agenda")
    items = {c.number: (c.title, c.appendix, c.page_start) for c in agenda.children}
    assert len(items) == 12
    assert items["3"] == ("MINUTES OF THE PREVIOUS MEETING", "A", 5)
    assert items["10"] == ("REDUCING INFANT MORTALITY IN LEICESTER", "C", 6)
    assert items["12"] == ("ANY OTHER URGENT BUSINESS", None, 6)
    assert agenda.children[8].description.startswith("The Director of Public Health, Leicester City Council")


def test_leicester_minutes_items_and_meetings():
    doc = process_file(str(LEICESTER))
    minutes = next(s for s in doc.sections if s.kind == "minutes")
    assert [c.number for c in minutes.children] == [str(n) for n in range(15, 26)]
    assert minutes.children[6].title == "HEALTH PROTECTION"
    assert (minutes.children[6].page_start, minutes.children[6].page_end) == (8, 9)
    assert doc.meeting.date == "2026-04-28" and doc.meeting.time == "17:30"
    assert doc.meeting.council == "Leicester City Council"
    (index, earlier), = doc.minutes_meetings
    assert doc.sections[index].kind == "minutes"
    assert (earlier.date, earlier.time) == ("2026-03-24", "17:30")


@needs_shared
def test_kent_minutes_ignore_sub_numbering_inside_items():
    # Item 87 numbers its own paragraphs 1., 1., 2. ... 7.: they are not minute items.
    doc = process_file(str(KENT / "KCC_Cabinet_2025-01-30_Printed_minutes.pdf"))
    assert [s.kind for s in doc.sections] == ["minutes"]
    items = doc.sections[0].children
    assert [c.number for c in items] == [str(n) for n in range(84, 93)]
    assert items[4].title == "24/00108 - Revenue and Capital Budget Monitoring Report \u2013 November 2024-25"


@needs_shared
def test_kent_agenda_titles_drop_page_references():
    doc = process_file(str(KENT / "KCC_Cabinet_2025-01-30_Agenda_frontsheet.pdf"))
    items = doc.sections[0].children
    assert items[-1].title == "24/00096 - Commissioning Plan for Education Provision in Kent 2025-29"
    assert doc.meeting.place == "Council Chamber, Sessions House, County Hall, Maidstone"
    assert (doc.meeting.body, doc.meeting.date, doc.meeting.time) == ("CABINET", "2025-01-30", "10:00")


@needs_shared
def test_kent_minute_number_in_its_own_column():
    # County Council minutes print "286." in a margin column beside the title.
    doc = process_file(str(KENT / "KCC_CountyCouncil_2025-02-13_Printed_minutes.pdf"))
    items = doc.sections[0].children
    assert items[1].number == "287"
    assert items[1].title == (
        "Declarations of Disclosable Pecuniary Interests or Other Significant Interests in items on the agenda"
    )


@needs_shared
def test_kent_report_pack_starts_a_document_at_each_agenda_item_label():
    doc = process_file(str(KENT / "KCC_CountyCouncil_2025-01-09_Item3_Supplement_pack.pdf"))
    assert [(s.kind, s.page_start) for s in doc.sections][:2] == [("front_sheet", 1), ("report", 3)]
    # The pack's own bookmark 'Appendix A - 16.12.24 Ministerial Letter' opens page 11, which
    # prints no label of its own (the minister's letter).
    assert (doc.sections[2].appendix, doc.sections[2].page_start, doc.sections[2].page_end) == ("A", 11, 14)
    # Page 15 opens "Appendix B: Devolution Framework Summary Table": the label names its title.
    appendix = doc.sections[3]
    assert (appendix.appendix, appendix.page_start, appendix.page_end) == ("B", 15, 20)
    assert appendix.title == "Devolution Framework Summary Table"
    # The covering letter is dated 7 January; its bold line names the meeting it is for.
    assert (doc.meeting.body, doc.meeting.date) == ("COUNTY COUNCIL", "2025-01-09")


@needs_shared
def test_a_list_of_appendices_at_the_top_of_a_page_starts_none():
    # The report's last page lists "Appendix 1 – Key Service Statement", "Appendix 2 – Savings", ...
    doc = process_file(str(KENT / "KCC_24-00108_Finance_Monitoring_Report_Q3.pdf"))
    assert [(s.kind, s.page_start, s.page_end) for s in doc.sections] == [("report", 1, 54)]


@needs_shared
def test_minutes_without_minute_numbers_are_cut_at_their_item_markers():
    # Kent's Corporate Parenting Panel prints a bold heading with "(Item N)" under it, and numbers
    # paragraphs inside items 1., 2., ...: those are not items.
    doc = process_file(str(KENT / "KCC_CPP_minutes_2024-10-29.pdf"))
    items = doc.sections[0].children
    assert [c.number for c in items] == [str(n) for n in range(1, 13)]
    assert (items[0].title, items[2].title) == ("Apologies and Substitutes", "Minutes of the meeting held on 30 July 2024")
    assert items[5].title == "Adoption Partnership South East, Regional Adoption Agency Annual Report 2023/2024"
    # "CORPORATE PARENTING PANEL– 29 October 2024" / "MINUTES of the meeting held in the Darent Room, ..."
    assert (doc.meeting.body, doc.meeting.date, doc.meeting.place) == (
        "CORPORATE PARENTING PANEL", "2024-10-29", "Darent Room, Sessions House, County Hall, Maidstone")
