"""The files behind one history: the public file readers open, and the writer's private work file.

DuckDB lets one process open a file read-write, or many open it read-only, never both. So the path a
user gives (`data/yange.duckdb`) is never opened read-write: the writer works on a hidden file beside
it and *publishes* finished work by copying that file to a temporary name, fsyncing it and renaming
it over the public path. A reader sees the old history or the new one, never half of it, and a reader
holding the old file open keeps it (POSIX keeps a renamed-over file alive until its last close).

    data/yange.duckdb                  public: complete and consistent, any number of readers
    data/.yange.writer.duckdb (+.wal)  the writer's work file, ahead of or equal to the public one
    data/.yange.writer.published       which public file the work file last published (inode, mtime)
    data/.yange.writer.lock            flock held for the writer's whole life: one writer at a time

The work file is trusted only while the public file is the one it last published: if the public file
is replaced or deleted by hand, the next writer starts again from it (or from nothing). A writer
killed at any moment loses nothing: its committed work is in the work file (and its WAL), which the
next writer reuses.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from storage.tx import translated
from yange.errors import StorageError, StorageTransientError


@dataclass(frozen=True)
class HistoryFiles:
    public: Path

    @classmethod
    def of(cls, path: str | Path) -> HistoryFiles:
        return cls(Path(path))

    def _beside(self, suffix: str) -> Path:
        return self.public.with_name(f".{self.public.stem}.writer{suffix}")

    @property
    def work(self) -> Path:
        return self._beside(self.public.suffix or ".duckdb")

    @property
    def work_wal(self) -> Path:
        return self.work.with_name(self.work.name + ".wal")

    @property
    def marker(self) -> Path:
        return self._beside(".published")

    @property
    def lock(self) -> Path:
        return self._beside(".lock")

    @property
    def legacy_copy(self) -> Path:
        """Where earlier versions published a readers' copy (`<name>.read.duckdb`); removed on upgrade."""
        return self.public.with_name(self.public.stem + ".read" + (self.public.suffix or ".duckdb"))


def acquire_writer_lock(files: HistoryFiles, *, wait_seconds: float) -> int:
    """Hold the history's writer lock (an flock on its own file: closing other descriptors of the
    database files never drops it). Waits up to `wait_seconds` for another writer to finish."""
    try:
        files.public.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(files.lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise StorageError(
            f"{files.public}: cannot create the writer's files: {exc.strerror or exc}"
        ) from exc
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StorageTransientError(
                    f"{files.public}: another yange process is writing this history; "
                    "wait for it to finish (or stop it) and run again"
                ) from None
            time.sleep(0.1)


def release_writer_lock(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)  # closing drops the flock


def prepare_work_file(files: HistoryFiles) -> None:
    """Make the work file hold the latest history before a writer opens it (the lock is held).

    Reused when the public file is the one it last published (it may be ahead: a writer that was
    killed before publishing); otherwise rebuilt from the public file, or removed when there is none.
    """
    if files.work.exists() and _published_matches(files):
        return
    for stale in (files.work, files.work_wal, files.marker):
        stale.unlink(missing_ok=True)
    if not files.public.exists():
        return
    _fold_public_wal(files)
    copy_atomically(files.public, files.work)
    files.legacy_copy.unlink(missing_ok=True)
    record_published(files, work_mtime_ns=files.work.stat().st_mtime_ns)


def _fold_public_wal(files: HistoryFiles) -> None:
    """A public file written in place by an earlier version may have a WAL beside it: fold it in
    first, or copying the file alone would lose its last transactions."""
    wal = files.public.with_name(files.public.name + ".wal")
    if not wal.exists():
        return
    with translated():
        con = duckdb.connect(str(files.public))
        try:
            con.execute("CHECKPOINT")
        finally:
            con.close()


def copy_atomically(source: Path | int, target: Path) -> None:
    """Copy a file (a path, or an open descriptor read from offset 0) to `target` atomically: a
    private temporary beside it, fsync, rename, fsync the folder. Never leaves half a file at `target`."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    src = os.open(source, os.O_RDONLY | os.O_CLOEXEC) if isinstance(source, Path) else source
    try:
        out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
        try:
            _copy_range(src, out, os.fstat(src).st_size)
            os.fsync(out)
        finally:
            os.close(out)
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if isinstance(source, Path):
            os.close(src)


def _copy_range(src: int, out: int, size: int) -> None:
    """Kernel-side copy (copy_file_range: a reflink or server-side copy where the file system has
    one), with a plain read/write loop where it is refused (some file systems, across devices)."""
    offset = 0
    try:
        while offset < size:
            done = os.copy_file_range(src, out, size - offset, offset, offset)
            if done == 0:
                break
            offset += done
    except OSError:
        pass
    while offset < size:
        chunk = os.pread(src, min(8 << 20, size - offset), offset)
        if not chunk:
            break
        os.pwrite(out, chunk, offset)
        offset += len(chunk)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def record_published(files: HistoryFiles, *, work_mtime_ns: int) -> None:
    """Remember which public file the work file has published, and the work file's mtime then (so
    a later writer knows whether the work file holds commits not yet published). Written atomically."""
    tmp = files.marker.with_name(files.marker.name + ".tmp")
    tmp.write_text(json.dumps({**_identity(files.public), "work_mtime_ns": work_mtime_ns}))
    os.replace(tmp, files.marker)


def published_work_mtime_ns(files: HistoryFiles) -> int:
    """The work file's mtime when it was last published (-1 if unknown: publish on close)."""
    try:
        return int(json.loads(files.marker.read_text())["work_mtime_ns"])
    except (OSError, ValueError, KeyError, TypeError):
        return -1


def _identity(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"inode": stat.st_ino, "mtime_ns": stat.st_mtime_ns, "size": stat.st_size}


def _published_matches(files: HistoryFiles) -> bool:
    try:
        recorded = json.loads(files.marker.read_text())
        current = _identity(files.public)
    except (OSError, ValueError):
        return False
    return isinstance(recorded, dict) and all(recorded.get(k) == v for k, v in current.items())
