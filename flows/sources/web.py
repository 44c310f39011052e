"""Fetching over http(s): index pages, RSS/Atom feeds and the notices they link to.

Every request is conditional when the source memory holds validators (ETag / Last-Modified), so an
unchanged page costs one 304 and no download. Bodies are streamed and abandoned past the size cap;
redirects are bounded and may only lead to http/https. Failures are sorted in two: transient ones
(timeouts, connection errors, 5xx, 429) raise `TransientFetchError` so that the caller retries,
permanent ones come back as a failed `Fetched` with a reason.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import httpx
from pydantic import BaseModel, ConfigDict, Field
from selectolax.lexbor import LexborHTMLParser

from flows.sources import Candidate, Fetched, SourceError, SourceSpec
from flows.sources.state import SeenEntry, SourceMemory

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


class TransientFetchError(RuntimeError):
    """A failure worth retrying: timeout, connection trouble, 5xx or 429."""


class _PermanentFetchError(RuntimeError):
    def __init__(self, reason_code: str, detail: str) -> None:
        super().__init__(detail)
        self.reason_code = reason_code
        self.detail = detail


def is_transient(exc: BaseException) -> bool:
    """The retry rule shared by Prefect's retry_condition_fn and the per-notice retry loop."""
    return isinstance(exc, TransientFetchError)


def make_client(policy: FetchPolicy) -> httpx.Client:
    def refuse_other_schemes(request: httpx.Request) -> None:
        if request.url.scheme not in ALLOWED_SCHEMES:
            raise _PermanentFetchError("unreadable", f"refused scheme {request.url.scheme!r}")

    return httpx.Client(
        follow_redirects=True,
        max_redirects=policy.max_redirects,
        timeout=httpx.Timeout(policy.timeout_s, connect=policy.connect_timeout_s),
        headers={"User-Agent": USER_AGENT},
        event_hooks={"request": [refuse_other_schemes]},
    )


def get(
    client: httpx.Client, url: str, *, source: str, policy: FetchPolicy, seen: SeenEntry | None
) -> Fetched:
    """One conditional GET. Raises TransientFetchError; returns permanent failures as `failed`."""
    try:
        return _get(client, url, source=source, policy=policy, seen=seen)
    except _PermanentFetchError as exc:
        return Fetched(
            source=source, location=url, status="failed", reason_code=exc.reason_code, detail=exc.detail
        )


def _get(
    client: httpx.Client, url: str, *, source: str, policy: FetchPolicy, seen: SeenEntry | None
) -> Fetched:
    if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        raise _PermanentFetchError("unreadable", f"refused scheme in {url!r}")
    headers: dict[str, str] = {}
    if seen is not None and seen.etag:
        headers["If-None-Match"] = seen.etag
    if seen is not None and seen.last_modified:
        headers["If-Modified-Since"] = seen.last_modified
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(
                    source=source,
                    location=url,
                    status="not_modified",
                    etag=response.headers.get("etag") or (seen.etag if seen else None),
                    last_modified=response.headers.get("last-modified")
                    or (seen.last_modified if seen else None),
                )
            if response.status_code in TRANSIENT_STATUS:
                raise TransientFetchError(f"{url}: HTTP {response.status_code}")
            if response.status_code >= 400:
                raise _PermanentFetchError("unreadable", f"HTTP {response.status_code}")
            raw = _read_capped(response, policy.max_bytes)
            return Fetched(
                source=source,
                location=url,
                status="fetched",
                raw=raw,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
    except httpx.TooManyRedirects:
        raise _PermanentFetchError("unreadable", f"more than {policy.max_redirects} redirects") from None
    except httpx.UnsupportedProtocol as exc:
        raise _PermanentFetchError("unreadable", f"refused redirect: {exc}") from None
    except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
        raise TransientFetchError(f"{url}: {type(exc).__name__}: {exc or 'no detail'}") from None
    except httpx.HTTPError as exc:
        raise _PermanentFetchError("unreadable", f"{type(exc).__name__}: {exc}") from None


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _PermanentFetchError("too_large", f"{declared} bytes declared, over the {max_bytes} byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _PermanentFetchError("too_large", f"body passed the {max_bytes} byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_with_retries(
    client: httpx.Client,
    url: str,
    *,
    source: str,
    policy: FetchPolicy,
    seen: SeenEntry | None,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    """GET one notice, retrying transient failures after each of policy.retry_delays_s.

    Prefect retries whole tasks; a task holds a batch of notices, so one flaky notice is retried here
    instead of refetching the batch. What still fails ends as `failed` with the last reason."""
    delays = list(policy.retry_delays_s)
    while True:
        try:
            return get(client, url, source=source, policy=policy, seen=seen)
        except TransientFetchError as exc:
            if not delays:
                return Fetched(
                    source=source, location=url, status="failed", reason_code="unreadable", detail=str(exc)
                )
            sleep(delays.pop(0))


class Listing(BaseModel):
    """What discovering one index page or feed gave: the notice links and the page's own memory."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    candidates: list[Candidate]
    seen: SeenEntry


def discover(spec: SourceSpec, *, client: httpx.Client, policy: FetchPolicy, memory: SourceMemory) -> Listing:
    """Fetch an index page or feed (conditionally) and list the notices it links to.

    Raises TransientFetchError (the Prefect task retries) or SourceError (the source is skipped)."""
    seen = memory.get(spec.location)
    page = get(client, spec.location, source=spec.label, policy=policy, seen=seen)
    if page.status == "failed":
        raise SourceError(f"{spec.location}: {page.reason_code}: {page.detail}")
    if page.status == "not_modified" and seen is not None:
        links = list(seen.links)
    else:
        kind = spec.kind if spec.kind != "web" else ("feed" if _looks_like_feed(page.raw) else "index")
        links = _feed_links(spec, page.raw) if kind == "feed" else _index_links(spec, page.raw)
    pattern = re.compile(spec.pattern) if spec.pattern else None
    if pattern is not None:
        links = [link for link in links if pattern.search(link)]
    entry = SeenEntry(location=spec.location, etag=page.etag, last_modified=page.last_modified, links=links)
    return Listing(candidates=[Candidate(source=spec.label, location=link) for link in links], seen=entry)


def _looks_like_feed(raw: bytes) -> bool:
    head = raw[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and b"<html" not in head


def _index_links(spec: SourceSpec, raw: bytes) -> list[str]:
    tree = LexborHTMLParser(raw)
    anchors = tree.css(spec.selector or "a[href]")
    links: list[str] = []
    for anchor in anchors:
        href = anchor.attributes.get("href")
        if not href:
            continue
        if not spec.selector and not spec.pattern:
            text = anchor.text(strip=True)
            if not NOTICE_LINK_TEXT.search(text) and not href.lower().endswith(".txt"):
                continue
        links.append(href)
    return _absolute(spec.location, links)


def _feed_links(spec: SourceSpec, raw: bytes) -> list[str]:
    parsed = feedparser.parse(raw)
    if parsed.bozo and not parsed.entries:
        raise SourceError(f"{spec.location}: not a readable feed: {parsed.get('bozo_exception')}")
    return _absolute(spec.location, [str(entry.get("link")) for entry in parsed.entries if entry.get("link")])


def _absolute(base: str, hrefs: list[str]) -> list[str]:
    """Resolve against the page, drop fragments, non-http(s) links, the page itself and repeats."""
    out: dict[str, None] = {}
    for href in hrefs:
        url = urldefrag(urljoin(base, href.strip())).url
        if urlsplit(url).scheme in ALLOWED_SCHEMES and url != base:
            out.setdefault(url, None)
    return list(out)
