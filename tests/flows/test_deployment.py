"""prefect.yaml as Prefect users deploy it: a real `prefect server` on 127.0.0.1, `prefect deploy --all`
from the checkout, a process worker started elsewhere with `--run-once`; the run fills the history.

No project variable is exported: Prefect records the folder the deploy ran in, and the worker runs
the flow from there."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import storage
from tests.conftest import FUJIAN, MOFCOM

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prefect(
    env: dict[str, str], *args: str, cwd: Path, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(BIN / "prefect"), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture
def prefect_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A real Prefect server on 127.0.0.1 with a private home; the environment that points at it."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
    )
    server_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=server_env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{env['PREFECT_API_URL']}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, (
                tmp_path / "server.log"
            ).read_text()
            time.sleep(0.5)
        yield env
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def test_deploy_all_then_a_worker_run_fills_the_history(
    prefect_server: dict[str, str], tmp_path: Path
) -> None:
    env = prefect_server
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in (FUJIAN, MOFCOM):
        (inbox / seed.name).write_bytes(seed.read_bytes())
    db = tmp_path / "history.duckdb"

    _prefect(env, "work-pool", "create", "yange-process", "--type", "process", cwd=tmp_path)
    _prefect(env, "--no-prompt", "deploy", "--all", cwd=ROOT)
    params = json.dumps({"sources": [str(inbox)], "db": str(db)})
    _prefect(env, "deployment", "run", "ingest/yange-ingest", "--params", params, cwd=tmp_path)
    elsewhere = tmp_path / "worker-cwd"
    elsewhere.mkdir()
    _prefect(env, "worker", "start", "--pool", "yange-process", "--run-once", cwd=elsewhere, timeout=400)

    runs = httpx.post(f"{env['PREFECT_API_URL']}/flow_runs/filter", json={}, timeout=30).json()
    assert [run["state_type"] for run in runs] == ["COMPLETED"], runs
    with storage.open_reader(db) as con:
        assert con.execute("SELECT count(*) FROM notices WHERE status = 'parsed'").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM agencies").fetchone()[0] >= 2
