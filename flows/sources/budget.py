"""What one request may spend, in time and in hosts, and how a refusal is said.

A request runs inside a `RequestScope` (a context variable, since httpx calls its transport in
the caller's thread): the network layer (flows/sources/network.py) reads the scope's deadline on
every connect, read and write, so no single socket operation may outlast the request's total
deadline, and the redirect hook reads its host rule. `FetchRefused` is a permanent failure: the
notice is rejected with its reason and not retried.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from flows.sources.hosts import HostRule


class FetchRefused(RuntimeError):
    """A permanent failure with a stable reason code (`unreadable`, `too_large`) and a one-line detail."""

    def __init__(self, reason_code: str, detail: str) -> None:
        super().__init__(detail)
        self.reason_code = reason_code
        self.detail = detail


class DeadlineExceeded(FetchRefused):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__("unreadable", f"took longer than the {deadline.seconds:g} s {deadline.what}")


class Deadline:
    """A moment by which something must be done, on the monotonic clock."""

    def __init__(self, seconds: float, what: str) -> None:
        self.seconds = seconds
        self.what = what
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def clamp(self, timeout: float | None) -> float:
        """A socket timeout that ends no later than the deadline. Raises DeadlineExceeded once past it."""
        left = self.remaining()
        if left <= 0:
            raise DeadlineExceeded(self)
        return left if timeout is None else min(timeout, left)


@dataclass(frozen=True)
class RequestScope:
    deadline: Deadline | None
    hosts: HostRule | None


_current: ContextVar[RequestScope | None] = ContextVar("yange_request_scope", default=None)


def current() -> RequestScope | None:
    return _current.get()


@contextmanager
def scope(request_scope: RequestScope) -> Iterator[RequestScope]:
    token = _current.set(request_scope)
    try:
        yield request_scope
    finally:
        _current.reset(token)
