"""Properties over random input: whatever the folder holds or the server sends, every input ends
in a recorded outcome (fetched, or failed with a reason; text, or a NoticeRejected), in bounded
time (pytest-timeout), within the byte cap and (for the server, bombs among its bodies) in bounded
memory, and nothing raises past the source. The same for the parse stage (random bytes, random HTML
and cut notices under random names, parsed in a worker with a deadline and a memory cap) and for a
whole run over a folder of such files."""

from __future__ import annotations

import gzip
import itertools
import os
import tempfile
import tracemalloc
import unicodedata
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows import stages
from flows.parse_worker import ParseWorker
from flows.pipeline import run_pipeline
from flows.sources import Fetched, SourceError, SourceSpec, folder, parse_spec, web
from flows.sources.state import SourceMemory
from tests.conftest import FUJIAN
from tests.flows.notice_server import NoticeServer, gzip_bomb
from tests.flows.test_hostile_html import TOKENS
from yange.errors import NoticeRejected
from yange.parse.decode import bytes_to_text
from yange.safe_text import UNSAFE_CATEGORIES

pytestmark = pytest.mark.timeout(300)
CAP = 4096
SUFFIXES = [".txt", ".html", ".htm", ".TXT", ".md", ""]
KINDS = ["file", "file", "file", "symlink-out", "symlink-in", "fifo", "folder"]

random_html = st.lists(st.sampled_from([*TOKENS, "通知", "\n", "&amp;", "<div title='<'>"]), max_size=80).map(
    "".join
)
contents = st.one_of(st.binary(max_size=2 * CAP), random_html.map(str.encode))
# Any name a Linux file system takes: no "/" or NUL, not "." or "..", maybe not UTF-8 at all.
stems = st.binary(min_size=1, max_size=24).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


def _outcome(raw: bytes) -> str:
    """The parse stage's first step on these bytes: text, or a rejection with its reason."""
    try:
        bytes_to_text(raw, max_bytes=CAP)
    except NoticeRejected as exc:
        return exc.reason_code
    return "text"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(stems, st.sampled_from(SUFFIXES), st.sampled_from(KINDS), contents), max_size=8))
