"""Fetching over http(s): index pages, RSS/Atom feeds and the notices they link to.

Every request is conditional when the source memory holds validators (ETag / Last-Modified), so an
unchanged page costs one 304 and no download. Every request is bounded: redirects (only to
http/https, only to allowed hosts: flows/sources/hosts.py), addresses (public ones only, checked
after DNS: flows/sources/network.py), bytes after decoding (flows/sources/content_coding.py), and
time: a total deadline per request and one per client, i.e. per source batch, retries included
(flows/sources/budget.py). Failures are sorted in two: transient ones (timeouts before the deadline,
connection errors, 5xx, 429) raise `TransientFetchError` so that the caller retries, permanent ones
come back as a failed `Fetched` with a reason.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator
from selectolax.lexbor import LexborHTMLParser

from flows.sources import Candidate, Fetched, SourceError, SourceSpec, budget
from flows.sources.budget import Deadline, DeadlineExceeded, FetchRefused, RequestScope
from flows.sources.content_coding import ACCEPT_ENCODING, read_body
from flows.sources.hosts import HostRule, host_of, parse_networks
from flows.sources.network import GuardedTransport
from flows.sources.state import SeenEntry, SourceMemory
from yange.errors import NoticeRejected
from yange.parse.decode import MAX_TREE_DEPTH, decode, nesting_depth
from yange.settings import Settings

ALLOWED_SCHEMES = frozenset({"http", "https"})
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
# Default link rule for an index page without selector or pattern: the anchor text names a notice
# genre (规定 = regulation, 职能/职责 = functions, 通知 = notice, 编制 = staffing), or the link is a .txt file.
NOTICE_LINK_TEXT = re.compile(r"规定|职能|职责|通知|编制")
USER_AGENT = "yange-ingest/0.1"


class FetchPolicy(BaseModel):
    """Limits for every request. The defaults suit a daily run; tests tighten them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timeout_s: float = Field(default=20.0, gt=0)
    connect_timeout_s: float = Field(default=10.0, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    max_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    retry_delays_s: list[float] = Field(default_factory=lambda: [2.0, 10.0, 30.0])
    # Total time of one request (its redirects and body included) and of one client (one source's
    # listing, or one batch of its notices, retries and their waits included).
    deadline_s: float = Field(default=120.0, gt=0)
    source_deadline_s: float = Field(default=1800.0, gt=0)
    # An index page or feed listing more notice links than this is refused, not read.
    max_links: int = Field(default=5000, gt=0)
    # Hosts (and their subdomains) a source may reach besides its own registrable domain; "*": any.
    allowed_hosts: tuple[str, ...] = ()
    # Non-public networks a source may reach nonetheless, as CIDR (loopback, link-local and private
    # addresses are refused otherwise): "127.0.0.1/32" for tests, "10.0.0.0/8" for an intranet.
    allowed_networks: tuple[str, ...] = ()

    @field_validator("allowed_networks")
    @classmethod
    def _networks_parse(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        parse_networks(value)
        return value

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            max_bytes=settings.max_notice_bytes,
            deadline_s=settings.fetch_deadline_s,
            source_deadline_s=settings.source_deadline_s,
            max_links=settings.max_links_per_page,
            allowed_hosts=tuple(settings.allowed_hosts),
            allowed_networks=tuple(settings.allowed_networks),
        )


class TransientFetchError(RuntimeError):
    """A failure worth retrying: timeout, connection trouble, 5xx or 429."""


def is_transient(exc: BaseException) -> bool:
    """The retry rule shared by Prefect's retry_condition_fn and the per-notice retry loop."""
    return isinstance(exc, TransientFetchError)


class SourceClient(httpx.Client):
    """An httpx client on the guarded transport that carries the deadline of the source work it
    was made for (one source's listing, or one batch of its notices)."""

    def __init__(self, policy: FetchPolicy) -> None:
        super().__init__(
            follow_redirects=True,
            max_redirects=policy.max_redirects,
            timeout=httpx.Timeout(policy.timeout_s, connect=policy.connect_timeout_s),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            transport=GuardedTransport(allowed_networks=parse_networks(policy.allowed_networks)),
            event_hooks={"request": [_check_request]},
        )
        self.source_deadline = Deadline(policy.source_deadline_s, "source deadline")


def make_client(policy: FetchPolicy) -> SourceClient:
    """A client for one source's listing or one batch of its notices; its source deadline starts now."""
    return SourceClient(policy)


def _check_request(request: httpx.Request) -> None:
    """Run on every request, redirects included: the scheme, then the host against the source's rule."""
    if request.url.scheme not in ALLOWED_SCHEMES:
        raise FetchRefused("unreadable", f"refused scheme {request.url.scheme!r}")
    scope = budget.current()
    host = host_of(request.url)
    if scope is not None and scope.hosts is not None and not scope.hosts.allows(host):
        raise FetchRefused("unreadable", f"refused host {host}: not the source's domain nor an allowed host")


def get(
    client: SourceClient, url: str, *, source: str, policy: FetchPolicy, seen: SeenEntry | None
) -> Fetched:
    """One conditional GET. Raises TransientFetchError; returns permanent failures as `failed`."""
    try:
        return _get(client, url, source=source, policy=policy, seen=seen)
    except FetchRefused as exc:
        return _failed(source, url, exc.reason_code, exc.detail)


def _get(
    client: SourceClient, url: str, *, source: str, policy: FetchPolicy, seen: SeenEntry | None
) -> Fetched:
    if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchRefused("unreadable", f"refused scheme in {url!r}")
    if client.source_deadline.expired():
        raise DeadlineExceeded(client.source_deadline)
    origin = source if urlsplit(source).scheme.lower() in ALLOWED_SCHEMES else url
    deadline = min(
        Deadline(policy.deadline_s, "request deadline"), client.source_deadline, key=lambda d: d.at
    )
    headers: dict[str, str] = {}
    if seen is not None and seen.etag:
        headers["If-None-Match"] = seen.etag
    if seen is not None and seen.last_modified:
        headers["If-Modified-Since"] = seen.last_modified
    try:
        with (
            budget.scope(
                RequestScope(deadline=deadline, hosts=HostRule.for_source(origin, policy.allowed_hosts))
            ),
            client.stream("GET", url, headers=headers) as response,
        ):
            return _answer(response, url, source=source, policy=policy, seen=seen)
    except httpx.TooManyRedirects:
        raise FetchRefused("unreadable", f"more than {policy.max_redirects} redirects") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchRefused("unreadable", f"refused redirect: {exc}") from None
    except httpx.InvalidURL as exc:
        raise FetchRefused("unreadable", f"bad address: {exc}") from None
    except httpx.TimeoutException as exc:
        if deadline.expired():
            raise DeadlineExceeded(deadline) from None
        raise TransientFetchError(f"{url}: {type(exc).__name__}: {exc or 'no detail'}") from None
    except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
        raise TransientFetchError(f"{url}: {type(exc).__name__}: {exc or 'no detail'}") from None
    except httpx.HTTPError as exc:
        raise FetchRefused("unreadable", f"{type(exc).__name__}: {exc}") from None


def _answer(
    response: httpx.Response, url: str, *, source: str, policy: FetchPolicy, seen: SeenEntry | None
) -> Fetched:
    if response.status_code == 304:
        return Fetched(
            source=source,
            location=url,
            status="not_modified",
            etag=response.headers.get("etag") or (seen.etag if seen else None),
            last_modified=response.headers.get("last-modified") or (seen.last_modified if seen else None),
        )
    if response.status_code in TRANSIENT_STATUS:
        raise TransientFetchError(f"{url}: HTTP {response.status_code}")
    if response.status_code >= 400:
        raise FetchRefused("unreadable", f"HTTP {response.status_code}")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchRefused("too_large", f"{declared} bytes declared, over the {policy.max_bytes} byte limit")
    return Fetched(
        source=source,
        location=url,
        status="fetched",
        raw=read_body(response, policy.max_bytes),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _failed(source: str, url: str, code: str, detail: str) -> Fetched:
    return Fetched(source=source, location=url, status="failed", reason_code=code, detail=detail)


def fetch_with_retries(
    client: SourceClient,
    url: str,
    *,
    source: str,
    policy: FetchPolicy,
    seen: SeenEntry | None,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    """GET one notice, retrying transient failures after each of policy.retry_delays_s.

    Prefect retries whole tasks; a task holds a batch of notices, so one flaky notice is retried here
    instead of refetching the batch. What still fails ends as `failed` with the last reason; so does
    a retry whose wait would pass the client's source deadline."""
    delays = list(policy.retry_delays_s)
    while True:
        try:
            return get(client, url, source=source, policy=policy, seen=seen)
        except TransientFetchError as exc:
            if not delays or client.source_deadline.remaining() < delays[0]:
                return _failed(source, url, "unreadable", str(exc))
            sleep(delays.pop(0))


class Listing(BaseModel):
    """What discovering one index page or feed gave: the notice links and the page's own memory."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    candidates: list[Candidate]
    seen: SeenEntry


def discover(spec: SourceSpec, *, client: SourceClient, policy: FetchPolicy, memory: SourceMemory) -> Listing:
    """Fetch an index page or feed (conditionally) and list the notices it links to.

    Raises TransientFetchError (the Prefect task retries) or SourceError (the source is skipped):
    a page that cannot be fetched, nests deeper than MAX_TREE_DEPTH or lists more than
    policy.max_links notices."""
    seen = memory.get(spec.location)
    page = get(client, spec.location, source=spec.label, policy=policy, seen=seen)
    if page.status == "failed":
        raise SourceError(f"{spec.location}: {page.reason_code}: {page.detail}")
    if page.status == "not_modified" and seen is not None:
        links = list(seen.links)
    else:
        kind = spec.kind if spec.kind != "web" else ("feed" if _looks_like_feed(page.raw) else "index")
        hrefs = _feed_links(spec, page.raw) if kind == "feed" else _index_links(spec, page.raw)
        links = _notice_links(spec, hrefs, policy.max_links)
    entry = SeenEntry(location=spec.location, etag=page.etag, last_modified=page.last_modified, links=links)
    return Listing(candidates=[Candidate(source=spec.label, location=link) for link in links], seen=entry)


def _looks_like_feed(raw: bytes) -> bool:
    head = raw[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and b"<html" not in head


def _index_links(spec: SourceSpec, raw: bytes) -> Iterator[str]:
    """The page's notice links. The page is decoded as a notice is and its tree depth checked
    first: lexbor's tree building slows down quadratically with nesting (160,000 <div>: minutes)."""
    try:
        html = decode(raw)
    except NoticeRejected as exc:
        raise SourceError(f"{spec.location}: not a readable page: {exc}") from None
    depth = nesting_depth(html, limit=MAX_TREE_DEPTH)
    if depth > MAX_TREE_DEPTH:
        raise SourceError(f"{spec.location}: elements nested deeper than {MAX_TREE_DEPTH}: not read")
    tree = LexborHTMLParser(html)
    for anchor in tree.css(spec.selector or "a[href]"):
        href = anchor.attributes.get("href")
        if not href:
            continue
        if not spec.selector and not spec.pattern:
            text = anchor.text(strip=True)
            if not NOTICE_LINK_TEXT.search(text) and not href.lower().endswith(".txt"):
                continue
        yield href


def _feed_links(spec: SourceSpec, raw: bytes) -> list[str]:
    parsed = feedparser.parse(raw)
    if parsed.bozo and not parsed.entries:
        raise SourceError(f"{spec.location}: not a readable feed: {parsed.get('bozo_exception')}")
    return [str(entry.get("link")) for entry in parsed.entries if entry.get("link")]


def _notice_links(spec: SourceSpec, hrefs: Iterable[str], max_links: int) -> list[str]:
    """Resolve against the page; drop fragments, non-http(s) links, the page itself, repeats and
    links the source's pattern refuses. Raises SourceError as soon as more than `max_links` remain
    (a page of 400,000 links costs no more than one of `max_links`)."""
    pattern = re.compile(spec.pattern) if spec.pattern else None
    out: dict[str, None] = {}
    for href in hrefs:
        url = urldefrag(urljoin(spec.location, href.strip())).url
        if urlsplit(url).scheme not in ALLOWED_SCHEMES or url == spec.location:
            continue
        if pattern is None or pattern.search(url):
            out.setdefault(url, None)
        if len(out) > max_links:
            raise SourceError(f"{spec.location}: lists more than {max_links} notice links, the limit")
    return list(out)
