"""The task runner named by `Settings.task_runner`: "thread" (default) or "dask".

With `prefect-dask` installed (`pip install 'yange[dask]'`) the same flow submits its per-source
discover, fetch and parse tasks to a Dask cluster: a temporary LocalCluster by default, or the
scheduler named by YANGE_DASK_ADDRESS. Storing stays in the flow's own process (DuckDB has one writer).
"""

from __future__ import annotations

import os
from typing import Any

from prefect.task_runners import ThreadPoolTaskRunner

from yange.settings import get_settings

RUNNERS = ("thread", "dask")


def task_runner(name: str | None = None) -> Any:
    """Build the task runner; an unknown name or a missing prefect-dask raises ValueError."""
    chosen = (name or get_settings().task_runner).lower()
    if chosen == "thread":
        return ThreadPoolTaskRunner(max_workers=4)
    if chosen == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise ValueError("task_runner 'dask' needs prefect-dask: pip install 'yange[dask]'") from None
        address = os.environ.get("YANGE_DASK_ADDRESS")
        return DaskTaskRunner(address=address) if address else DaskTaskRunner()
    raise ValueError(f"unknown task_runner {chosen!r} (valid: {', '.join(RUNNERS)})")