def test_a_folder_of_random_files(files: list[tuple[bytes, str, str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inbox, outside = root / "inbox", root / "outside.txt"
        inbox.mkdir()
        outside.write_bytes(b"secret")
        made: dict[str, str] = {}
        for index, (stem, suffix, kind, body) in enumerate(files):
            name = os.fsdecode(b"%d-" % index + stem + suffix.encode())
            path = inbox / name
            if kind == "file":
                path.write_bytes(body)
            elif kind == "symlink-out":
                path.symlink_to(outside)
            elif kind == "symlink-in":
                path.symlink_to(inbox / "0-x.txt")
            elif kind == "fifo":
                os.mkfifo(path)
            else:
                path.mkdir()
            made[str(path)] = kind
        found = folder.discover(SourceSpec(kind="folder", location=str(inbox)))
        for candidate in found:
            fetched = folder.read(candidate, max_bytes=CAP)
            kind = made[candidate.location]
            if kind == "file":
                assert fetched.status == "fetched" or fetched.reason_code == "too_large"
                assert len(fetched.raw) <= CAP
                assert _outcome(fetched.raw) in {"text", "empty", "binary", "encoding"}
            else:
                assert (fetched.status, fetched.reason_code) == ("failed", "unreadable"), kind
                assert fetched.detail and "\n" not in fetched.detail
        listed = {c.location for c in found}
        for location, kind in made.items():
            name = Path(location).name
            wanted = Path(name).suffix.lower() in folder.NOTICE_SUFFIXES and kind not in ("fifo", "folder")
            assert (location in listed) == (wanted and not name.startswith(".")), (name, kind)


_keys = itertools.count()


def _encoded(body: bytes, coding: str | None) -> bytes:
    if coding == "gzip":
        return gzip.compress(body)
    if coding == "deflate":
        return zlib.compress(body)
    if coding == "gzip, gzip":
        return gzip.compress(gzip.compress(body))
    return body  # identity, none, or a label that lies (br, garbage)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=contents,
    coding=st.sampled_from([None, "identity", "gzip", "deflate", "gzip, gzip", "br", "x-unknown"]),
    honest=st.booleans(),
    bomb=st.booleans(),
)
def test_random_bodies_from_the_server(
    server: NoticeServer, policy: web.FetchPolicy, body: bytes, coding: str | None, honest: bool, bomb: bool
) -> None:
    key = str(next(_keys))
    if bomb:  # 3 MiB of zeros in 3 KB (under the raw cap), labelled with the random coding
        server.custom[key] = (gzip_bomb(3) if coding != "gzip, gzip" else gzip.compress(gzip_bomb(3)), coding)
    else:
        server.custom[key] = (_encoded(body, coding) if honest else body, coding)
    capped = policy.model_copy(update={"max_bytes": CAP})
    tracemalloc.start()
    try:
        with web.make_client(capped) as client:
            got = web.fetch_with_retries(
                client, f"{server.base}/custom/{key}", source=server.base, policy=capped, seen=None
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # a 4 KB cap: the bomb's megabytes are never held
    assert got.status in ("fetched", "failed")
    if got.status == "failed":
        assert got.reason_code in ("unreadable", "too_large") and got.detail
    else:
        assert len(got.raw) <= CAP
        assert _outcome(got.raw) in {"text", "empty", "binary", "encoding"}
    try:
        with web.make_client(capped) as client:
            listing = web.discover(
                parse_spec(f"{server.base}/custom/{key}|pattern=."),
                client=client,
                policy=capped,
                memory=SourceMemory(),
            )
    except SourceError as exc:
        assert str(exc)
    else:
        assert all(c.location.startswith(("http://", "https://")) for c in listing.candidates)


# A real notice among the random inputs, cut at a random point: the parser's own paths get exercised.
FUJIAN_BYTES = FUJIAN.read_bytes()
notice_cuts = st.integers(min_value=0, max_value=len(FUJIAN_BYTES)).map(lambda n: FUJIAN_BYTES[:n])


@pytest.fixture(scope="module")
def worker() -> Iterator[ParseWorker]:
    """A parse worker with a short deadline and a small cap: bounded time and memory per input."""
    parser = ParseWorker(deadline_s=10, memory_mb=512)
    yield parser
    parser.stop()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(stems, st.one_of(contents, notice_cuts)), min_size=1, max_size=6))
def test_the_parse_stage_records_an_outcome_for_any_bytes_and_name(
    worker: ParseWorker, inputs: list[tuple[bytes, bytes]]
) -> None:
    fetched = [
        Fetched(
            source="inbox", location=os.fsdecode(b"inbox/%d-" % k + stem + b".txt"), status="fetched", raw=raw
        )
        for k, (stem, raw) in enumerate(inputs)
    ]
    batch = stages.parse(
        stages.Discovery(source="inbox"), fetched, memory=SourceMemory(), max_bytes=CAP, parser=worker.parse
    )
    assert len(batch.items) == len(inputs)
    for item in batch.items:
        assert not any(unicodedata.category(c) in (*UNSAFE_CATEGORIES, "Cs") for c in item.location)
        assert item.status in ("parsed", "rejected")
        if item.status == "rejected":
            assert item.reason and "\n" not in item.reason
            assert not item.reason.startswith(("parser_error", "timeout")), item.reason
        else:
            assert item.parsed is not None and item.parsed.records


visible_stems = stems.filter(lambda b: not b.startswith(b"."))  # a hidden file is not listed


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(visible_stems, st.one_of(contents, notice_cuts)),
        min_size=1,
        max_size=5,
        unique_by=lambda t: t[0],
    )
)
def test_a_run_over_random_files_records_every_file(files: list[tuple[bytes, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for stem, raw in files:
            (inbox / os.fsdecode(stem + b".txt")).write_bytes(raw)
        db = str(Path(tmp) / "h.duckdb")
        summary = run_pipeline([str(inbox)], db=db)
        assert summary.new + summary.unchanged + summary.rejected_count == len(files)
        assert all(not (o.reason or "").startswith(("parser_error", "timeout")) for o in summary.outcomes)
        again = run_pipeline([str(inbox)], db=db)
        assert (again.new, again.rejected_count, again.unchanged) == (0, 0, len(files))
