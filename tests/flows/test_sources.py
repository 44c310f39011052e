"""The sources on their own: source strings, a folder inbox, and every http case against a local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.sources import Candidate, SourceError, SourceSpec, folder, parse_spec, web
from flows.sources.state import SeenEntry, SourceMemory, content_hash
from tests.flows.notice_server import NOTICES, NoticeServer

# --- source strings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "selector", "pattern"),
    [
        ("https://host/list.html", "web", None, None),  # kind decided by the content
        ("http://host/list.html|selector=ul.news a", "web", "ul.news a", None),
        ("https://host/list.html|pattern=/art/\\d+\\.html", "web", None, "/art/\\d+\\.html"),
        ("feed:https://host/rss.xml", "feed", None, None),  # forced feed
        ("index:https://host/rss.xml|selector=a", "index", "a", None),  # forced index page
        ("  https://host/x  ", "web", None, None),  # surrounding blanks are ignored
    ],
)
def test_parse_spec_web(text: str, kind: str, selector: str | None, pattern: str | None) -> None:
    spec = parse_spec(text)
    assert (spec.kind, spec.selector, spec.pattern) == (kind, selector, pattern)
    assert spec.location.startswith("http")


def test_parse_spec_local(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert parse_spec(str(tmp_path)).kind == "folder"
    assert parse_spec(str(tmp_path / "a.txt")).kind == "file"
    assert parse_spec(str(tmp_path / "missing.txt")).kind == "file"  # reported missing at discovery


@pytest.mark.parametrize(
    "text",
    [
        "ftp://host/notices/",  # only http and https are fetched
        "file:///etc/passwd",
        "feed:/local/path",  # a feed must be an address
        "https://host/x|colour=red",  # unknown option
        "https://host/x|pattern=(unclosed",  # bad regex
        "inbox|selector=a",  # options on a folder make no sense
        "|selector=a",  # empty source
    ],
)
def test_parse_spec_refuses(text: str) -> None:
    with pytest.raises(SourceError):
        parse_spec(text)


# --- folder --------------------------------------------------------------------------------------


def test_folder_lists_notice_files_recursively(tmp_path: Path) -> None:
    for name in ["b.txt", "a.HTML", "sub/c.htm", "notes.md", ".hidden/d.txt", ".e.txt", "f.pdf"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = folder.discover(SourceSpec(kind="folder", location=str(tmp_path)))
    assert [Path(c.location).relative_to(tmp_path).as_posix() for c in found] == [
        "a.HTML",
        "b.txt",
        "sub/c.htm",
    ]


def test_folder_missing_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        folder.discover(SourceSpec(kind="folder", location=str(tmp_path / "nope")))
    with pytest.raises(SourceError):
        folder.discover(SourceSpec(kind="file", location=str(tmp_path / "nope.txt")))


def test_folder_read_refuses_oversized_files_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    candidate = Candidate(source=str(tmp_path), location=str(big))
    assert folder.read(candidate, max_bytes=4096).raw == b"x" * 2048
    refused = folder.read(candidate, max_bytes=1024)
    assert (refused.status, refused.reason_code, refused.raw) == ("failed", "too_large", b"")


# --- http: discovery -----------------------------------------------------------------------------


def _discover(
    server: NoticeServer, spec_text: str, policy: web.FetchPolicy, memory: SourceMemory | None = None
):
    with web.make_client(policy) as client:
        return web.discover(
            parse_spec(spec_text), client=client, policy=policy, memory=memory or SourceMemory()
        )


def test_index_default_rule_picks_notice_links(server: NoticeServer, policy: web.FetchPolicy) -> None:
    listing = _discover(server, f"{server.base}/index.html", policy)
    # Anchor text names a notice genre; /about.html and mailto: are left out, the fragment dropped.
    assert [c.location for c in listing.candidates] == [
        f"{server.base}/n/fujian.txt",
        f"{server.base}/n/mofcom.txt",
        f"{server.base}/not-a-notice",
    ]
    assert listing.seen.etag == server.index_etag


def test_index_selector_and_pattern(server: NoticeServer, policy: web.FetchPolicy) -> None:
    by_selector = _discover(server, f"{server.base}/index.html|selector=p a", policy)
    assert [c.location for c in by_selector.candidates] == [f"{server.base}/about.html"]
    by_pattern = _discover(server, f"{server.base}/index.html|pattern=/n/", policy)
    assert [c.location for c in by_pattern.candidates] == [
        f"{server.base}/n/fujian.txt",
        f"{server.base}/n/mofcom.txt",
    ]


@pytest.mark.parametrize("path", ["/feed.xml", "/atom.xml"])
def test_feeds_are_detected_and_read(server: NoticeServer, policy: web.FetchPolicy, path: str) -> None:
    listing = _discover(server, f"{server.base}{path}", policy)
    assert f"{server.base}/n/mofcom.txt" in [c.location for c in listing.candidates]
    forced = _discover(server, f"feed:{server.base}{path}", policy)
    assert forced.candidates == listing.candidates


def test_unchanged_index_answers_304_and_keeps_its_links(
    server: NoticeServer, policy: web.FetchPolicy
) -> None:
    first = _discover(server, f"{server.base}/index.html", policy)
    memory = SourceMemory().updated([first.seen])
    second = _discover(server, f"{server.base}/index.html", policy, memory)
    assert second.candidates == first.candidates  # links come from memory: a 304 has no body
    assert server.hits["/index.html"] == 2


def test_index_that_fails_for_good_is_a_source_error(server: NoticeServer, policy: web.FetchPolicy) -> None:
    with pytest.raises(SourceError, match="404"):
        _discover(server, f"{server.base}/missing.html", policy)
    with pytest.raises(SourceError, match="redirects"):
        _discover(server, f"{server.base}/loop", policy)


def test_index_that_fails_for_now_is_transient(server: NoticeServer, policy: web.FetchPolicy) -> None:
    with pytest.raises(web.TransientFetchError):
        _discover(server, f"{server.base}/down", policy)


# --- http: notices -------------------------------------------------------------------------------


def _fetch(server: NoticeServer, path: str, policy: web.FetchPolicy, seen: SeenEntry | None = None):
    with web.make_client(policy) as client:
        return web.fetch_with_retries(
            client, f"{server.base}{path}", source="test", policy=policy, seen=seen, sleep=lambda _: None
        )


def test_notice_is_downloaded_with_validators(server: NoticeServer, policy: web.FetchPolicy) -> None:
    got = _fetch(server, "/n/fujian.txt", policy)
    assert got.status == "fetched"
    assert got.raw == NOTICES["fujian.txt"].read_bytes()
    assert got.etag


def test_conditional_request_gets_304(server: NoticeServer, policy: web.FetchPolicy) -> None:
    first = _fetch(server, "/n/fujian.txt", policy)
    seen = SeenEntry(location=first.location, etag=first.etag, content_hash=content_hash(first.raw))
    again = _fetch(server, "/n/fujian.txt", policy, seen)
    assert (again.status, again.raw, again.etag) == ("not_modified", b"", first.etag)


def test_500_then_success_is_retried(server: NoticeServer, policy: web.FetchPolicy) -> None:
    got = _fetch(server, "/flaky/mofcom.txt", policy)
    assert got.status == "fetched"
    assert server.hits["/flaky/mofcom.txt"] == 2


def test_500_forever_fails_after_the_retries(server: NoticeServer, policy: web.FetchPolicy) -> None:
    got = _fetch(server, "/down", policy)
    assert (got.status, got.reason_code) == ("failed", "unreadable")
    assert "500" in (got.detail or "")
    assert server.hits["/down"] == 1 + len(policy.retry_delays_s)


def test_slow_response_times_out(server: NoticeServer, policy: web.FetchPolicy) -> None:
    no_retry = policy.model_copy(update={"retry_delays_s": []})
    got = _fetch(server, "/slow", no_retry)
    assert (got.status, got.reason_code) == ("failed", "unreadable")
    assert "Timeout" in (got.detail or "")


@pytest.mark.parametrize(
    ("path", "reason", "detail"),
    [
        ("/loop", "unreadable", "redirects"),  # a redirect loop stops at max_redirects
        ("/to-file", "unreadable", "file"),  # a redirect may only lead to http/https
        ("/huge", "too_large", "limit"),  # 50 MB streamed: abandoned past the cap
        ("/huge-declared", "too_large", "declared"),  # 50 MB announced: refused before reading
        ("/missing", "unreadable", "404"),
    ],
)
def test_permanent_failures(
    server: NoticeServer, policy: web.FetchPolicy, path: str, reason: str, detail: str
) -> None:
    got = _fetch(server, path, policy)
    assert (got.status, got.reason_code) == ("failed", reason)
    assert detail in (got.detail or "")
    assert server.hits[path] <= policy.max_redirects + 1  # never retried


def test_memory_knows_stored_bytes() -> None:
    memory = SourceMemory().updated([SeenEntry(location="a", content_hash=content_hash(b"one"))])
    assert memory.is_stored("a", b"one")
    assert not memory.is_stored("a", b"two")
    assert not memory.is_stored("b", b"one")
