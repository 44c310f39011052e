"""The ingest pipeline's stages as plain functions: discover, fetch, parse, store, diff, report.

Each stage works on one batch (up to BATCH_SIZE notices of one source), so the Prefect tasks in
flows/tasks.py that wrap them cost a few task runs per batch, not per notice. The same functions run
without Prefect in `flows.pipeline.run_pipeline`. Stages hold no parsing or storage logic of their own:
they call `yange.parse`, `storage` and the sources, and sort every notice into new / unchanged /
rejected so that one bad notice never stops or loses the others.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, TypeVar

import duckdb
from pydantic import BaseModel, ConfigDict, Field

import storage
from flows import parse_worker
from flows.engines import default_engines
from flows.parse_worker import ParseOutcome
from flows.report import IngestSummary, NoticeOutcome, SourceFailure
from flows.sources import Candidate, Fetched, SourceError, SourceSpec, folder, parse_spec, web
from flows.sources import state as source_state
from flows.sources.state import SeenEntry, SourceMemory, content_hash
from models import ParsedNotice
from yange.errors import StorageError
from yange.safe_text import printable
from yange.settings import get_settings

log = logging.getLogger(__name__)

# stage name, done, total (None while unknown): drives the CLI's progress bar.
Progress = Callable[[str, int, int | None], None]
T = TypeVar("T")


# Notices per batch: a big folder is split so that memory stays bounded (a batch holds its bytes,
# parsed notices and their rows) while storage still writes one statement per table per batch and
# Prefect runs a few tasks per batch. Measured on 2,000 generated notices: 50 -> 100 ran 14% faster
# for 5 MB more at the peak; 200 another 6% faster for 40 MB more.
BATCH_SIZE = 100
# Under Prefect every batch costs three task runs (fetch, parse, store: 10-20 ms each), so the flow
# takes bigger batches: 2,000 notices are then 30 task runs, not 120.
FLOW_BATCH_SIZE = 200


def no_progress(stage: str, done: int, total: int | None) -> None:
    """The default progress callback: report nothing."""


# The progress callback of the `ingest` flow runs of this thread (set by
# flows.ingest.ingest_with_progress). Not a flow parameter: Prefect puts a flow's parameters in the
# context of every task it sends to a Dask worker process, and a callback drawing a progress bar
# holds locks, which do not pickle. Kept here, not in flows/ingest.py: a Dask client pickles the
# flow's function by value, with whatever of its own module's globals it reads.
FLOW_PROGRESS: ContextVar[Progress] = ContextVar("flow_progress", default=no_progress)


class RunProgress:
    """Counts stored notices across all batches, so the caller sees one bar for the whole run."""

    def __init__(self, callback: Progress, total: int) -> None:
        self.callback = callback
        self.total = total
        self.done = 0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        self.done += 1
        self.callback(stage, self.done, self.total)


def default_policy() -> web.FetchPolicy:
    return web.FetchPolicy.from_settings(get_settings())


class Discovery(BaseModel):
    """The notices one source points at, or why the source could not be listed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    spec: SourceSpec | None = None
    candidates: list[Candidate] = Field(default_factory=list)
    seen: list[SeenEntry] = Field(default_factory=list)
    error: str | None = None


class Prepared(BaseModel):
    """One notice after parsing: ready to store, already known, or rejected with a reason."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    location: str
    status: Literal["parsed", "known", "rejected"]
    raw: bytes = b""
    parsed: ParsedNotice | None = None
    reason: str | None = None
    # Recorded in the source memory once the notice is stored; None leaves it to be fetched again.
    seen: SeenEntry | None = None


class Batch(BaseModel):
    """One source's prepared notices, plus the memory of its index page or feed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    items: list[Prepared] = Field(default_factory=list)
    seen: list[SeenEntry] = Field(default_factory=list)
    error: str | None = None


# --- the history database, opened once per run ---------------------------------------------------


