"""`yange serve`: serve the ingest flow on its daily schedule from this one process.

The schedule and parameters are the same as the `yange-ingest` deployment of prefect.yaml (a test
keeps the two in step); use that file with `prefect deploy` when a Prefect server and a worker run
the schedule instead. Serving needs a Prefect API (a server, or the temporary local one Prefect
starts), but no work pool and no worker.
"""

from __future__ import annotations

import os

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.ingest import ingest
from yange.settings import get_settings

DEPLOYMENT_NAME = "yange-ingest"
# Daily at 06:30 in the settings' timezone (Asia/Shanghai): notices are published in office hours.
DEFAULT_CRON = "30 6 * * *"


def deployment(cron: str | None = None) -> RunnerDeployment:
    """The served deployment: the cron schedule (YANGE_INGEST_CRON overrides) and the configured sources."""
    settings = get_settings()
    return ingest.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=Cron(cron or os.environ.get("YANGE_INGEST_CRON", DEFAULT_CRON), timezone=settings.timezone),
        parameters={"sources": list(settings.sources), "db": str(settings.db)},
        description="Fetch new reform notices, store every version, record what changed.",
        tags=["yange", "ingest"],
    )


def serve(cron: str | None = None) -> None:
    """Block, running the ingest flow whenever its schedule comes due (Ctrl-C stops)."""
    from prefect import serve as prefect_serve

    prefect_serve(deployment(cron))
