"""Hostile web sources, played by the notice server on 127.0.0.1: every read ends within its budget.

Decompression bombs, bodies trickled or stalled, retries, index pages nested 160,000 deep or
listing too many links, and redirects or links to other hosts and to loopback addresses. Each must
end in a recorded refusal (a failed Fetched with a reason, or a SourceError), within pytest-timeout
and, for the bombs, within bounded memory."""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
from typing import Any

import pytest
from pydantic import ValidationError

from flows.sources import SourceError, parse_spec, web
from flows.sources.budget import FetchRefused
from flows.sources.hosts import registrable_domain
from flows.sources.network import GuardedBackend
from flows.sources.state import SourceMemory
from tests.flows.notice_server import DEEP_DIVS, NOTICES, NoticeServer, gzip_bomb
from yange.parse.decode import MAX_TREE_DEPTH, bytes_to_text, nesting_depth
from yange.settings import Settings

pytestmark = pytest.mark.timeout(60)


def _fetch(server: NoticeServer, path: str, policy: web.FetchPolicy, *, source: str | None = None):
    with web.make_client(policy) as client:
        return web.fetch_with_retries(
            client, f"{server.base}{path}", source=source or server.base, policy=policy, seen=None
        )


def _discover(server: NoticeServer, path: str, policy: web.FetchPolicy) -> web.Listing:
    with web.make_client(policy) as client:
        return web.discover(
            parse_spec(f"{server.base}{path}"), client=client, policy=policy, memory=SourceMemory()
        )


# --- bytes after decoding ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/gzip/fujian.txt", "/deflate/fujian.txt", "/raw-deflate/fujian.txt"])
def test_one_content_coding_is_decoded(server: NoticeServer, policy: web.FetchPolicy, path: str) -> None:
    got = _fetch(server, path, policy)
    assert (got.status, got.raw) == ("fetched", NOTICES["fujian.txt"].read_bytes())


@pytest.mark.parametrize(
    ("path", "reason", "detail"),
    [
        ("/gzip-bomb", "too_large", "body passed the 2097152 byte limit"),  # 1 GiB in one gzip layer
        ("/gzip-gzip", "unreadable", "refused content-coding chain gzip, gzip: one layer at most"),  # 10 KB
        ("/br", "unreadable", "refused content-coding 'br' (gzip and deflate are read)"),
    ],
)
def test_decompression_bombs_are_refused_in_bounded_memory(
    server: NoticeServer, policy: web.FetchPolicy, path: str, reason: str, detail: str
) -> None:
    gzip_bomb(1024), gzip_bomb(4096)  # built (and cached) before memory is traced
    tracemalloc.start()
    try:
        got = _fetch(server, path, policy)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (got.status, got.reason_code, got.detail) == ("failed", reason, detail)
    assert peak < 40 * 1024 * 1024  # the cap is 2 MB; httpx's own decoding went to gigabytes
    assert server.hits[path] == 1  # a refusal is not retried


# --- time ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/trickle", "/stall"])
def test_a_slow_body_ends_at_the_request_deadline(
    server: NoticeServer, policy: web.FetchPolicy, path: str
) -> None:
    """The read timeout (30 s) never fires: a byte every 0.1 s resets it, and the deadline clamps it."""
    slow = policy.model_copy(update={"timeout_s": 30.0, "deadline_s": 1.0})
    got = _fetch(server, path, slow)
    assert (got.status, got.reason_code) == ("failed", "unreadable")
    assert got.detail == "took longer than the 1 s request deadline"
    assert server.hits[path] == 1


