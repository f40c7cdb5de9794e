"""Exception types with stable problem codes; only cli.py turns them into messages and exit codes."""

from __future__ import annotations


class AgendapackError(Exception):
    """Base class: `code` is stable and lands in `problems.code`."""

    code = "error"

    def __init__(self, message: str, page: int | None = None):
        super().__init__(message)
        self.page = page


class NotAPdf(AgendapackError):
    code = "not_a_pdf"


class EmptyFile(AgendapackError):
    code = "empty_file"


class EncryptedPdf(AgendapackError):
    code = "encrypted"


class BrokenPdf(AgendapackError):
    code = "broken_pdf"


class RulesError(AgendapackError):
    code = "bad_rules"


class TimeLimit(AgendapackError):
    code = "time_limit"


class NotAFile(AgendapackError):
    code = "not_a_file"


class Unreadable(AgendapackError):
    code = "unreadable"


class BadShard(AgendapackError):
    code = "bad_shard"