class History:
    """The run's one read-write connection (on the writer's private file: see storage.db).

    What it stores reaches readers when it is published: at most every `publish_every_s` during a
    long run (`checkpoint`), and whatever is left when it closes."""

    def __init__(self, db: str, engines: storage.Engines | None = None) -> None:
        self.db = db
        self._engines = engines
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def engines(self) -> storage.Engines:
        """Built on the first store: the differ loads numpy and rapidfuzz, which a run with
        nothing new never needs."""
        if self._engines is None:
            self._engines = default_engines()
        return self._engines

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            settings = get_settings()
            self._con = storage.connect(
                self.db, wait_seconds=settings.writer_wait_s, memory_limit_mb=settings.writer_memory_mb
            )
        return self._con

    def checkpoint(self) -> None:
        """Between batches: let readers see progress if the last publication is old enough."""
        if self._con is not None:
            storage.maybe_publish(self._con, every_seconds=get_settings().publish_every_s)

    def close(self) -> None:
        if self._con is None:
            return
        con, self._con = self._con, None
        storage.close(con)


@contextmanager
def open_history(db: str) -> Iterator[History]:
    history = History(db)
    try:
        yield history
    finally:
        history.close()


def load_memory(history: History) -> SourceMemory:
    with storage.translated():
        return source_state.load(history.con)


# --- discover and fetch --------------------------------------------------------------------------


def discover(spec_text: str, *, memory: SourceMemory, policy: web.FetchPolicy) -> Discovery:
    """List one source's notices. Raises web.TransientFetchError so that the caller can retry."""
    try:
        spec = parse_spec(spec_text)
        if spec.kind in ("folder", "file"):
            return Discovery(source=spec.label, spec=spec, candidates=folder.discover(spec))
        with web.make_client(policy) as client:
            listing = web.discover(spec, client=client, policy=policy, memory=memory)
        return Discovery(source=spec.label, spec=spec, candidates=listing.candidates, seen=[listing.seen])
    except SourceError as exc:
        return Discovery(source=spec_text, error=str(exc))


def failed_discovery(spec_text: str, exc: BaseException) -> Discovery:
    """What a source whose listing kept failing (after retries) contributes: its reason."""
    return Discovery(source=spec_text, error=f"{type(exc).__name__}: {exc}")


def discover_with_retries(
    spec_text: str,
    *,
    memory: SourceMemory,
    policy: web.FetchPolicy,
    sleep: Callable[[float], None] = time.sleep,
) -> Discovery:
    """`discover` with the retry rule Prefect applies to the discover task (for run_pipeline)."""
    delays = list(policy.retry_delays_s)
    while True:
        try:
            return discover(spec_text, memory=memory, policy=policy)
        except web.TransientFetchError as exc:
            if not delays:
                return failed_discovery(spec_text, exc)
            sleep(delays.pop(0))


def split(discoveries: list[Discovery], *, size: int = BATCH_SIZE) -> list[Discovery]:
    """Cut each source's candidates into batches of `size`. The listing's own memory (an index
    page's links) rides on the last batch, so it is written only once all its notices are stored."""
    batches: list[Discovery] = []
    for found in discoveries:
        if found.error or len(found.candidates) <= size:
            batches.append(found)
            continue
        starts = range(0, len(found.candidates), size)
        for start in starts:
            last = start == starts[-1]
            part = found.candidates[start : start + size]
            batches.append(found.model_copy(update={"candidates": part, "seen": found.seen if last else []}))
    return batches


def fetch(discovery: Discovery, *, memory: SourceMemory, policy: web.FetchPolicy) -> list[Fetched]:
    """Read or download every candidate of one source (transient failures retried per notice)."""
    if discovery.spec is None or not discovery.candidates:
        return []
    if discovery.spec.kind in ("folder", "file"):
        return [
            folder.read(c, max_bytes=policy.max_bytes, seen=memory.get(printable(c.location)))
            for c in discovery.candidates
        ]
    with web.make_client(policy) as client:
        return [
            web.fetch_with_retries(
                client, c.location, source=c.source, policy=policy, seen=memory.get(printable(c.location))
            )
            for c in discovery.candidates
        ]


# --- parse ---------------------------------------------------------------------------------------


def anything_to_parse(fetched: list[Fetched]) -> bool:
    """Whether a batch holds bytes to parse (or failures to sort), not only unchanged files."""
    return any(f.status != "not_modified" for f in fetched)


