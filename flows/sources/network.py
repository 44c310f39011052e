"""The socket layer under httpx: addresses checked after DNS, every socket operation under the deadline.

httpx resolves and connects inside httpcore, so a check on the URL alone would let a name that
resolves to 127.0.0.1 (or re-resolves there, DNS rebinding) through. `GuardedBackend` resolves the
name itself, refuses non-public addresses unless allowed, and connects to the address it checked.
Name resolution waits no longer than the deadline either, and its streams clamp every read and
write timeout to the current request's deadline (flows/sources/budget.py), so a slow resolver, a
body trickled a byte at a time or a stalled one all end at the deadline.
"""

from __future__ import annotations

import functools
import socket
import ssl
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpcore
import httpx

from flows.sources import budget
from flows.sources.hosts import Network, address_allowed


def _clamp(timeout: float | None) -> float | None:
    scope = budget.current()
    return timeout if scope is None or scope.deadline is None else scope.deadline.clamp(timeout)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the current request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _clamp(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _clamp(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to public addresses or allowed networks, to the very address it checked."""

    def __init__(self, *, allowed_networks: tuple[Network, ...] = ()) -> None:
        self.allowed_networks = allowed_networks

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve(host, port)
        allowed = [a for a in addresses if address_allowed(a, self.allowed_networks)]
        if not allowed:
            raise budget.FetchRefused(
                "unreadable",
                f"refused address: {host} is {addresses[0]}, not public nor in an allowed network",
            )
        last: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in allowed:
            try:
                stream = super().connect_tcp(address, port, _clamp(timeout), local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return DeadlineStream(stream)
        assert last is not None
        raise last


# getaddrinfo cannot be interrupted, so it runs in a small pool and the caller stops waiting at
# its deadline (a stuck lookup then ends on the system resolver's own timeout, in the background).
_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="yange-resolve")


def _resolve(host: str, port: int) -> list[str]:
    lookup = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=_clamp(None))
    except TimeoutError:
        scope = budget.current()
        assert scope is not None and scope.deadline is not None  # no deadline, no timeout
        raise budget.DeadlineExceeded(scope.deadline) from None
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool on `GuardedBackend`. No proxy (a client given a
    transport ignores the environment's): the address checked must be the address connected to."""

    def __init__(self, *, allowed_networks: tuple[Network, ...] = ()) -> None:
        super().__init__(verify=_ssl_context())
        # httpx 0.28 takes no network backend (encode/httpx#3180), so its pool is replaced by the
        # same pool on ours; everything above the pool (exception mapping, streams) stays httpx's.
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(allowed_networks=allowed_networks),
        )


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """httpx's default TLS context, built once: loading the CA bundle costs about 0.1 s a client."""
    return httpx.create_ssl_context()
