"""Errors that cross module boundaries. Pure code raises them; only the CLI and flows catch them."""

from __future__ import annotations

from typing import Literal

# parser_error: a bug in the parser (IndexError, KeyError…), never a verdict on the text;
# timeout: the parse overran its deadline (flows/parse_worker.py).
RejectReason = Literal[
    "empty", "binary", "encoding", "too_large", "not_a_notice", "unreadable", "parser_error", "timeout"
]


class NoticeRejected(ValueError):
    """A file that is not a reform notice we can read. `reason_code` is stable; `detail` is for people."""

    def __init__(self, reason_code: RejectReason, detail: str) -> None:
        super().__init__(f"{reason_code}: {detail}")
        self.reason_code = reason_code
        self.detail = detail


class StorageError(RuntimeError):
    """A storage failure that retrying will not fix (schema, constraint, corrupt file)."""


class StorageTransientError(StorageError):
    """A storage failure worth retrying: the database is locked by another process, say."""
