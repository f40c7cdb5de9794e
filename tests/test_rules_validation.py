"""Rules files are checked against their declared schema once, before any PDF is read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pipeline import rules
from pipeline.cli import cli
from pipeline.errors import RulesError
from pipeline.rules import RULES_DIR, load_rules, validate_rules
from pipeline.rules.schema import SCHEMA

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "corpus" / "typeset").glob("*.pdf"))[:2]


def _real(name: str) -> dict:
    return yaml.safe_load((RULES_DIR / f"{name}.yml").read_text(encoding="utf-8"))


def _drop(data: dict, key: str) -> None:
    del data[key]


def _set(key: str, value):
    def change(data: dict) -> None:
        data[key] = value
    return change


def _set_first(key: str, value):
    def change(data: dict) -> None:
        data[key][0] = value
    return change


def _set_kind(key: str, kind: str, value):
    def change(data: dict) -> None:
        data[key][kind] = value
    return change


# (file, key named in the message, change to the real data, words the message must hold)
FAULTS = [
    ("items", "title_note", _set("title_note", ["x"]), "pattern string"),
    ("meeting", "council", _set("council", ["a", "b"]), "pattern string"),
    ("votes", "tally", _set("tally", {"for": "x"}), "list"),
    ("people", "honorifics", _set("honorifics", "Mr, Mrs"), "list"),
    ("people", "not_names", _set_first("not_names", False), "string"),
    ("people", "plural_honorifics", _set("plural_honorifics", ["Councillors"]), "map"),
    ("documents", "shiny_new_key", _set("shiny_new_key", "^x$"), "unknown key"),
    ("resolutions", "whole", lambda d: _drop(d, "whole"), "missing"),
    ("meeting", "date_label", _set("date_label", "^date\\s*:(?P<value>.+"), "does not compile"),
    ("items", "outline_label", _set("outline_label", "^(?P<open>\\()?(?P<label>\\d+)(?P<mark>[.)])\\s+(?P<name>.*)$"), "title"),
    ("items", "item_heading", _set("item_heading", "^(?P<label>item\\s+\\d+)\\s+(?P<title>.*)$"), "number"),
    ("items", "field_label", _set("field_label", "^[A-Z]\\w+:"), "list"),
    ("votes", "roll_call", _set_kind("roll_call", "for", "^ayes\\s*:\\s*(.*)$"), "names"),
    ("votes", "count_heading", _set_kind("count_heading", "maybe", ["^maybe \\((?P<count>\\d+)\\)$"]), "unknown kind"),
    ("people", "attendance_sentences", _set_kind("attendance_sentences", "present", ["present were (.+)"]), "names"),
    ("documents", "appendix_label", _set("appendix_label", "^appendix\\s+[A-Z]$"), "group"),
    ("meeting", "minutes_heading", _set("minutes_heading", "minutes of (?P<body>.+) held on (?P<date>.+)"), "place"),
]


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """A folder holding copies of the real rules files, used by the loader in place of the real ones."""
    folder = tmp_path / "rules"
    folder.mkdir()
    for path in RULES_DIR.glob("*.yml"):
        shutil.copy(path, folder / path.name)
    monkeypatch.setattr(rules, "RULES_DIR", folder)
    load_rules.cache_clear()
    yield folder
    load_rules.cache_clear()


def _write(folder: Path, name: str, data: dict) -> None:
    (folder / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _ingest(tmp_path: Path):
    db = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["ingest", *map(str, PDFS), "--db", str(db), "--quiet", "--jobs", "1"])
    return result, db


def test_real_rules_validate():
    validate_rules()
    assert set(SCHEMA) == {p.stem for p in RULES_DIR.glob("*.yml")}


@pytest.mark.parametrize("name", sorted(SCHEMA))
def test_copies_of_real_rules_validate_after_a_round_trip(rules_copy, name):
    # The faults below are written with yaml.safe_dump: an unchanged file written so must pass.
    _write(rules_copy, name, _real(name))
    validate_rules()


@pytest.mark.parametrize(("name", "key", "change", "words"), FAULTS, ids=[f"{f[0]}.{f[1]}-{f[3]}" for f in FAULTS])
def test_a_broken_rules_file_stops_ingest_once(rules_copy, tmp_path, name, key, change, words):
    assert len(PDFS) == 2
    data = _real(name)
    change(data)
    _write(rules_copy, name, data)
    result, db = _ingest(tmp_path)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert f"{name}.yml" in lines[0] and f"key {key}" in lines[0] and words in lines[0], lines[0]
    assert not db.exists()  # stopped before any PDF was read or any database opened


def test_yaml_that_does_not_parse_names_the_file(rules_copy, tmp_path):
    (rules_copy / "votes.yml").write_text("tally: [\n  - 'a'\n  nope: {", encoding="utf-8")
    result, _ = _ingest(tmp_path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "votes.yml" in lines[0] and "cannot be read" in lines[0]


def test_a_rules_file_the_schema_does_not_declare(rules_copy, tmp_path):
    (rules_copy / "extras.yml").write_text("a: '^b$'\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"extras\.yml.*not declared"):
        validate_rules()


def test_a_missing_rules_file(rules_copy):
    (rules_copy / "votes.yml").unlink()
    with pytest.raises(RulesError, match=r"votes\.yml.*missing"):
        validate_rules()


def test_show_stops_on_bad_rules_too(rules_copy):
    data = _real("votes")
    data["carried"] = "(carried"
    _write(rules_copy, "votes", data)
    result = CliRunner().invoke(cli, ["show", str(PDFS[0])])
    assert result.exit_code == 2 and "votes.yml, key carried" in result.stderr


def test_lazy_load_checks_the_file_as_well(rules_copy):
    data = _real("people")
    data["roles"] = [*data["roles"], 3]
    _write(rules_copy, "people", data)
    with pytest.raises(RulesError, match=r"people\.yml, key roles: entry \d+ \(3\)"):
        load_rules("people")


def test_an_optional_key_may_be_left_out(rules_copy):
    optional = [(n, k) for n, keys in SCHEMA.items() for k, spec in keys.items() if spec.optional]
    for name, key in optional:
        data = _real(name)
        data.pop(key, None)
        _write(rules_copy, name, data)
    validate_rules()
