"""Votes as British and Irish minutes say them in a sentence: by so many votes to so many, a division
between a motion and an amendment, members voting in favour, and a count label closed by a stop."""

from __future__ import annotations

import pytest
from conftest import hand_line

from pipeline.extract.votes import extract_votes
from pipeline.models import Section


def _item(texts: list[str]) -> Section:
    lines = tuple(hand_line(t, i) for i, t in enumerate(["5. SCHOOL MEALS", *texts]))
    return Section(kind="minute_item", title="SCHOOL MEALS", number="5", page_start=1, page_end=1, lines=lines)


@pytest.mark.parametrize(("texts", "expected"), [
    # Strathcairn (corpus/typeset, set 5): the amendment defeated, so its 2 votes were for and 6 against.
    (["On a vote being taken, the amendment was defeated by 6 votes to 2", "and the motion was carried."],
     (2, 6, None)),
    (["The recommendation was carried by 30 votes to 20, with 2 abstentions."], (30, 20, 2)),
    # A Scottish division: the amendment's votes are against the motion.
    (["On a vote being taken, 3 members voted for the amendment and 5 for the motion, with 1 abstention.",
      "The motion was accordingly carried."], (5, 3, 1)),
    (["7 members voted for the motion and 4 voted for the amendment. The motion was carried."], (7, 4, None)),
    # Drumcarrow (set 5): a show of hands in an Irish municipal district.
    (["The Cathaoirleach called for a show of hands on Cllr Furlong's proposal: 2 members voted in",
      "favour and 3 against, and the proposal was defeated."], (2, 3, None)),
])
def test_a_tally_said_in_a_sentence(texts, expected):
    (vote,), _ = extract_votes(_item(texts))
    assert (vote.for_count, vote.against_count, vote.abstain_count) == expected


def test_a_count_label_with_no_names_may_close_with_a_stop():
    """Thornleigh (set 5): 'Abstain (0).' closes a recorded vote."""
    (vote,), _ = extract_votes(_item([
        "A recorded vote was requested and taken on the amendment as follows:",
        "For (3): Councillors Akhtar, Quinn and Stenson.",
        "Against (5): Councillors Dunmore, Fenwick, Hartley, Hollis and Mr Cole.",
        "Abstain (0).",
        "The amendment was therefore LOST."]))
    assert (vote.for_count, vote.against_count, vote.abstain_count, vote.result) == (3, 5, 0, "lost")


def test_a_division_announced_in_a_sentence_then_printed_is_one_vote():
    """Glenmorvan (corpus/typeset, set 2): the sentence gives the counts, the division under it the names."""
    (vote,), _ = extract_votes(_item([
        "On a division, 3 members voted for the amendment and 5 for the motion, as follows:-",
        "For the motion (5)",
        "Councillors Grieve, MacLeod, Rennie, Sutherland and Yeaman.",
        "For the amendment (3)",
        "Councillors Nicol, Ure and Wallace.",
        "The motion was accordingly carried and the Committee agreed to approve the"]))
    assert (vote.for_count, vote.against_count, vote.result) == (5, 3, "carried")
    assert sorted(n for n, _, k in vote.records if k == "against") == ["Nicol", "Ure", "Wallace"]


def test_names_running_over_lines_closed_by_their_count():
    """Carrigdown (corpus/typeset, set 6): an Irish county council's show of hands, each list closed by its count."""
    (vote,), _ = extract_votes(_item([
        "A vote was taken on the motion, as follows:",
        "For: Cllrs Brophy, Buckley, Cosgrave, Daly, Fennelly, Keane, Mac Mathúna,",
        "Moran, O’Connell, Ó Súilleabháin, Ryan and Teehan (12)",
        "Against: Cllrs Ó Ceallaigh, Cullinane, Egan, Foley, Hanrahan, Kirwan, Mahony,",
        "McInerney and Nolan (9)",
        "Abstained: Cllr Ní Fhlannagáin (1)",
        "The Cathaoirleach declared the motion carried."]))
    assert (vote.for_count, vote.against_count, vote.abstain_count, vote.result) == (12, 9, 1, "carried")
    assert sum(1 for _, _, k in vote.records if k == "for") == 12
    assert "Teehan" in {n for n, _, k in vote.records if k == "for"}
