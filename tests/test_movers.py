"""Movers, seconders and a decision's printed number: read from the motion's own clause, never guessed."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
from conftest import SHARED, hand_line, needs_shared

from pipeline.extract.movers import clauses_in, pick
from pipeline.extract.resolutions import extract_resolutions
from pipeline.extract.votes import extract_votes
from pipeline.ingest import process_file
from pipeline.models import Section
from pipeline.schema import migrations
from pipeline.store import open_db, save_document

CORPUS = SHARED / "corpus"


def _item(texts: list[str]) -> Section:
    lines = tuple(hand_line(t, i) for i, t in enumerate(["7. REPORT", *texts]))
    return Section(kind="minute_item", title="REPORT", number="7", page_start=1, page_end=1, lines=lines)


def _decided(texts: list[str]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(r.text, r.resolution_number, r.mover, r.seconder) for r in extract_resolutions(_item(texts))]


# --- the clause itself -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Recommendation 2A was moved by Councillor Plowden and seconded by Councillor Morris. On being put",
         ("Councillor Plowden", "Councillor Morris")),
        ("Councilmember Knox White moved approval of the staff recommendation. Vice Mayor Vella seconded the motion.",
         ("Councilmember Knox White", "Vice Mayor Vella")),
        ("Minutes from 11/30/17 meeting approved – Z. Maiorca (motion), T. Feinberg (second)", ("Z. Maiorca", "T. Feinberg")),
        ("Resolution (15-06) adopted (Spencer/Potter and passed unanimously, 4-0-3).", ("Spencer", "Potter")),
        ("Mr Gough proposed, and Mr Brady seconded that Mr G Cooke be elected", ("Mr Gough", "Mr Brady")),
        ("Commissioner Allen Fisk made a motion, seconded by Commissioner Mendez, to postpone",
         ("Commissioner Allen Fisk", "Commissioner Mendez")),
        ("Moved by His Worship Mayor Katz, Seconded by Councillor Steen,", ("His Worship Mayor Katz", "Councillor Steen")),
        ("Proposed by Cllr Harris, seconded by Cllr Wood that the precept be set.", ("Cllr Harris", "Cllr Wood")),
        ("Commissioner Perez moved and Chair Ramirez seconded to approve the consent calendar",
         ("Commissioner Perez", "Chair Ramirez")),
        # A passive with no name, and a name that is not a mover, name nobody.
        ("The report recommendations were moved. It was proposed that the group be chaired by Councillor Bryher.",
         (None, None)),
    ],
)
def test_mover_clauses_as_printed(text, expected):
    assert pick(clauses_in(text)) == expected


def test_the_seconder_belongs_to_the_last_mover():
    # An amendment moved after the recommendation: its seconder is printed after it, not the one before.
    text = ("The recommendation was moved by Councillor Plowden and seconded by Councillor Edwards. "
            "Councillor Wilcox moved an amendment to the report as follows: The amendment was seconded by Councillor Bryher")
    assert pick(clauses_in(text)) == ("Councillor Wilcox", "Councillor Bryher")
    # No seconder printed for the amendment: none is borrowed from the motion before it.
    assert pick(clauses_in(text.rsplit(" The amendment", 1)[0])) == ("Councillor Wilcox", None)


# --- forms named by councils the corpus lacks ------------------------------------------------

def test_canadian_numbered_resolution_keeps_its_printed_number():
    got = _decided(["Resolution No. R24-117", "Moved by: Councillor Reyes", "Seconded by: Councillor Tremblay",
                    "That the 2024 operating budget be approved.", "Carried"])
    assert got == [("That the 2024 operating budget be approved.", "R24-117", "Councillor Reyes", "Councillor Tremblay")]


def test_defeated_motion_is_no_decision_and_lends_no_mover_to_the_next():
    got = _decided(["Resolution No. R24-118", "Moved by: Councillor Reyes", "Seconded by: Councillor Tremblay",
                    "That the fees be doubled.", "Defeated",
                    "Resolution No. R24-119", "Moved by: Councillor Singh", "Seconded by: Councillor Roy",
                    "That the fees be frozen.", "Carried"])
    assert got == [("That the fees be frozen.", "R24-119", "Councillor Singh", "Councillor Roy")]


def test_us_motion_sentence_and_its_vote():
    texts = ["Motion by Councilmember Ortiz, seconded by Councilmember Lee, to approve the consent calendar.",
             "Motion carried 5-0."]
    assert _decided(texts) == []  # a US motion is recorded as a vote, not a resolution
    votes, _ = extract_votes(_item(texts))
    assert [(v.for_count, v.against_count, v.result, v.mover, v.seconder) for v in votes] == [
        (5, 0, "carried", "Councilmember Ortiz", "Councilmember Lee")]


def test_on_motion_of_the_following_resolution_was_adopted():
    got = _decided(["On motion of Commissioner Hall, seconded by Commissioner Diaz, the following resolution was adopted:",
                    "RESOLVED, that the audit be accepted."])
    assert got == [("that the audit be accepted.", None, "Commissioner Hall", "Commissioner Diaz")]


def test_legistar_motion_made_by_that_this_matter_be_adopted():
    item = Section(kind="minute_item", title="Resolution Approving the Annual Audit", number="12", page_start=1,
                   page_end=1, lines=tuple(hand_line(t, i) for i, t in enumerate([
                       "12. Resolution Approving the Annual Audit",
                       "A motion was made by Councilmember Kaplan, seconded by Councilmember Gallo, that this matter be",
                       "Adopted. The motion carried by the following vote:"])))
    got = [(r.text, r.mover, r.seconder) for r in extract_resolutions(item)]
    assert got == [("Resolution Approving the Annual Audit", "Councilmember Kaplan", "Councilmember Gallo")]


def test_parish_proposed_and_agreed_stores_the_motion_with_its_proposer():
    got = _decided(["Proposed by Cllr Harris, seconded by Cllr Wood that the precept be set at £4,500.", "Agreed."])
    assert got == [("that the precept be set at £4,500.", None, "Cllr Harris", "Cllr Wood")]


def test_withdrawn_motion_is_no_decision():
    assert _decided(["Moved by: Councillor Reyes", "Seconded by: Councillor Roy", "That the item be deferred.",
                     "Withdrawn"]) == []


def test_a_decision_after_a_lost_motion_names_no_mover():
    # The mover printed above belongs to the motion that was lost, not to the decision that follows.
    got = _decided(["Councillor Wilcox moved an amendment, seconded by Councillor Bryher.",
                    "On being put to the vote the amendment was LOST (3 for, 6 against).",
                    "RESOLVED that the report be noted."])
    assert got == [("that the report be noted.", None, None, None)]


# --- real documents --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def movers_db(tmp_path_factory) -> sqlite3.Connection:
    if not SHARED.exists():
        pytest.skip("the shared corpus is not beside the repository")
    db = open_db(tmp_path_factory.mktemp("movers") / "movers.db")
    for rel in ("dev/uk_bristol/Bristol_TCPC_2024-09-12_Printed_minutes.pdf", "real/us/SSA21_MeetingMinutes_1.29.18.pdf",
                "dev/us_alameda/Alameda_CityCouncil_2021-05-11_special_minutes.pdf",
                "real/us/eastpaloalto_ca_minutes_2020-01-27.pdf", "dev/us_alameda/Alameda_SAOB_2015-09-16_minutes.pdf"):
        save_document(db, process_file(str(CORPUS / rel)))
    conn = db.conn
    conn.row_factory = sqlite3.Row
    return conn


def _rows(conn, table: str, filename: str, cols: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(
        f"select {cols} from {table} t join documents d on d.id = t.document_id where d.filename = ? order by t.id",
        [filename])]


@needs_shared
def test_bristol_votes_name_mover_and_seconder(movers_db):
    got = _rows(movers_db, "votes", "Bristol_TCPC_2024-09-12_Printed_minutes.pdf", "for_count, against_count, result, mover, seconder")
    assert (6, 0, "carried", "Councillor Plowden", "Councillor Morris") in got  # recommendation 2A
    assert (4, 5, "lost", "Councillor Plowden", "Councillor Bryher") in got


@needs_shared
def test_alameda_roll_call_vote_names_the_councilmembers(movers_db):
    got = _rows(movers_db, "votes", "Alameda_CityCouncil_2021-05-11_special_minutes.pdf", "mover, seconder")
    assert got == [("Councilmember Knox White", "Vice Mayor Vella")]


@needs_shared
def test_vote_box_labels_and_motion_suffixes(movers_db):
    box = _rows(movers_db, "votes", "eastpaloalto_ca_minutes_2020-01-27.pdf", "result, mover, seconder")
    assert ("carried", "Mashack", "Brown") in box and ("lost", "Allen Fisk", "Mendez") in box
    ssa = _rows(movers_db, "resolutions", "SSA21_MeetingMinutes_1.29.18.pdf", "text, mover, seconder")
    assert ("Minutes from 11/30/17 meeting approved", "Z. Maiorca", "T. Feinberg") in ssa


@needs_shared
def test_numbered_resolution_adopted_with_its_movers(movers_db):
    got = _rows(movers_db, "resolutions", "Alameda_SAOB_2015-09-16_minutes.pdf", "minute_number, resolution_number, mover, seconder")
    assert ("4a", "15-06", "Spencer", "Potter") in got and ("4b", "15-07", "Spencer", "Kahn") in got
    assert ("2a", "15-05", None, None) in got  # adopted by unanimous consent: nobody is named


# --- the schema ------------------------------------------------------------------------------

def test_a_database_made_before_movers_migrates(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m005_movers")
    assert "mover" not in old["votes"].columns_dict
    old["resolutions"].insert({"text": "That the report be noted.", "keyword": "RESOLVED"})
    old.close()
    db = open_db(path)
    assert {"resolution_number", "mover", "seconder"} <= set(db["resolutions"].columns_dict)
    assert {"mover", "seconder"} <= set(db["votes"].columns_dict)
    row = next(db["resolutions"].rows)
    assert (row["text"], row["mover"]) == ("That the report be noted.", None)
    # The search index still follows the table after the change.
    db["resolutions"].insert({"text": "That the budget be adopted.", "keyword": "RESOLVED", "mover": "Councillor Reyes"})
    assert [r["text"] for r in db["resolutions"].search("budget")] == ["That the budget be adopted."]


def test_a_withdrawn_motion_is_stored_as_withdrawn_with_its_box_labels():
    votes, _ = extract_votes(_item(["RESULT: WITHDRAWN", "MOVER: Ortiz", "SECONDER: Lee", "AYES: Ortiz, Lee, Kim"]))
    assert [(v.result, v.mover, v.seconder) for v in votes] == [("withdrawn", "Ortiz", "Lee")]


def _at(text: str, i: int, x0: float):
    import dataclasses
    return dataclasses.replace(hand_line(text, i), x0=x0)


def _consent(entries: int) -> Section:
    """An item with lettered entries whose bodies hang right of their markers; a vote box after the last."""
    kids = []
    for n in range(1, entries + 1):
        lines = [_at(f"{n}. Entry {n}", 10 * n, 108), _at("Approve the schedule.", 10 * n + 1, 144)]
        if n == entries:
            lines += [_at("RESULT: APPROVED [UNANIMOUS]", 10 * n + 2, 108), _at("MOTION BY: Garcia", 10 * n + 3, 108),
                      _at("SECOND: Fisk", 10 * n + 4, 108), _at("AYES: Garcia, Fisk, Brown", 10 * n + 5, 108)]
        kids.append(Section("minute_item", f"Entry {n}", 1, 1, number=f"4.{n}", lines=tuple(lines), level=2, parent=0))
    parent = Section("minute_item", "CONSENT CALENDAR", 1, 1, number="4", lines=(_at("4. CONSENT CALENDAR", 0, 72),))
    return Section("minutes", "MINUTES", 1, 1, children=(parent, *kids))


def test_vote_box_after_the_last_of_several_entries_is_the_parent_items():
    from pipeline.ingest import extract_facts
    votes = extract_facts("x.pdf", [_consent(2)], [])["votes"]
    assert [(child, v.minute_number, v.mover) for _, child, v in votes] == [(0, "4", "Garcia")]
    # After a sole entry the box stays with that entry.
    votes = extract_facts("x.pdf", [_consent(1)], [])["votes"]
    assert [(child, v.minute_number) for _, child, v in votes] == [(1, "4.1")]