# Parses one notice's bytes (raw, source, size cap): `parse_worker.shared().parse` unless a caller
# passes another (tests parse in-process with `parse_worker.parse_one`).
Parser = Callable[[bytes, str, int], ParseOutcome]


def parse(
    discovery: Discovery,
    fetched: list[Fetched],
    *,
    memory: SourceMemory,
    max_bytes: int,
    parser: Parser | None = None,
) -> Batch:
    """Parse every fetched notice not already seen; sort each into parsed / known / rejected."""
    parse_one = parser or parse_worker.shared().parse
    items = [_prepare(f, memory=memory, max_bytes=max_bytes, parser=parse_one) for f in fetched]
    return Batch(source=discovery.source, items=items, seen=discovery.seen, error=discovery.error)


def _prepare(fetched: Fetched, *, memory: SourceMemory, max_bytes: int, parser: Parser) -> Prepared:
    # Stored, remembered and printed in one safe spelling (a file name may be any bytes).
    location = printable(fetched.location)
    base = {"source": printable(fetched.source), "location": location}
    if fetched.status == "not_modified":
        return Prepared(**base, status="known")
    if fetched.status == "failed":
        return Prepared(**base, status="rejected", reason=f"{fetched.reason_code}: {fetched.detail}")
    seen = SeenEntry(
        location=location,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        content_hash=content_hash(fetched.raw),
    )
    if memory.is_stored(location, fetched.raw):
        # Same bytes as stored before; remember the server's validators only if they changed.
        before = memory.get(location)
        same = before is not None and (before.etag, before.last_modified) == (seen.etag, seen.last_modified)
        return Prepared(**base, status="known", seen=None if same else seen)
    outcome = parser(fetched.raw, location, max_bytes)
    if outcome.parsed is None:
        if (outcome.reason or "").startswith(("parser_error", "timeout")):
            log.error("parser failed on %s: %s", location, outcome.reason)
        return Prepared(**base, status="rejected", raw=fetched.raw, reason=outcome.reason, seen=seen)
    return Prepared(**base, status="parsed", raw=fetched.raw, parsed=outcome.parsed, seen=seen)


# --- store ---------------------------------------------------------------------------------------


def store(history: History, batch: Batch, *, progress: Progress = no_progress) -> list[NoticeOutcome]:
    """Store one batch, then the source's memory; each new notice's outcome counts the change
    events storing it produced.

    The parsed notices go in together (`storage.store_notices`: one transaction, one history
    recomputation). If that fails, they are stored one by one, so a notice storage cannot take is
    reported as rejected (not remembered, so the next run tries it again) and the others go on. The
    memory of the notices stored together is written in their transaction; the rest of it (rejected
    notices, the listing) after them: a crash in between only means the next run reads them again."""
    results = _store_together(history, [item for item in batch.items if item.status == "parsed"])
    outcomes: list[NoticeOutcome] = []
    seen: list[SeenEntry] = [] if batch.error else list(batch.seen)
    for done, item in enumerate(batch.items, start=1):
        outcome = results.get(item.location) or _store_one(history, item)
        outcomes.append(outcome)
        remembered = item.location in results  # with its notice, in the same transaction
        if item.seen is not None and not remembered and not (outcome.reason or "").startswith(STORAGE_FAILED):
            seen.append(item.seen)
        progress(f"storing {batch.source}", done, len(batch.items))
    if seen:
        with storage.transaction(history.con):
            source_state.save(history.con, seen)
    history.checkpoint()
    return _count_changes(history, outcomes)


STORAGE_FAILED = "storage: "


def anything_to_store(batch: Batch) -> bool:
    """Whether storing a batch writes anything: a notice, a rejection, or a source's memory."""
    return bool(batch.seen) or any(item.status != "known" or item.seen is not None for item in batch.items)


def _store_together(history: History, items: list[Prepared]) -> dict[str, NoticeOutcome]:
    """The fast path: all parsed notices of a batch in one call. Empty if it failed (then each is
    stored on its own by `_store_one`)."""
    if len(items) < 2:
        return {}
    try:
        with storage.transaction(history.con):
            results = storage.store_notices(
                history.con,
                [(i.parsed, i.raw, i.location) for i in items if i.parsed],
                engines=history.engines,
            )
            source_state.save(history.con, [i.seen for i in items if i.seen is not None])
    except Exception as exc:  # rolled back as a whole; the one-by-one path finds the culprit
        log.warning("storing %d notices together failed (%r); storing them one by one", len(items), exc)
        return {}
    return {item.location: _stored(item, result) for item, result in zip(items, results, strict=True)}


