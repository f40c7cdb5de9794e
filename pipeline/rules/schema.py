"""The declared shape of every rules file: its keys, their types and the named groups the code reads.

To add a key to a rules file: write it in the .yml file AND add one line `"key": Key(type, ...)`
under that file's name in SCHEMA below (type from TYPES; `groups=` for the named groups the code
reads with m.group("name"), `positional=1` when it reads m.group(1), `kinds=` when the code
relies on a closed set of kinds). A new rules file needs a new entry in SCHEMA. Every key
declared here must be in its file (unless optional=True) and every key in a file must be declared
here; `validate_rules()` checks all of it before any PDF is read.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of entries:
#   pattern        one regular expression (a string)
#   patterns       a list of regular expressions
#   kind_patterns  a mapping kind -> regular expression or list of regular expressions
#   words          a list of plain strings (a vocabulary; not regular expressions)
#   word_map       a mapping string -> string
#   kind_words     a mapping kind -> list of plain strings
#   number         an int or a float
TYPES = ("pattern", "patterns", "kind_patterns", "words", "word_map", "kind_words", "number")


@dataclass(frozen=True)
class Key:
    """One key of a rules file.

    type:       one of TYPES.
    groups:     named groups every pattern of the key must define (the code calls m.group(name)).
    positional: how many numbered groups every pattern must have at least (the code calls m.group(1)).
    kinds:      for kind_patterns / kind_words, the only kinds allowed (None: any kind).
    optional:   the key may be left out of the file.
    """

    type: str
    groups: tuple[str, ...] = ()
    positional: int = 0
    kinds: tuple[str, ...] | None = None
    optional: bool = False


# Closed vocabularies the code relies on for the kinds of a mapping.
DOCUMENT_KINDS = ("front_sheet", "agenda", "minutes", "report", "slides", "work_programme", "other")
ATTENDANCE = ("present", "apologies", "absent", "in_attendance", "virtual", "substitute")
VOTE_KINDS = ("for", "against", "abstain")

SCHEMA: dict[str, dict[str, Key]] = {
    "documents": {
        "appendix_label": Key("pattern", positional=1),
        "title_kinds": Key("kind_patterns", kinds=DOCUMENT_KINDS),
        "opening_kinds": Key("kind_patterns", kinds=DOCUMENT_KINDS),
        "motion_record": Key("pattern"),
        "item_label": Key("pattern", positional=1),
        "report_cover_fields": Key("patterns"),
        "document_nouns": Key("pattern"),
        "front_sheet_markers": Key("patterns"),
        "minutes_evidence": Key("patterns"),
        "pack_bookmark": Key("pattern"),
        "bookmark_document": Key("pattern", positional=1),
    },
    "items": {
        "appendix_reference": Key("pattern", positional=1),
        "page_reference": Key("pattern"),
        "page_column": Key("pattern"),
        "item_marker": Key("pattern", positional=1),
        "outline_label": Key("pattern", groups=("open", "label", "mark", "title")),
        "item_heading": Key("pattern", groups=("label", "number", "title")),
        "action_outcome": Key("pattern"),
        "item_label_spaced": Key("pattern", groups=("label", "number", "title")),
        "prefixed_heading": Key("pattern", groups=("label", "number", "title")),
        "year_heading": Key("patterns", groups=("label", "number", "title")),
        "file_number": Key("pattern"),
        "field_label": Key("patterns"),
        "title_note": Key("pattern"),
    },
    "meeting": {
        "council": Key("pattern", positional=1),
        "body_prefix": Key("pattern"),
        "body_suffix": Key("pattern"),
        "minutes_heading": Key("pattern", groups=("body", "place", "date")),
        "minutes_title": Key("pattern", groups=("body",)),
        "minutes_heading_more": Key("patterns", groups=("body", "place", "date")),
        "date_label": Key("pattern", groups=("value",)),
        "time_label": Key("pattern", groups=("value",)),
        "place_label": Key("pattern", groups=("value",)),
        "body_label": Key("pattern", groups=("value",)),
        "place_after": Key("pattern", groups=("place",)),
        "place_after_time": Key("pattern", groups=("place",)),
        "other_label": Key("pattern"),
        "column_label": Key("pattern"),
        "not_a_body": Key("pattern"),
        "body_line": Key("pattern"),
        "body_of_place": Key("pattern", groups=("body",)),
        "not_a_minutes_body": Key("pattern"),
        "start_sentence": Key("pattern", groups=("time",)),
        "minutes_place": Key("pattern", groups=("place",)),
        "date_order": Key("kind_patterns", kinds=("DMY", "MDY")),
        "venue_line": Key("pattern"),
        "not_a_venue": Key("pattern"),
        "held_sentence": Key("pattern", groups=("body", "place", "date", "time")),
        "hold_sentence": Key("pattern", groups=("council", "body", "place", "date", "time")),
        "summons_sentence": Key("pattern", groups=("body", "place", "date", "time")),
        "other_meeting": Key("pattern"),
        "council_kind": Key("pattern"),
        "meeting_label": Key("pattern"),
        "body_word": Key("pattern"),
        "other_months": Key("kind_words"),
        "place_remote_tail": Key("pattern"),
    },
    "members": {
        "roster_heading": Key("pattern"),
        "table_name_column": Key("pattern"),
        "leading_member_titles": Key("words"),
    },
    "people": {
        "honorifics": Key("words"),
        "plural_honorifics": Key("word_map"),
        "not_names": Key("words"),
        "post_nominals": Key("words"),
        # Alternatives joined into one label pattern by the code, so each must compile on its own.
        "attendance_labels": Key("kind_patterns", kinds=ATTENDANCE),
        "substitute_for": Key("pattern"),
        "substitute_note": Key("pattern"),
        "organisation_bracket": Key("pattern"),
        "chair_line": Key("pattern", groups=("role", "name")),
        "label_bullet": Key("pattern"),
        "vote_tally": Key("pattern"),
        "seat_not_office": Key("pattern"),
        "attendance_sentences": Key("kind_patterns", groups=("names",), kinds=ATTENDANCE),
        "apology_sentences": Key("patterns", groups=("names",)),
        "apology_names_end": Key("pattern"),
        "membership_heading": Key("pattern", groups=("rest", "plural")),
        "parties": Key("words"),
        "roles": Key("words"),
        "attendance_table_columns": Key("kind_patterns", kinds=("name", "status", "role", "representing")),
        "attendance_table_status": Key("kind_words", kinds=ATTENDANCE),
        "attendance_table_marks": Key("words"),
        "member_headings": Key("words"),
        "member_titles": Key("words"),
        "office_honorifics": Key("word_map"),
        "officer_roles": Key("words"),
        "job_words": Key("words"),
        "body_words": Key("words"),
        "councillor_office": Key("pattern", groups=("role",)),
        "list_tail": Key("pattern"),
        "list_count": Key("pattern"),
        "roll_call_prefix": Key("pattern"),
        "speaker_tag": Key("pattern"),
        "contact_phone": Key("pattern"),
    },
    "resolutions": {
        "label": Key("pattern", groups=("keyword",)),
        "motion_fate_sentence": Key("pattern", groups=("keyword",)),
        "quoted_motion": Key("pattern", groups=("text",)),
        "moved_that": Key("pattern", groups=("text",)),
        "request_clause": Key("pattern", groups=("text",)),
        "inline": Key("patterns", groups=("keyword", "text")),
        "whole": Key("pattern", groups=("keyword", "bare")),
        "moved_lines": Key("patterns", groups=("keyword", "text")),
        "list_marker": Key("pattern", groups=("text", "p", "b")),
        "motion_text": Key("pattern", groups=("text",)),
        "carried_stem": Key("pattern", groups=("keyword",)),
        "stem_that": Key("pattern"),
        "prose": Key("patterns", groups=("keyword",)),
        "run_in_label": Key("pattern"),
        "item_adopted": Key("pattern", groups=("noun", "keyword")),
        "heading_outcome": Key("pattern", groups=("keyword",)),
        "item_moved": Key("pattern"),
        "motion_carried": Key("pattern"),
        "list_stop": Key("pattern"),
        "lead_in": Key("pattern"),
        "bullet": Key("pattern"),
        "title_reference": Key("pattern"),
        "seconded_line": Key("pattern"),
        "vote_request": Key("pattern"),
        "motion_outcome": Key("pattern", groups=("outcome",)),
        "carried_sentence": Key("patterns", groups=("keyword", "text")),
        "adopted_stem": Key("pattern", groups=("keyword",)),
        "motion_clause": Key("pattern", groups=("text",)),
        "motion_fate": Key("pattern", groups=("adopted", "rejected")),
        "resolution_number": Key("patterns", groups=("number",)),
    },
    "votes": {
        "count_heading": Key("kind_patterns", groups=("count",), kinds=VOTE_KINDS),
        "tally": Key("patterns", groups=("for", "against", "abstain")),
        "outcome_in_sentence": Key("pattern", groups=("outcome", "caps")),
        "roll_call": Key("kind_patterns", groups=("names",), kinds=VOTE_KINDS),
        "roll_call_other": Key("pattern"),
        "result_line": Key("pattern", groups=("result", "outcome")),
        "carried": Key("pattern"),
        "lost": Key("pattern"),
        "withdrawn": Key("pattern"),
        "bracket_counts": Key("pattern", groups=("ayes", "nays", "abstain")),
        "proposal": Key("pattern"),
        "paragraph_reference": Key("pattern", groups=("number",)),
        "roll_call_sentence": Key("pattern", groups=("body",)),
        "member_vote": Key("pattern", groups=("name", "vote")),
        "vote_words": Key("kind_patterns", kinds=VOTE_KINDS),
        "count_label": Key("kind_patterns", groups=("count",), kinds=VOTE_KINDS),
        "labelled_group": Key("kind_patterns", groups=("count",), kinds=VOTE_KINDS),
        "outcome_after": Key("pattern", groups=("outcome",)),
        "group_motion": Key("pattern"),
        "bracket_names": Key("kind_patterns", groups=("names",), kinds=VOTE_KINDS),
        "proposal_motion": Key("pattern", groups=("subject",)),
        "name_titles": Key("pattern"),
        "vote_on": Key("pattern", groups=("subject",)),
        "motion_heading": Key("pattern"),
        "mover_title": Key("pattern"),
        "mover_name": Key("pattern"),
        "movers": Key("patterns"),
        "mover_lines": Key("patterns"),
        "motion_end": Key("patterns"),
        "motion_failed": Key("pattern"),
    },
}
