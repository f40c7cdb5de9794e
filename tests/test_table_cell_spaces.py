"""Table cells keep the spaces between their words when the PDF prints no space glyph (the word space
is only a gap PDFium reports as a generated space): 'Deputy Mayor', not 'DeputyMayor'."""

from __future__ import annotations

from pathlib import Path

from pipeline.read import read_pdf
from pipeline.read_chars import char_dicts
from pipeline.read_spacing import SOFT

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _char(text, x0, width=5.0, top=100.0, size=10.0):
    return (text, x0, x0 + width, top, top + size, size, "Arial", 0)


def test_a_generated_word_space_becomes_a_space_character():
    chars = [_char("o", 10), _char("f", 15), SOFT, _char("t", 22.5), _char("o", 27.5)]
    assert "".join(c["text"] for c in char_dicts(chars)) == "of to"
    space = char_dicts(chars)[2]
    assert (space["x0"], space["x1"]) == (20, 22.5)


def test_a_generated_space_inside_tracked_letters_is_not_a_word_space():
    """'H A L L' set with letter spacing: the spaces PDFium adds between the letters join them."""
    chars = []
    for k, letter in enumerate("HALL"):
        if k:
            chars.append(SOFT)
        chars.append(_char(letter, 10 + 8 * k, width=6.0))
    assert "".join(c["text"] for c in char_dicts(chars)) == "HALL"


def test_a_ruled_attendance_table_keeps_its_word_spaces():
    """Mbelazi (corpus/typeset, set 5): a Chromium PDF with no space glyphs."""
    page = next(iter(read_pdf(CORPUS / "typeset" / "Mbelazi_LM_Council_2024-10-30_minutes.pdf")))
    (table,) = page.tables
    assert table.rows[0] == ("Councillor", "Designation", "Party", "Attendance")
    assert table.rows[1] == ("Cllr N.P. Zungu", "Speaker (presiding)", "ANC", "Present")
    assert table.rows[3][:2] == ("Cllr L. Ndlovu", "Deputy Mayor")


def test_members_set_in_columns_are_a_roster_not_a_table():
    """Stellaquo and Drumcarrow (corpus/typeset, set 5): a heading over members in two columns."""
    from pipeline.extract.tables import _is_roster, _Piece

    def piece(rows, header=()):
        return _Piece(1, 100, 200, "Board of Directors", header, rows, 5, 20)

    assert _is_roster(piece((("Chair Colleen Mbeki – Electoral Area B", "Director Heather Kwan – Electoral Area A"),
                             ("Cllr Mairéad Brennan (Leas-Chathaoirleach)", "Cllr Pat Kehoe"))))
    assert not _is_roster(piece((("Restoration Improvement", "2,410,000"), ("Drainage Works", "850,000"))))
    assert not _is_roster(piece((("Cllr N.P. Zungu", "Present"), ("Cllr T.S. Mthembu", "Present"))))
    assert not _is_roster(piece((("Cllr A Smith", "Cllr B Jones"), ("Cllr C Brown", "Cllr D Green")),
                                header=("Members", "Substitutes")))


def test_minutes_numbered_with_the_bodys_letters_are_numbered_paragraphs_not_a_table():
    """Carrigdown (set 6): 'MM 112/24' in a column beside each minute's text."""
    from pipeline.extract.table_parts import is_list

    rows = [("MM 112/24", "Confirmation of Minutes Proposed by Cllr Teehan ..."),
            ("MM 113/24", "Votes of Sympathy The Cathaoirleach ..."),
            ("MM 114/24", "Chief Executive's Monthly Management Report ...")]
    assert is_list(rows)
    assert not is_list([("Primary schools", "48.20"), ("Secondary schools", "52.75"), ("Total", "136.35")])
