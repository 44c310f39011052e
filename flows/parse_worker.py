"""Notices are parsed in a child process, each under a deadline and a memory cap.

A hostile or pathological text (160,000 nested tags, a regular expression gone quadratic) can keep
the parser busy for hours, and a signal cannot interrupt a regular expression inside the C engine,
nor reach a parse running in a worker thread (Prefect's task runner). A child process can always be
killed: the parent waits at most `parse_deadline_s` for each notice, then kills the child, rejects
that notice as `timeout` and starts a new child for the next one. The child also runs under an
address-space limit (`parse_memory_mb`), so a parse that would eat the machine fails alone.

The child is spoken to over two pipes with `multiprocessing.connection` (pickled messages), one
notice at a time: a request is (raw bytes, source, size cap), an answer the fields of a `ParseOutcome`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from typing import Literal, NamedTuple

from models import ParsedNotice

WORKER_MODULE = "flows.parse_worker"
READY, TAKEN = "ready", "taken"
# Starting Python and importing the parser: well under a second here, far more on a loaded machine.
STARTUP_S = 120.0


class ParseOutcome(NamedTuple):
    """A parsed notice, or the one-line reason it was rejected (`code: detail`)."""

    status: Literal["parsed", "rejected"]
    parsed: ParsedNotice | None = None
    reason: str | None = None


def parse_one(raw: bytes, source: str, max_bytes: int) -> ParseOutcome:
    """Parse one notice's bytes; a rejection or a parser bug is an outcome, never an exception."""
    from yange.errors import NoticeRejected
    from yange.parse import parse_bytes

    try:
        return ParseOutcome("parsed", parsed=parse_bytes(raw, source=source, max_bytes=max_bytes))
    except NoticeRejected as exc:
        return ParseOutcome("rejected", reason=str(exc))
    except MemoryError:
        return ParseOutcome("rejected", reason="too_large: parsing it needed more memory than allowed")
    except Exception as exc:  # a parser bug must not stop the batch; `yange rebuild` retries it later
        return ParseOutcome("rejected", reason=f"parser_error: {type(exc).__name__}: {exc}")


class ParseWorker:
    """One child process that parses notices in turn; restarted after a timeout or a crash."""

    def __init__(self, *, deadline_s: float, memory_mb: int) -> None:
        self.deadline_s = deadline_s
        self.memory_mb = memory_mb
        self._lock = threading.Lock()  # one notice at a time, whichever thread asks
        self._child: subprocess.Popen[bytes] | None = None
        self._requests: Connection | None = None
        self._answers: Connection | None = None

    def parse(self, raw: bytes, source: str, max_bytes: int) -> ParseOutcome:
        with self._lock:
            try:
                requests, answers = self._send((raw, source, max_bytes))
                if not answers.poll(self.deadline_s):
                    self.stop()
                    return ParseOutcome(
                        "rejected", reason=f"timeout: parsing took longer than {self.deadline_s:g} s"
                    )
                return ParseOutcome(*answers.recv())
            except (EOFError, OSError) as exc:  # the child died (killed, out of memory, crashed)
                code = self._child.poll() if self._child else None
                self.stop()
                detail = f"exit status {code}" if code is not None else str(exc) or type(exc).__name__
                return ParseOutcome("rejected", reason=f"parser_error: the parser process stopped ({detail})")

    def _send(self, request: tuple[bytes, str, int]) -> tuple[Connection, Connection]:
        """Hand the request to a live child, which acknowledges it before parsing: a child that died
        since the last notice (before taking this one) is replaced and the request sent again."""
        for attempt in (1, 2):
            try:
                requests, answers = self._ensure_started()
                requests.send(request)
                if answers.poll(STARTUP_S) and answers.recv() == TAKEN:
                    return requests, answers
            except (EOFError, OSError):
                if attempt == 2:
                    raise
            self.stop()
        raise OSError("the parser process did not take the notice")

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        return self._child.pid if self._child is not None and self._child.poll() is None else None

    def _ensure_started(self) -> tuple[Connection, Connection]:
        if self._child is not None and self._child.poll() is None and self._requests and self._answers:
            return self._requests, self._answers
        self.stop()
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-m", WORKER_MODULE, str(to_child), str(from_child), str(self.memory_mb)],
                pass_fds=(to_child, from_child),
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.close(to_child)
            os.close(from_child)
        self._requests = Connection(from_parent, readable=False)
        self._answers = Connection(to_parent, writable=False)
        # The deadline is for parsing alone: the child says when its imports are done.
        if not self._answers.poll(STARTUP_S) or self._answers.recv() != READY:
            raise OSError("the parser process did not start")
        return self._requests, self._answers

    def stop(self) -> None:
        """Kill the child (if any) and close the pipes; the next parse starts a new one."""
        for end in (self._requests, self._answers):
            if end is not None:
                with contextlib.suppress(OSError):
                    end.close()
        self._requests = self._answers = None
        if self._child is not None:
            if self._child.poll() is None:
                self._child.kill()
            self._child.wait()
            self._child = None


_shared: ParseWorker | None = None
_shared_lock = threading.Lock()


def shared() -> ParseWorker:
    """This process's parse worker, with the deadline and memory cap of the settings."""
    global _shared
    with _shared_lock:
        if _shared is None:
            from yange.settings import get_settings

            settings = get_settings()
            _shared = ParseWorker(deadline_s=settings.parse_deadline_s, memory_mb=settings.parse_memory_mb)
            atexit.register(_shared.stop)
        return _shared


def _serve(requests: Connection, answers: Connection) -> None:
    while True:
        try:
            raw, source, max_bytes = requests.recv()
        except EOFError:  # the parent closed the pipe or went away
            return
        answers.send(TAKEN)
        answers.send(tuple(parse_one(raw, source, max_bytes)))  # a plain tuple: no class of __main__


def main(argv: list[str]) -> None:
    import resource

    read_fd, write_fd, memory_mb = (int(arg) for arg in argv)
    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a platform without RLIMIT_AS parses unbounded
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import yange.parse  # noqa: F401  # loaded before the first request, not inside its deadline

    answers = Connection(write_fd, readable=False)
    answers.send(READY)
    _serve(Connection(read_fd, writable=False), answers)


if __name__ == "__main__":
    main(sys.argv[1:])
