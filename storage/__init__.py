"""The DuckDB history: every version of every agency, never overwritten, queryable as of any date.

Writers use `connect` (or `writer`, which also publishes for readers on exit) and work on a private
file; readers use `open_reader` on the public file, which never waits for or blocks a writer.
Storage only stores: the parser, differ and applier it runs are passed in (`Engines`). See
docs/schema.md for the relations.
"""

from storage.db import close, connect, has_unpublished_work, maybe_publish, open_reader, publish, writer
from storage.engines import Engines
from storage.keys import duplicate_keys, stamp_mismatches
from storage.queries import change_counts
from storage.repository import rebuild, record_rejection, store_notice, store_notices
from storage.transfers import link_transfers
from storage.tx import transaction, translated

__all__ = [
    "change_counts",
    "Engines",
    "close",
    "connect",
    "duplicate_keys",
    "has_unpublished_work",
    "link_transfers",
    "maybe_publish",
    "open_reader",
    "publish",
    "rebuild",
    "record_rejection",
    "stamp_mismatches",
    "store_notice",
    "store_notices",
    "transaction",
    "translated",
    "writer",
]
