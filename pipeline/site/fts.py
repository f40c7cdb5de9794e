"""Turn what a person types into a search box into an FTS5 query that cannot fail."""

from __future__ import annotations

import re

# A quoted phrase (closed or running to the end), or a run of non-space characters.
_TOKEN = re.compile(r'"([^"]*)"?(\*?)|(\S+)')


def _phrase(text: str, prefix: bool = False) -> str | None:
    """One FTS5 string: quotes doubled; None when it holds nothing a tokenizer would index."""
    if not any(ch.isalnum() for ch in text):
        return None
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def safe_fts_query(text: str | None) -> str | None:
    """Every term quoted; "a phrase", OR between terms and a trailing * keep their meaning; None when empty."""
    parts: list[str] = []
    text = "".join(ch if ch.isprintable() else " " for ch in text or "")  # a NUL ends an FTS5 string early
    for phrase, star, word in _TOKEN.findall(text):
        if word:
            if word == "OR":
                if parts and parts[-1] != "OR":
                    parts.append("OR")
                continue
            if word == "AND":  # terms are ANDed already
                continue
            term = _phrase(word.rstrip("*"), prefix=word.endswith("*"))
        else:
            term = _phrase(phrase, prefix=bool(star))
        if term:
            parts.append(term)
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None
