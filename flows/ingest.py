"""The `ingest` flow: discover -> fetch -> parse -> store (counting change events) -> report, in batches.

`ingest` runs under Prefect: a deployment's worker, `yange serve`, or `yange ingest` when a Prefect
API is configured (or with `--prefect`). With no API configured, the first run of a process starts
Prefect's temporary server; `flows.pipeline.run_pipeline` calls the very same stage functions in
this process instead, which is what `yange ingest` does then. Both return an `IngestSummary`.
"""

from __future__ import annotations

from functools import partial

from prefect import flow
from prefect.utilities.annotations import quote

from flows import stages, tasks
from flows.pipeline import resolve
from flows.report import IngestSummary, NoticeOutcome
from flows.runner import task_runner
from flows.sources import Fetched
from flows.sources.state import SourceMemory
from flows.sources.web import FetchPolicy


def ingest_with_progress(
    sources: list[str] | None = None,
    db: str | None = None,
    progress: stages.Progress | None = None,
    policy: FetchPolicy | None = None,
) -> IngestSummary:
    """Run the `ingest` flow reporting to `progress`: the call `run_pipeline` has, under Prefect."""
    token = stages.FLOW_PROGRESS.set(progress or stages.no_progress)
    try:
        return ingest(sources=sources, db=db, policy=policy)
    finally:
        stages.FLOW_PROGRESS.reset(token)


@flow(name="ingest", log_prints=False, task_runner=task_runner())
def ingest(
    sources: list[str] | None = None,
    db: str | None = None,
    policy: FetchPolicy | None = None,
    batch_size: int = stages.FLOW_BATCH_SIZE,
) -> IngestSummary:
    """Fetch new notices from every source, store them, and report what changed (and, run by
    `ingest_with_progress`, how far it is)."""
    chosen, db_path, policy = resolve(sources, db, policy)
    summary = IngestSummary(sources=chosen, db=db_path)
    with stages.open_history(db_path) as history:
        memory = stages.load_memory(history)
        discover = tasks.discover_with_policy(policy)
        # Submitted tasks get large values as `Sealed` (Dask turns `quote` into a tuple); tasks run in
        # this thread get `quote`. Both keep Prefect from walking every field of every notice.
        pending = [discover.submit(spec, memory=tasks.Sealed(memory), policy=policy) for spec in chosen]
        found = [tasks.settle_discovery(spec, f) for spec, f in zip(chosen, pending, strict=True)]
        counted = stages.RunProgress(stages.FLOW_PROGRESS.get(), sum(len(d.candidates) for d in found))
        stages.run_batches(
            found,
            summary,
            size=batch_size,
            fetch=partial(_fetch, memory=memory, policy=policy),
            parse=partial(_parse, memory=memory, policy=policy),
            store=partial(_store, history, counted),
        )
        return tasks.report_run(quote(summary), quote(found))


# The stages `run_batches` calls under Prefect. A batch with nothing new (a rerun: every file
# unchanged since the last run) costs its fetch task only: each task run is a few events the Prefect
# server must write, and a rerun's 30 task runs kept it busy for seconds.


def _fetch(part: stages.Discovery, *, memory: SourceMemory, policy: FetchPolicy) -> list[Fetched]:
    """Fetch a batch as a task run in the task runner (on a Dask worker with `dask`)."""
    return tasks.fetch_source.submit(tasks.Sealed(part), memory=tasks.Sealed(memory), policy=policy).result()


def _parse(
    part: stages.Discovery, fetched: list[Fetched], *, memory: SourceMemory, policy: FetchPolicy
) -> stages.Later[stages.Batch]:
    """Start parsing a batch as a task run, or, when it holds nothing to parse, sort it here."""
    if not stages.anything_to_parse(fetched):
        batch = stages.parse(part, fetched, memory=memory, max_bytes=policy.max_bytes)
        return lambda: batch
    return tasks.parse_source.submit(
        tasks.Sealed(part), tasks.Sealed(fetched), memory=tasks.Sealed(memory), max_bytes=policy.max_bytes
    ).result


def _store(history: stages.History, counted: stages.Progress, batch: stages.Batch) -> list[NoticeOutcome]:
    """Store a batch as a task run in the flow's thread (one writer), or, when it has nothing to
    write, count its notices here."""
    if stages.anything_to_store(batch):
        return tasks.store_source(quote(history), quote(batch), quote(counted))
    return stages.store(history, batch, progress=counted)


if __name__ == "__main__":
    print(ingest().render())  # noqa: T201