def _store_one(history: History, item: Prepared) -> NoticeOutcome:
    base = {"source": item.source, "location": item.location}
    if item.status == "known":
        return NoticeOutcome(**base, outcome="unchanged")
    try:
        if item.status == "rejected":
            storage.record_rejection(
                history.con, source=item.location, raw=item.raw or None, reason=item.reason or "rejected"
            )
            return NoticeOutcome(**base, outcome="rejected", reason=item.reason)
        assert item.parsed is not None
        result = storage.store_notice(
            history.con, parsed=item.parsed, raw=item.raw, source=item.location, engines=history.engines
        )
    except StorageError as exc:
        return NoticeOutcome(**base, outcome="rejected", reason=f"{STORAGE_FAILED}{exc}")
    except Exception as exc:  # a storage bug must not lose the batch; not remembered, so retried next run
        log.error("storing %s failed: %r", item.location, exc)
        log.debug("storage traceback", exc_info=True)
        return NoticeOutcome(
            **base, outcome="rejected", reason=f"{STORAGE_FAILED}{type(exc).__name__}: {exc}"
        )
    return _stored(item, result)


def _stored(item: Prepared, result: str) -> NoticeOutcome:
    assert item.parsed is not None
    notice = item.parsed.notice
    return NoticeOutcome(
        source=item.source,
        location=item.location,
        outcome="new" if result == "new" else "unchanged",
        notice_id=notice.notice_id,
        title=notice.title,
        published_on=notice.published_on,
    )


# --- the batch loop ------------------------------------------------------------------------------

# What a stage hands back when its work may still be running: call it to wait for the result (a
# future's `result`, or a function returning a value already there).
Later = Callable[[], T]


def run_batches(
    found: list[Discovery],
    summary: IngestSummary,
    *,
    size: int,
    fetch: Callable[[Discovery], list[Fetched]],
    parse: Callable[[Discovery, list[Fetched]], Later[Batch]],
    store: Callable[[Batch], list[NoticeOutcome]],
) -> None:
    """Split, fetch, parse and store every batch, adding each stored batch's outcomes to `summary`.

    The one batch order of both runners (`flows.pipeline.run_pipeline` passes the stage functions,
    the `ingest` flow their tasks). `parse` only starts a batch's parse (in a thread, a task runner,
    or at once) and says how to wait for it; `fetch` and `store` run in the caller's thread, the one
    writer. So batch k is fetched while batch k-1 is parsed, and parsed while batch k-1 is stored. A
    batch's parse starts once the one before has finished: one parse at a time, two batches held."""
    parsing: Later[Batch] | None = None
    for part in split(found, size=size):
        fetched = fetch(part)
        parsed = parsing() if parsing is not None else None
        parsing = parse(part, fetched)
        if parsed is not None:
            summary.add(store(parsed))
    if parsing is not None:
        summary.add(store(parsing()))


# --- change counts and report --------------------------------------------------------------------


def _count_changes(history: History, outcomes: list[NoticeOutcome]) -> list[NoticeOutcome]:
    """Attach to each new notice the change events storing it produced, counted by change_type."""
    new_ids = [o.notice_id for o in outcomes if o.outcome == "new" and o.notice_id]
    if not new_ids:
        return outcomes
    counts = storage.change_counts(history.con, new_ids)
    return [
        o.model_copy(update={"changes": counts.get(o.notice_id, {})}) if o.notice_id in counts else o
        for o in outcomes
    ]


def report(summary: IngestSummary, found: list[Discovery]) -> IngestSummary:
    """Finish the run's summary: the sources that failed, and the time it ended."""
    failures = [SourceFailure(source=d.source, reason=d.error) for d in found if d.error]
    return summary.model_copy(update={"failed_sources": failures, "finished_at": dt.datetime.now(dt.UTC)})
