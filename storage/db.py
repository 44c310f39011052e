"""Connections: the writer's (on its private work file) and the readers' (on the public file).

Readers open the path the user gives, read-only, and may hold it open for hours. The writer never
takes that file's lock: it works on a private file beside it and publishes finished work atomically
(storage.publishing has the layout and why). Publishing copies the whole file, so callers publish
once per run or per time window (`maybe_publish`), never per batch; `close` publishes what is left.
"""

from __future__ import annotations

import contextlib
import os
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from storage import lineage, migrate
from storage.publishing import (
    HistoryFiles,
    acquire_writer_lock,
    copy_atomically,
    prepare_work_file,
    published_work_mtime_ns,
    record_published,
    release_writer_lock,
)
from storage.tx import in_transaction, retry, translated
from yange.errors import StorageError


@dataclass
class _Writer:
    files: HistoryFiles
    lock_fd: int
    # Our own descriptor of the work file, held open until DuckDB has closed it: closing any
    # descriptor of a file drops the process's POSIX locks on it, DuckDB's included.
    work_fd: int
    published_mtime_ns: int = -1
    published_at: float = 0.0
    released: bool = False

    def release(self) -> None:
        """Close our descriptor of the work file and drop the writer lock (after DuckDB closed).
        Once only: a descriptor number closed twice may by then belong to another file."""
        if self.released:
            return
        self.released = True
        with contextlib.suppress(OSError):
            os.close(self.work_fd)
        release_writer_lock(self.lock_fd)


_writers: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, _Writer] = weakref.WeakKeyDictionary()


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    wait_seconds: float = 0.0,
    memory_limit_mb: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the history (":memory:" works too), set UTC, and bring the schema up to date.

    `read_only=True` opens the public file as a reader does. Otherwise this is the writer: it holds
    the writer lock (waiting up to `wait_seconds` for another writer), opens the work file, applies
    pending migrations (each in a transaction) and reloads the curated lineage. A history that has
    never been published is published at once, so readers always find a complete file.
    `memory_limit_mb` bounds DuckDB's own memory (and runs it on one thread): the ingest sets it so
    its resident size stays flat as the history grows; DuckDB's default is 80% of the machine.
    """
    if str(path) == ":memory:":
        return _open_work(":memory:")
    if read_only:
        con = open_reader(path, wait_seconds=wait_seconds)
        try:
            migrate.check_current(con)
        except BaseException:
            con.close()
            raise
        return con
    files = HistoryFiles.of(path)
    _release_closed(files)
    lock_fd = acquire_writer_lock(files, wait_seconds=wait_seconds)
    try:
        prepare_work_file(files)
        con = _open_work(str(files.work))
        if memory_limit_mb is not None:
            with translated():
                con.execute(f"SET memory_limit = '{int(memory_limit_mb)}MB'")
                con.execute("SET threads = 1")
    except BaseException:
        release_writer_lock(lock_fd)
        raise
    writer = _Writer(files, lock_fd, os.open(files.work, os.O_RDONLY | os.O_CLOEXEC))
    _writers[con] = writer
    # A connection closed with con.close() (not storage.close) and dropped still frees the lock.
    weakref.finalize(con, writer.release)
    if files.public.exists():
        writer.published_mtime_ns = published_work_mtime_ns(files)
        writer.published_at = time.monotonic()  # the time window runs from the start of the run
    else:
        publish(con)
    return con


def _release_closed(files: HistoryFiles) -> None:
    """Free the lock of this process's writers of `files` that were closed with con.close() instead
    of storage.close (still referenced, so their finalizer has not run)."""
    for con, writer in list(_writers.items()):
        if writer.files != files:
            continue
        try:
            con.execute("SELECT 1")
        except duckdb.ConnectionException:
            _writers.pop(con, None)
            writer.release()


def _open_work(target: str) -> duckdb.DuckDBPyConnection:
    with translated():
        con = duckdb.connect(target)
    try:
        with translated():
            con.execute("SET TimeZone = 'UTC'")
        migrate.migrate(con)
        lineage.load_curated(con)
    except BaseException:
        con.close()
        raise
    return con


def publish(con: duckdb.DuckDBPyConnection) -> Path | None:
    """Checkpoint the work file and publish it over the public path (atomically). Call it between
    transactions. Returns the public path, or None for an in-memory database."""
    writer = _writers.get(con)
    if writer is None:
        return None
    if in_transaction(con):
        raise StorageError("publish() inside a transaction: commit first")
    mtime_ns = _checkpointed_mtime(con, writer.files)
    try:
        copy_atomically(writer.work_fd, writer.files.public)
        record_published(writer.files, work_mtime_ns=mtime_ns)
    except OSError as exc:
        raise StorageError(f"{writer.files.public}: cannot publish: {exc.strerror or exc}") from exc
    writer.published_mtime_ns = mtime_ns
    writer.published_at = time.monotonic()
    return writer.files.public


def _checkpointed_mtime(con: duckdb.DuckDBPyConnection, files: HistoryFiles) -> int:
    """Fold the WAL into the work file; its mtime then changes exactly when something was written."""
    with translated():
        con.execute("CHECKPOINT")
    return files.work.stat().st_mtime_ns


def has_unpublished_work(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the work file holds commits the public file does not (checkpoints first)."""
    writer = _writers.get(con)
    if writer is None or in_transaction(con):
        return False
    return _checkpointed_mtime(con, writer.files) != writer.published_mtime_ns


def maybe_publish(con: duckdb.DuckDBPyConnection, *, every_seconds: float) -> bool:
    """Publish if the last publication is older than `every_seconds` and there is something new,
    so a long ingest shows readers its progress without copying the file per batch."""
    writer = _writers.get(con)
    if writer is None or in_transaction(con) or time.monotonic() - writer.published_at < every_seconds:
        return False
    if not has_unpublished_work(con):
        return False
    publish(con)
    return True


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Publish what is new (for a file-backed writer), close, and release the writer lock."""
    writer = _writers.get(con)
    try:
        if writer is not None and not in_transaction(con) and has_unpublished_work(con):
            publish(con)
    finally:
        _writers.pop(con, None)
        con.close()
        if writer is not None:
            writer.release()


@contextlib.contextmanager
def writer(path: str | Path, *, wait_seconds: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """The writer's connection: published for readers and closed when the block ends."""
    con = connect(path, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        close(con)


def open_reader(path: str | Path, *, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection on the public file. It never waits for, or blocks, a writer (the
    writer never holds this file); it keeps the history it opened until closed."""
    source = Path(path)
    if not source.exists():
        raise StorageError(f"{source}: no history database (run `yange ingest` first)")
    con = retry(lambda: duckdb.connect(str(source), read_only=True), wait_seconds=wait_seconds)
    with translated():
        con.execute("SET TimeZone = 'UTC'")
    return con
