"""The ingest stages run in this process, without Prefect: what `yange ingest` does when no Prefect
API is configured (nothing to record the run in, so nothing worth the seconds a temporary Prefect
server takes to start). The `ingest` flow in flows/ingest.py runs the very same stages as tasks.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import partial

from flows import stages
from flows.report import IngestSummary
from flows.sources.web import FetchPolicy
from yange.settings import get_settings


def resolve(
    sources: list[str] | None, db: str | None, policy: FetchPolicy | None
) -> tuple[list[str], str, FetchPolicy]:
    """The run's sources, database and fetch policy: the arguments, else the settings."""
    settings = get_settings()
    return (
        list(sources) if sources else list(settings.sources),
        db or str(settings.db),
        policy or stages.default_policy(),
    )


def run_pipeline(
    sources: list[str] | None = None,
    db: str | None = None,
    progress: stages.Progress | None = None,
    policy: FetchPolicy | None = None,
    batch_size: int = stages.BATCH_SIZE,
) -> IngestSummary:
    """Discover, fetch, parse, store, diff and report, batch by batch, in this process."""
    chosen, db_path, policy = resolve(sources, db, policy)
    summary = IngestSummary(sources=chosen, db=db_path)
    with stages.open_history(db_path) as history, ThreadPoolExecutor(1, thread_name_prefix="parse") as ahead:
        memory = stages.load_memory(history)
        found = [stages.discover_with_retries(spec, memory=memory, policy=policy) for spec in chosen]
        counted = stages.RunProgress(progress or stages.no_progress, sum(len(d.candidates) for d in found))
        # Parsing runs in the parse worker (waited on by a thread), fetching and storing here: parsing
        # and storing use a core each.
        stages.run_batches(
            found,
            summary,
            size=batch_size,
            fetch=partial(stages.fetch, memory=memory, policy=policy),
            parse=lambda part, fetched: (
                ahead.submit(stages.parse, part, fetched, memory=memory, max_bytes=policy.max_bytes).result
            ),
            store=partial(stages.store, history, progress=counted),
        )
        return stages.report(summary, found)
