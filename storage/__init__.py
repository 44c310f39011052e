"""The DuckDB history: every version of every agency, never overwritten, queryable as of any date.

Writers use `connect` (or `writer`, which also publishes for readers on exit); readers use
`open_reader`, which never waits for a writer. See docs/schema.md for the relations.
"""

from storage.db import (
    close,
    connect,
    maybe_publish,
    open_reader,
    publish,
    published_path,
    transaction,
    translated,
    writer,
)
from storage.queries import change_counts
from storage.repository import rebuild, record_rejection, store_notice, store_notices
from storage.transfers import link_transfers

__all__ = [
    "change_counts",
    "close",
    "connect",
    "link_transfers",
    "maybe_publish",
    "open_reader",
    "publish",
    "published_path",
    "rebuild",
    "record_rejection",
    "store_notice",
    "store_notices",
    "transaction",
    "translated",
    "writer",
]
