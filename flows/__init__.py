"""Scheduled ingestion with Prefect: sources, stages, tasks and the `ingest` flow.

Prefect's temporary local server inherits this process's environment; it must not try to send
usage telemetry from an offline machine (it logs an error on every start otherwise).
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
