"""Patterns and vocabularies as data files, loaded once and checked against rules/schema.py on load."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import RulesError
from .schema import SCHEMA, TYPES, Key

RULES_DIR = Path(__file__).parent


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"rules file {path.name}: cannot be read ({_one_line(exc)})") from exc
    if not isinstance(data, dict):
        raise RulesError(f"rules file {path.name}: must hold a mapping of keys")
    return data


def _check_pattern(value: Any, spec: Key, where: str) -> None:
    if not isinstance(value, str):
        raise RulesError(f"{where}: must be a pattern string, not {type(value).__name__}")
    try:
        rx = re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise RulesError(f"{where}: pattern {value!r} does not compile ({_one_line(exc)})") from exc
    missing = [g for g in spec.groups if g not in rx.groupindex]
    if missing:
        raise RulesError(f"{where}: pattern {value!r} lacks the named group(s) {', '.join(missing)} the code reads")
    if rx.groups < spec.positional:
        raise RulesError(f"{where}: pattern {value!r} needs {spec.positional} group(s) in brackets; the code reads group 1")


def _check_list(value: Any, where: str, what: str) -> list:
    if not isinstance(value, list) or not value:
        raise RulesError(f"{where}: must be a non-empty list of {what}")
    return value


def _check_mapping(value: Any, spec: Key, where: str) -> dict:
    if not isinstance(value, dict) or not value:
        raise RulesError(f"{where}: must be a non-empty mapping of kinds")
    for kind in value:
        if not isinstance(kind, str) or (spec.kinds is not None and kind not in spec.kinds):
            allowed = f" (allowed: {', '.join(spec.kinds)})" if spec.kinds else ""
            raise RulesError(f"{where}: unknown kind {kind!r}{allowed}")
    return value


def _check_words(value: Any, where: str) -> None:
    for i, word in enumerate(_check_list(value, where, "strings")):
        if not isinstance(word, str) or not word.strip():
            raise RulesError(f"{where}: entry {i + 1} ({word!r}) must be a non-empty string (quote it in YAML)")


def _check_key(value: Any, spec: Key, where: str) -> None:
    """Raise RulesError when one key's value does not have its declared shape."""
    if spec.type == "pattern":
        _check_pattern(value, spec, where)
    elif spec.type == "patterns":
        for i, v in enumerate(_check_list(value, where, "patterns")):
            _check_pattern(v, spec, f"{where}[{i + 1}]")
    elif spec.type == "kind_patterns":
        for kind, pats in _check_mapping(value, spec, where).items():
            for i, v in enumerate([pats] if isinstance(pats, str) else _check_list(pats, f"{where}.{kind}", "patterns")):
                _check_pattern(v, spec, f"{where}.{kind}[{i + 1}]")
    elif spec.type == "words":
        _check_words(value, where)
    elif spec.type == "word_map":
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise RulesError(f"{where}: must map strings to strings")
    elif spec.type == "kind_words":
        for kind, words in _check_mapping(value, spec, where).items():
            _check_words(words, f"{where}.{kind}")
    elif spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RulesError(f"{where}: must be a number")
    else:
        raise RulesError(f"{where}: schema type {spec.type!r} is not one of {', '.join(TYPES)}")


def check_rules(name: str, data: dict[str, Any]) -> None:
    """Check one rules file's data against its schema: unknown, missing and malformed keys."""
    keys = SCHEMA.get(name)
    if keys is None:
        raise RulesError(f"rules file {name}.yml: not declared in pipeline/rules/schema.py")
    for key in data:
        if key not in keys:
            raise RulesError(f"rules file {name}.yml, key {key}: unknown key (declare it in pipeline/rules/schema.py)")
    for key, spec in keys.items():
        if key not in data:
            if not spec.optional:
                raise RulesError(f"rules file {name}.yml, key {key}: missing")
            continue
        _check_key(data[key], spec, f"rules file {name}.yml, key {key}")


def validate_rules(directory: Path | None = None) -> None:
    """Check every rules file once (raises RulesError naming the file and key of the first fault)."""
    directory = directory or RULES_DIR
    for path in sorted(directory.glob("*.yml")):
        if path.stem not in SCHEMA:
            raise RulesError(f"rules file {path.name}: not declared in pipeline/rules/schema.py")
    for name in SCHEMA:
        path = directory / f"{name}.yml"
        if not path.exists():
            raise RulesError(f"rules file {name}.yml: missing from {directory}")
        check_rules(name, _read(path))


@cache
def load_rules(name: str) -> dict[str, Any]:
    """Load `rules/<name>.yml`, checked against its schema."""
    data = _read(RULES_DIR / f"{name}.yml")
    check_rules(name, data)
    return data


def _compile(pattern: str, source: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RulesError(f"bad pattern in {source}: {pattern!r} ({exc})") from exc


@cache
def pattern(name: str, key: str) -> re.Pattern[str]:
    """One compiled pattern from a rules file."""
    value = load_rules(name).get(key)
    if not isinstance(value, str):
        raise RulesError(f"{name}.yml: {key} must be a pattern string")
    return _compile(value, f"{name}.yml:{key}")


@cache
def patterns(name: str, key: str) -> tuple[re.Pattern[str], ...]:
    """A list of compiled patterns from a rules file."""
    value = load_rules(name).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"{name}.yml: {key} must be a list of pattern strings")
    return tuple(_compile(v, f"{name}.yml:{key}") for v in value)


@cache
def kind_patterns(name: str, key: str) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """A mapping of kind -> patterns, in file order."""
    value = load_rules(name).get(key)
    if not isinstance(value, dict):
        raise RulesError(f"{name}.yml: {key} must map kinds to lists of patterns")
    return tuple(
        (kind, tuple(_compile(v, f"{name}.yml:{key}.{kind}") for v in ([pats] if isinstance(pats, str) else pats)))
        for kind, pats in value.items()
    )


def any_match(pats: tuple[re.Pattern[str], ...], text: str) -> bool:
    """True when one of the patterns is found in text."""
    return any(p.search(text) for p in pats)
