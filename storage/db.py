"""Connections, transactions and DuckDB error translation.

DuckDB lets one process open a file read-write, or many open it read-only, never both. The writer
therefore *publishes* a finished copy of its database next to it (`<name>.read.duckdb`), checkpointed
and swapped in with an atomic rename; readers (`open_reader`) open that copy read-only and so never
wait for, or block, a writer. A reader keeps the copy it opened (the old file stays alive until it is
closed), so a reader that wants fresh data simply opens again.
"""

from __future__ import annotations

import contextlib
import os
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
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
# Connections opened read-write by `connect`, with their file and when they last published.
_writers: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, tuple[Path, float]] = (
    weakref.WeakKeyDictionary()
)


def translate(exc: duckdb.Error) -> StorageError:
    """Sort a DuckDB error into transient (worth retrying: a lock, a write conflict) or terminal."""
    message = str(exc)
    lowered = message.lower()
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


def published_path(path: str | Path) -> Path:
    """Where the writer publishes the read-only copy of `path` for readers."""
    p = Path(path)
    return p.with_name(p.stem + ".read" + (p.suffix or ".duckdb"))


def connect(
    path: str | Path, *, read_only: bool = False, wait_seconds: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open the history (":memory:" works too), set UTC, and bring the schema up to date.

    A read-write open applies pending migrations in place (each in a transaction) and reloads the
    curated lineage. `wait_seconds` retries while another process holds the file.
    """
    from storage import lineage, migrate

    target = str(path)
    if target != ":memory:" and not read_only:
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"{target}: cannot create its folder: {exc.strerror or exc}") from exc
    con = retry(lambda: duckdb.connect(target, read_only=read_only), wait_seconds=wait_seconds)
    try:
        with translated():
            con.execute("SET TimeZone = 'UTC'")
        if read_only:
            migrate.check_current(con)
        else:
            migrate.migrate(con)
            lineage.load_curated(con)
            if target != ":memory:":
                _writers[con] = (Path(target), 0.0)
                if not published_path(target).exists():
                    publish(con)  # readers always find a copy, even during this writer's first run
    except BaseException:
        con.close()
        raise
    return con


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


def publish(con: duckdb.DuckDBPyConnection) -> Path | None:
    """Copy the writer's database into a fresh file and atomically swap it in for readers.

    The copy is made by DuckDB (COPY FROM DATABASE), never by opening the file from Python: closing
    any other descriptor of a file drops this process's POSIX lock on it, which would let another
    process in while we write. Call it between transactions. Returns the published path, or None for
    an in-memory database.
    """
    entry = _writers.get(con)
    if entry is None:
        return None
    if in_transaction(con):
        raise StorageError("publish() inside a transaction: commit first")
    source, _ = entry
    target = published_path(source)
    with translated():
        _copy_database(con, _catalog(con), target)
    _writers[con] = (source, time.monotonic())
    return target


def _copy_database(con: duckdb.DuckDBPyConnection, catalog: str, target: Path) -> None:
    """COPY FROM DATABASE `catalog` into a private temporary file, then rename it onto `target`."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con.execute("ATTACH ? AS yange_publish", [str(tmp)])
    try:
        con.execute(f"COPY FROM DATABASE {catalog} TO yange_publish")
    finally:
        con.execute("DETACH yange_publish")
    os.replace(tmp, target)


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT current_database()").fetchone()
    assert row is not None
    return '"' + str(row[0]).replace('"', '""') + '"'


def maybe_publish(con: duckdb.DuckDBPyConnection, *, every_seconds: float) -> None:
    """Publish if the last publication is older than `every_seconds` (long ingests show progress)."""
    entry = _writers.get(con)
    if entry is not None and not in_transaction(con) and time.monotonic() - entry[1] >= every_seconds:
        publish(con)


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Publish (for a file-backed writer) and close.

    Closing checkpoints, which touches the file; the copy just published holds the same content, so
    it is touched after, lest readers take it for stale and copy the database again."""
    published = None
    try:
        if con in _writers and not in_transaction(con):
            published = publish(con)
    finally:
        _writers.pop(con, None)
        con.close()
    if published is not None:
        os.utime(published)


@contextlib.contextmanager
def writer(path: str | Path, *, wait_seconds: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """The writer's connection: published for readers and closed when the block ends."""
    con = connect(path, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        close(con)


def open_reader(path: str | Path, *, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection that never fails because a write is under way.

    It opens the writer's published copy. When that copy is missing or older than the database (a
    writer that closed without publishing, or a database made by hand), it refreshes the copy while
    holding the database read-only, which keeps any writer out during the copy. If a writer holds the
    database at that moment, the existing copy is used; only with no copy at all does it wait (up to
    `wait_seconds`) for the writer to publish or finish.
    """
    source = Path(path)
    target = published_path(source)
    deadline = time.monotonic() + wait_seconds
    while True:
        if _stale(source, target):
            try:
                _refresh(source, target)
            except StorageTransientError:
                pass  # a writer holds it: read what it last published
            except (StorageError, OSError):
                # No copy can be written beside it (a read-only folder): read the database itself.
                return _read_only(source, wait_seconds=max(0.0, deadline - time.monotonic()))
        if target.exists():
            return _read_only(target, wait_seconds=wait_seconds)
        if not source.exists():
            raise StorageError(f"{source}: no history database")
        if time.monotonic() >= deadline:
            raise StorageTransientError(f"{source}: a writer holds the database and nothing is published yet")
        time.sleep(0.1)


def _read_only(path: Path, *, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    con = retry(lambda: duckdb.connect(str(path), read_only=True), wait_seconds=wait_seconds)
    with translated():
        con.execute("SET TimeZone = 'UTC'")
    return con


def _stale(source: Path, target: Path) -> bool:
    if not source.exists():
        return False
    if not target.exists():
        return True
    newest = max(source.stat().st_mtime, _mtime(source.with_name(source.name + ".wal")))
    return newest > target.stat().st_mtime


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _refresh(source: Path, target: Path) -> None:
    """Publish `source` on behalf of a writer that did not: attached read-only (which keeps writers
    out meanwhile, and folds in a WAL a killed writer left) to a private in-memory connection."""
    con = duckdb.connect()
    try:
        with translated():
            con.execute("ATTACH ? AS yange_source (READ_ONLY)", [str(source)])
            _copy_database(con, "yange_source", target)
    finally:
        con.close()
