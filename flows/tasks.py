"""Thin Prefect tasks, one per pipeline stage and source; each wraps one call into flows/stages.py.

Only discovery retries as a task (a source's index page or feed is one request); notices inside a
batch retry one by one in flows/sources/web.py, so a flaky notice never refetches its whole batch.
No task caches: inputs are large batches of bytes, and hashing them would cost more than the work.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from prefect import Task, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.futures import PrefectFuture
from prefect.states import State

from flows import stages
from flows.report import IngestSummary, NoticeOutcome
from flows.sources import Fetched, web
from flows.sources.state import SourceMemory

ARTIFACT_KEY = "yange-ingest-summary"
T = TypeVar("T")


class Sealed(Generic[T]):
    """A large task argument Prefect must not walk into (thousands of notices, memory entries).

    Prefect's own `quote` does this for tasks run in threads, but the Dask task runner unpacks it
    into a plain tuple; a plain object is passed through by both and pickles for Dask workers."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type[Sealed[T]], tuple[T]]:
        return (Sealed, (self.value,))


def retry_transient_only(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """retry_condition_fn: retry timeouts, connection errors, 5xx and 429; nothing else."""
    try:
        state.result()
    except Exception as exc:
        return web.is_transient(exc)
    return False


@task(name="discover", cache_policy=NO_CACHE, retry_condition_fn=retry_transient_only)
def discover_source(
    spec_text: str, memory: Sealed[SourceMemory], policy: web.FetchPolicy
) -> stages.Discovery:
    """List one source's notices (a folder listing, an index page or a feed)."""
    return stages.discover(spec_text, memory=memory.value, policy=policy)


def discover_with_policy(policy: web.FetchPolicy) -> Task[..., stages.Discovery]:
    """The discover task with the policy's retry delays."""
    delays = list(policy.retry_delays_s)
    return discover_source.with_options(retries=len(delays), retry_delay_seconds=delays or 0)


def settle_discovery(spec_text: str, future: PrefectFuture[stages.Discovery]) -> stages.Discovery:
    """A discovery whose retries ran out becomes a failed source instead of failing the flow."""
    try:
        return future.result()
    except Exception as exc:
        return stages.failed_discovery(spec_text, exc)


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_source(
    discovery: Sealed[stages.Discovery], memory: Sealed[SourceMemory], policy: web.FetchPolicy
) -> list[Fetched]:
    """Read or download every notice of one batch."""
    return stages.fetch(discovery.value, memory=memory.value, policy=policy)


@task(name="parse", cache_policy=NO_CACHE)
def parse_source(
    discovery: Sealed[stages.Discovery],
    fetched: Sealed[list[Fetched]],
    memory: Sealed[SourceMemory],
    max_bytes: int,
) -> stages.Batch:
    """Parse one batch; rejects are sorted out, never raised."""
    return stages.parse(discovery.value, fetched.value, memory=memory.value, max_bytes=max_bytes)


@task(name="store", cache_policy=NO_CACHE)
def store_source(
    history: stages.History, batch: stages.Batch, progress: stages.Progress
) -> list[NoticeOutcome]:
    """Store one batch and count the change events of its new notices (runs in the flow's thread:
    one writer)."""
    return stages.store(history, batch, progress=progress)


@task(name="report", cache_policy=NO_CACHE)
def report_run(summary: IngestSummary, found: list[stages.Discovery]) -> IngestSummary:
    """Finish the summary and publish it as the run's markdown artifact."""
    done = stages.report(summary, found)
    create_markdown_artifact(
        key=ARTIFACT_KEY,
        markdown=done.to_markdown(),
        description=f"{done.new} new, {done.unchanged} unchanged, {done.rejected_count} rejected",
    )
    return done
