"""Turn what a person types into a search box into an FTS5 query that cannot fail."""

from __future__ import annotations

import re
import sqlite3
import threading

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


_local = threading.local()


def highlight(text: str, fts_query: str | None) -> str:
    """The text with the words an FTS5 query matches (porter stems, as the site's indexes) wrapped in \\x01 ... \\x02.

    For text already cut from an indexed row (a snippet kept plain so that its CSV is plain): FTS5 itself
    marks it, in a one-row in-memory table, so the words marked are those the search matched.
    """
    if not fts_query or not text:
        return text
    if not hasattr(_local, "conn"):
        _local.conn = sqlite3.connect(":memory:")
        _local.conn.execute("create virtual table t using fts5(x, tokenize=porter)")
    conn = _local.conn
    conn.execute("delete from t")
    conn.execute("insert into t (x) values (?)", [text])
    try:
        row = conn.execute("select highlight(t, 0, char(1), char(2)) from t where t match ?", [fts_query]).fetchone()
    except sqlite3.Error:
        return text
    return row[0] if row else text
