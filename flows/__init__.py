"""Scheduled ingestion with Prefect: sources, stages, tasks and the `ingest` flow.

Prefect reads its settings when it is first imported, so the defaults below are set here, before any
flow module imports it; a value the user set always wins.

- Prefect's temporary local server inherits this process's environment; it must not try to send
  usage telemetry from an offline machine (it logs an error on every start otherwise).
- That server migrates a new SQLite database before it answers: on a fresh or busy machine it takes
  longer than Prefect's default 20 s wait, and the run fails with a timeout. 120 s covers every start
  measured here (NOTES.md).
"""

import os

EPHEMERAL_STARTUP_TIMEOUT_S = "120"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", EPHEMERAL_STARTUP_TIMEOUT_S)
