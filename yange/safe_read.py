"""Read a notice file without trusting its name: one open, every check on the opened handle.

Checking a path and then opening it races with whoever can change the folder (a file swapped for a
FIFO, a symlink to /dev/zero, a file that keeps growing). So the file is opened once, without
blocking and (inside a source folder) without following a symlink, and the handle is checked: a
regular file, not on /proc or /sys (whose files report size 0), really inside the folder; then at
most `max_bytes + 1` bytes are read, so a file that grows past the cap is refused, never read whole.
"""

from __future__ import annotations

import errno
import os
import stat

from yange.errors import NoticeRejected

# Pseudo-filesystems whose "regular files" are the kernel's view of a process or device.
PSEUDO_ROOTS = ("/proc", "/sys")
_CHUNK = 1024 * 1024


def read_regular_file(path: str | os.PathLike[str], *, max_bytes: int, inside: str | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, read through one handle.

    With `inside` (a source folder), a symlink is refused and the opened file must lie inside that
    folder; without it (a file named by the user) a symlink is followed. Raises
    NoticeRejected('unreadable' | 'too_large') with a one-line reason."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    if inside is not None:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and inside is not None:
            raise NoticeRejected("unreadable", "a symbolic link: only regular files are read") from None
        raise NoticeRejected("unreadable", exc.strerror or str(exc)) from None
    try:
        _check_handle(fd, path, inside)
        return _read_capped(fd, max_bytes)
    except OSError as exc:
        raise NoticeRejected("unreadable", exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _check_handle(fd: int, path: str | os.PathLike[str], inside: str | None) -> None:
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        raise NoticeRejected("unreadable", f"not a regular file ({_kind(mode)})")
    real = _opened_path(fd, path)
    if any(_within(real, root) for root in PSEUDO_ROOTS):
        raise NoticeRejected("unreadable", f"a kernel pseudo-file under {real.split(os.sep)[1]!r}")
    if inside is not None and not _within(real, os.path.realpath(inside)):
        raise NoticeRejected("unreadable", "outside the source folder")


def _read_capped(fd: int, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise NoticeRejected("too_large", f"over the {max_bytes} byte limit")


def _opened_path(fd: int, path: str | os.PathLike[str]) -> str:
    """Where the handle really points (Linux names it in /proc/self/fd); else the resolved name."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return os.path.realpath(path)


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"
