"""Fixtures for the ingest tests: a notice server on 127.0.0.1, tight fetch limits, a temporary
Prefect home, and Prefect's test harness entered once per session (it costs seconds)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before Prefect is imported anywhere: a private home, and local mode (no API server configured).
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="yange-prefect-"))
os.environ.pop("PREFECT_API_URL", None)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from flows.sources.web import FetchPolicy  # noqa: E402
from tests.flows.notice_server import NoticeServer  # noqa: E402


@pytest.fixture
def server() -> Iterator[NoticeServer]:
    with NoticeServer().serving() as running:
        yield running


@pytest.fixture
def policy() -> FetchPolicy:
    """Short timeouts, a 2 MB cap and no waiting between retries, so failure cases stay fast. The
    notice server listens on 127.0.0.1, which the default policy refuses: tests opt in."""
    return FetchPolicy(timeout_s=0.5, connect_timeout_s=0.5, max_redirects=3, max_bytes=2 * 1024 * 1024,
                       retry_delays_s=[0.0, 0.0], allowed_networks=("127.0.0.1/32",))  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "history.duckdb")


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """Prefect's test harness (a temporary API database), entered once for every flow test."""
    from prefect.testing.utilities import prefect_test_harness

    from flows import EPHEMERAL_STARTUP_TIMEOUT_S

    print(f"starting Prefect's test harness server (up to {EPHEMERAL_STARTUP_TIMEOUT_S} s)", file=sys.stderr)
    with prefect_test_harness(server_startup_timeout=int(EPHEMERAL_STARTUP_TIMEOUT_S)):
        yield
