"""Patterns and vocabularies as data files, loaded once and validated on load."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import RulesError

RULES_DIR = Path(__file__).parent


@cache
def load_rules(name: str) -> dict[str, Any]:
    """Load `rules/<name>.yml`; every value that is a pattern must compile."""
    path = RULES_DIR / f"{name}.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"rules file {path.name} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError(f"rules file {path.name} must hold a mapping")
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
