"""Datasette plugin: SQLite limits on every served connection, so no query outlasts the time limit or fills memory.

Datasette's time limit is checked between steps of a query, so one step that builds a huge value
(`printf('%.*c', 999999999, 'x')`) ran for half a minute and took gigabytes. Bounding every
value bounds every step's memory; the heap limit bounds many large values held at once. SQLite's
`%c` with a precision still loops once per repetition past the length limit (17 s for 999999999,
SQLite 3.40), so printf and format refuse such a count before SQLite starts.
"""

from __future__ import annotations

import re
import sqlite3
import threading

from datasette import hookimpl
from datasette.utils.asgi import Response

# The longest string or blob a query may read or build. Above anything the pipeline stores (the
# longest value is a bound document's whole text: about 10 MB for 2000 pages), and small enough
# that building one takes well under a second, so the time limit holds to within that.
MAX_LENGTH = 32 << 20
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_LENGTH,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 1 << 20,  # characters of SQL: the site's own queries are a few thousand
    sqlite3.SQLITE_LIMIT_COLUMN: 500,  # the widest query of the site (a join of all tables) has about 120
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 10_000,
}
# SQLite's memory across the whole server process (set once; the pragma can only lower it):
# a query holding many large values at once fails with "out of memory", the machine does not.
HEAP_LIMIT = 1 << 30
# A printf conversion: flags, width, precision, length, type (https://sqlite.org/printf.html).
CONVERSION = re.compile(r"%[-+ #!0,]*(\*|\d*)(?:\.(\*|\d*))?l{0,2}(.)", re.S)
_builtin = threading.local()


def _count(value) -> int:
    """A printf argument as the integer SQLite would read from it."""
    if isinstance(value, (int, float)):
        return int(value)
    m = re.match(r"\s*[-+]?\d{1,30}", value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or ""))
    return int(m[0]) if m else 0


def guarded_printf(fmt, *args):
    """SQLite's printf, refusing a `%c` repeated more times than a value may be long."""
    if isinstance(fmt, str):
        index = 0
        for width, precision, kind in CONVERSION.findall(fmt):
            counts = []
            for part in (width, precision):
                if part == "*":
                    counts.append(_count(args[index]) if index < len(args) else 0)
                    index += 1
                elif part:
                    counts.append(int(part[:30]))
            if kind == "c" and precision and any(abs(n) > MAX_LENGTH for n in counts):
                raise ValueError(f"printf: %c repeated more than {MAX_LENGTH} times")
            index += kind != "%"
    conn = getattr(_builtin, "conn", None)
    if conn is None:  # SQLite's own printf, on a connection of this thread where it is not replaced
        conn = _builtin.conn = sqlite3.connect(":memory:")
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)
    marks = ", ".join("?" for _ in range(len(args) + 1))
    return conn.execute(f"select printf({marks})", [fmt, *args]).fetchone()[0]


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Lower the limits of each connection Datasette opens."""
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    conn.execute(f"pragma hard_heap_limit = {HEAP_LIMIT}")
    for name in ("printf", "format"):
        conn.create_function(name, -1, guarded_printf, deterministic=True)


@hookimpl
def handle_exception(exception: Exception):
    """A query that ran into the heap limit gets a plain answer, not a server error."""
    if isinstance(exception, MemoryError):
        return Response.text("The query needs more memory than this server gives one query; narrow it down.",
                             status=400)
    return None
