"""Transactions and DuckDB error translation: the one module every other storage module may import.

Kept apart from `storage.db` (which opens files and runs migrations) so that migrations, lineage and
repository code can use transactions without importing the module that imports them.
"""

from __future__ import annotations

import contextlib
import re
import time
import weakref
from collections.abc import Callable, Iterator
from typing import TypeVar

import duckdb

from yange.errors import StorageError, StorageTransientError

T = TypeVar("T")

# DuckDB's messages for a file another process holds, and for write-write conflicts.
_TRANSIENT_MARKERS = (
    "could not set lock",
    "conflicting lock",
    "resource temporarily unavailable",
    "conflict",
)

# Open transactions per connection (see `transaction`). Weak keys: a connection dropped without
# storage.close leaves no entry behind for a later connection to inherit.
_depth: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, int] = weakref.WeakKeyDictionary()


# DuckDB's lock message names the file and the process holding it; users get those two facts.
_LOCK_HELD = re.compile(r'Could not set lock on file "(?P<file>[^"]+)".*?\(PID (?P<pid>\d+)\)', re.S)


def translate(exc: duckdb.Error) -> StorageError:
    """Sort a DuckDB error into transient (worth retrying: a lock, a write conflict) or terminal."""
    message = " ".join(str(exc).split())
    lowered = message.lower()
    if held := _LOCK_HELD.search(message):
        return StorageTransientError(
            f"another process (PID {held['pid']}) holds {held['file']}: "
            "wait for it to finish or stop it, then run again"
        )
    if isinstance(exc, duckdb.TransactionException) or any(m in lowered for m in _TRANSIENT_MARKERS):
        return StorageTransientError(message)
    return StorageError(message)


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Re-raise any DuckDB error as StorageError / StorageTransientError."""
    try:
        yield
    except duckdb.Error as exc:
        raise translate(exc) from exc


def retry(open_fn: Callable[[], T], *, wait_seconds: float) -> T:
    """Call `open_fn`, retrying transient DuckDB failures for up to `wait_seconds`."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.02
    while True:
        try:
            return open_fn()
        except duckdb.Error as exc:
            error = translate(exc)
            if not isinstance(error, StorageTransientError) or time.monotonic() >= deadline:
                raise error from exc
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction: committed if the block ends normally, rolled back on any error (a DuckDB
    error comes out as StorageError / StorageTransientError).

    Re-entrant: an inner block (store_notice inside a caller's transaction, say) joins the outer
    transaction, and its error, propagating out, rolls the whole of it back. DuckDB has no savepoints,
    so an inner error must not be swallowed inside the outer block.
    """
    depth = _depth.get(con, 0)
    if depth:
        _depth[con] = depth + 1
        try:
            yield con
        finally:
            _depth[con] = depth
        return
    with translated():
        con.execute("BEGIN TRANSACTION")
    _depth[con] = 1
    try:
        yield con
    except duckdb.Error as exc:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise translate(exc) from exc
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    else:
        with translated():
            con.execute("COMMIT")
    finally:
        _depth.pop(con, None)


def in_transaction(con: duckdb.DuckDBPyConnection) -> bool:
    return _depth.get(con, 0) > 0
