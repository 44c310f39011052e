"""The `ingest` flow: discover -> fetch -> parse -> store -> diff -> report, in batches of notices.

`ingest` runs under Prefect (local mode needs no server: the first run of a process starts a
temporary one); `run_pipeline` calls the very same stage functions without Prefect, for the
benchmark's overhead ratio and for quick tests. Both return an `IngestSummary`.
"""

from __future__ import annotations

from prefect import flow
from prefect.futures import PrefectFuture
from prefect.utilities.annotations import quote

from flows import stages, tasks
from flows.report import IngestSummary, NoticeOutcome
from flows.runner import task_runner
from flows.sources.web import FetchPolicy
from yange.settings import get_settings


def _resolve(
    sources: list[str] | None, db: str | None, policy: FetchPolicy | None
) -> tuple[list[str], str, FetchPolicy]:
    settings = get_settings()
    return (
        list(sources) if sources else list(settings.sources),
        db or str(settings.db),
        policy or stages.default_policy(),
    )


@flow(name="ingest", log_prints=False, task_runner=task_runner())
def ingest(
    sources: list[str] | None = None,
    db: str | None = None,
    progress: stages.Progress | None = None,
    policy: FetchPolicy | None = None,
    batch_size: int = stages.BATCH_SIZE,
) -> IngestSummary:
    """Fetch new notices from every source, store them, and report what changed."""
    chosen, db_path, policy = _resolve(sources, db, policy)
    summary = IngestSummary(sources=chosen, db=db_path)
    with stages.open_history(db_path) as history:
        memory = stages.load_memory(history)
        discover = tasks.discover_with_policy(policy)
        # Submitted tasks get large values as `Sealed` (Dask turns `quote` into a tuple); tasks run in
        # this thread get `quote`. Both keep Prefect from walking every field of every notice.
        sealed = tasks.Sealed(memory)
        pending = [discover.submit(spec, memory=sealed, policy=policy) for spec in chosen]
        found = [tasks.settle_discovery(spec, f) for spec, f in zip(chosen, pending, strict=True)]
        counted = stages.RunProgress(progress or stages.no_progress, sum(len(d.candidates) for d in found))
        # Batch k is fetched and parsed in the task runner while batch k-1 is stored here (one writer);
        # only two batches are held at a time.
        outcomes: list[NoticeOutcome] = []
        parsing: PrefectFuture[stages.Batch] | None = None
        for part in stages.split(found, size=batch_size):
            fetching = tasks.fetch_source.submit(tasks.Sealed(part), memory=sealed, policy=policy)
            if parsing is not None:
                outcomes += tasks.store_source(quote(history), quote(parsing.result()), quote(counted))
            fetched = tasks.Sealed(fetching.result())
            parsing = tasks.parse_source.submit(
                tasks.Sealed(part), fetched, memory=sealed, max_bytes=policy.max_bytes
            )
        if parsing is not None:
            outcomes += tasks.store_source(quote(history), quote(parsing.result()), quote(counted))
        outcomes = tasks.diff_changes(quote(history), quote(outcomes))
        return tasks.report_run(quote(summary), quote(found), quote(outcomes))


def run_pipeline(
    sources: list[str] | None = None,
    db: str | None = None,
    progress: stages.Progress | None = None,
    policy: FetchPolicy | None = None,
    batch_size: int = stages.BATCH_SIZE,
) -> IngestSummary:
    """The same stages as `ingest`, called directly: no Prefect, no artifact."""
    chosen, db_path, policy = _resolve(sources, db, policy)
    summary = IngestSummary(sources=chosen, db=db_path)
    with stages.open_history(db_path) as history:
        memory = stages.load_memory(history)
        found = [stages.discover_with_retries(spec, memory=memory, policy=policy) for spec in chosen]
        counted = stages.RunProgress(progress or stages.no_progress, sum(len(d.candidates) for d in found))
        outcomes: list[NoticeOutcome] = []
        for part in stages.split(found, size=batch_size):
            fetched = stages.fetch(part, memory=memory, policy=policy)
            batch = stages.parse(part, fetched, memory=memory, max_bytes=policy.max_bytes)
            outcomes += stages.store(history, batch, progress=counted)
        outcomes = stages.diff(history, outcomes)
        return stages.report(summary, found, outcomes)


if __name__ == "__main__":
    print(ingest().render())  # noqa: T201