def test_a_slow_name_lookup_ends_at_the_request_deadline(
    policy: web.FetchPolicy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lookup never answers (until the test lets it go): the request ends at its deadline."""
    answer = threading.Event()

    def stuck_lookup(*args: Any, **kwargs: Any) -> Any:
        answer.wait(60.0)
        raise socket.gaierror("no answer")

    monkeypatch.setattr(socket, "getaddrinfo", stuck_lookup)
    quick = policy.model_copy(update={"deadline_s": 0.5, "allowed_hosts": ("*",)})
    try:
        with web.make_client(quick) as client:
            url = "http://slow-dns.invalid/n"
            got = web.get(client, url, source="http://slow-dns.invalid/", policy=quick, seen=None)
    finally:
        answer.set()
    assert (got.status, got.detail) == ("failed", "took longer than the 0.5 s request deadline")


def test_retries_stop_at_the_source_deadline(server: NoticeServer, policy: web.FetchPolicy) -> None:
    patient = policy.model_copy(update={"retry_delays_s": [0.3] * 100, "source_deadline_s": 1.0})
    got = _fetch(server, "/down", patient)
    assert (got.status, got.reason_code) == ("failed", "unreadable")
    assert "HTTP 500" in (got.detail or "")
    assert 1 < server.hits["/down"] <= 5  # a few retries, not a hundred


def test_after_the_source_deadline_nothing_more_is_requested(
    server: NoticeServer, policy: web.FetchPolicy
) -> None:
    short = policy.model_copy(update={"source_deadline_s": 0.2})
    with web.make_client(short) as client:
        time.sleep(0.3)
        got = web.fetch_with_retries(
            client, f"{server.base}/n/fujian.txt", source=server.base, policy=short, seen=None
        )
    assert (got.status, got.detail) == ("failed", "took longer than the 0.2 s source deadline")
    assert server.hits["/n/fujian.txt"] == 0


# --- index pages ---------------------------------------------------------------------------------


def test_an_index_page_nested_160000_deep_is_refused(server: NoticeServer, policy: web.FetchPolicy) -> None:
    with pytest.raises(SourceError, match=f"elements nested deeper than {MAX_TREE_DEPTH}: not read"):
        _discover(server, "/deep-index.html", policy)


def test_a_notice_of_160000_self_closed_divs_is_bounded(
    server: NoticeServer, policy: web.FetchPolicy
) -> None:
    """`<div/>` is not self-closing in HTML5: 160,000 of them nest 160,000 deep, so the page goes
    to the flat stripper instead of lexbor (94 s before)."""
    got = _fetch(server, "/deep-notice", policy)
    assert got.status == "fetched"
    assert nesting_depth(got.raw.decode(), limit=MAX_TREE_DEPTH) > MAX_TREE_DEPTH
    assert bytes_to_text(got.raw, max_bytes=policy.max_bytes).strip() == ""
    assert nesting_depth("<div/>" * DEEP_DIVS) == DEEP_DIVS


def test_an_index_page_listing_too_many_links_is_refused(
    server: NoticeServer, policy: web.FetchPolicy
) -> None:
    capped = policy.model_copy(update={"max_links": 20})
    assert len(_discover(server, "/links-20.html", capped).candidates) == 20
    with pytest.raises(SourceError, match="lists more than 20 notice links, the limit"):
        _discover(server, "/links-21.html", capped)


# --- hosts and addresses -------------------------------------------------------------------------


def test_the_default_policy_refuses_loopback_before_connecting(server: NoticeServer) -> None:
    default = web.FetchPolicy(retry_delays_s=[])
    got = _fetch(server, "/n/fujian.txt", default)
    assert (got.status, got.reason_code) == ("failed", "unreadable")
    assert got.detail == "refused address: 127.0.0.1 is 127.0.0.1, not public nor in an allowed network"
    assert server.hits["/n/fujian.txt"] == 0
    with pytest.raises(SourceError, match="refused address"):
        _discover(server, "/index.html", default)


@pytest.mark.parametrize(
    ("path", "allowed_hosts", "detail"),
    [
        (
            "/to-other-host",
            (),
            "refused host yange-elsewhere.invalid: not the source's domain nor an allowed host",
        ),
        ("/to-localhost", (), "refused host localhost: not the source's domain nor an allowed host"),
        # Allowed by name, refused by address: 127.0.0.2 is loopback, outside 127.0.0.1/32.
        (
            "/to-loopback-2",
            ("*",),
            "refused address: 127.0.0.2 is 127.0.0.2, not public nor in an allowed network",
        ),
    ],
)
def test_redirects_are_checked_by_host_and_address(
    server: NoticeServer, policy: web.FetchPolicy, path: str, allowed_hosts: tuple[str, ...], detail: str
) -> None:
    got = _fetch(server, path, policy.model_copy(update={"allowed_hosts": allowed_hosts}))
    assert (got.status, got.reason_code, got.detail) == ("failed", "unreadable", detail)
    assert server.hits["/n/fujian.txt"] == 0


def test_a_redirect_to_an_allowed_host_is_followed(server: NoticeServer, policy: web.FetchPolicy) -> None:
    got = _fetch(server, "/to-localhost", policy.model_copy(update={"allowed_hosts": ("localhost",)}))
    assert (got.status, got.raw) == ("fetched", NOTICES["fujian.txt"].read_bytes())


def test_links_of_an_index_page_are_checked_one_by_one(server: NoticeServer, policy: web.FetchPolicy) -> None:
    listing = _discover(server, "/elsewhere.html", policy)
    with web.make_client(policy) as client:
        got = {
            c.location.split("/")[2]: web.fetch_with_retries(
                client, c.location, source=c.source, policy=policy, seen=None
            )
            for c in listing.candidates
        }
    port = server.base.rsplit(":", 1)[1]
    assert got[f"127.0.0.1:{port}"].status == "fetched"
    assert (
        got[f"localhost:{port}"].detail
        == "refused host localhost: not the source's domain nor an allowed host"
    )
    assert (
        got[f"127.0.0.2:{port}"].detail
        == "refused host 127.0.0.2: not the source's domain nor an allowed host"
    )


@pytest.mark.parametrize(
    "host",
    ["169.254.169.254", "127.0.0.1", "10.1.2.3", "192.168.0.1", "100.64.0.1", "0.0.0.0", "::1", "fd00::1",
     "::ffff:127.0.0.1", "localhost"],
)  # fmt: skip
def test_non_public_addresses_are_refused_after_resolution(host: str) -> None:
    with pytest.raises(FetchRefused, match="refused address"):
        GuardedBackend().connect_tcp(host, 80, timeout=1.0)


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.fujian.gov.cn", "fujian.gov.cn"),  # gov.cn is a public suffix
        ("www.gov.cn", "www.gov.cn"),
        ("zfxxgk.ndrc.gov.cn", "ndrc.gov.cn"),
        ("a.b.example.org", "example.org"),
        ("127.0.0.1", "127.0.0.1"),
    ],
)
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


def test_policy_from_settings_and_bad_networks() -> None:
    settings = Settings(allowed_hosts=["gov.cn"], allowed_networks=["10.0.0.0/8"], max_links_per_page=7)
    policy = web.FetchPolicy.from_settings(settings)
    assert (policy.allowed_hosts, policy.allowed_networks, policy.max_links) == (
        ("gov.cn",),
        ("10.0.0.0/8",),
        7,
    )
    assert web.FetchPolicy().allowed_networks == ()  # loopback and private refused by default
    with pytest.raises(ValidationError):
        web.FetchPolicy(allowed_networks=("not-a-network",))
