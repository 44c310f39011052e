"""The real Prefect flow (on the session's test harness), its deployment and its task runner."""

from __future__ import annotations

import inspect
import shutil
import threading
from pathlib import Path

import duckdb
import pytest
import yaml

from flows import ingest as ingest_module
from flows import serve as serve_module
from flows.runner import task_runner
from flows.sources.web import FetchPolicy
from flows.tasks import ARTIFACT_KEY, retry_transient_only
from tests.flows.notice_server import NOTICES, NoticeServer

ROOT = Path(__file__).resolve().parents[2]


def _counts(db: str) -> tuple[object, ...]:
    con = duckdb.connect(db, read_only=True)
    try:
        row = con.execute(
            "select (select count(*) from notices), (select count(*) from snapshots), (select count(*) from changes)"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return row


def _artifact_markdown() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[ARTIFACT_KEY]))
        )
    assert found, "the run published no summary artifact"
    latest = max(found, key=lambda a: a.created)
    return str(latest.data)


@pytest.mark.usefixtures("prefect_harness")
def test_flow_ingests_retries_reports_and_is_idempotent(
    tmp_path: Path, server: NoticeServer, policy: FetchPolicy, db: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(NOTICES["fujian.txt"], inbox / "fujian.txt")
    (inbox / "empty.txt").write_bytes(b"")
    sources = [str(inbox), f"{server.base}/flaky-index.html|pattern=/n/mofcom"]

    # batch_size=1: every notice its own batch, so the flow's fetch/parse/store pipelining runs.
    first = ingest_module.ingest(sources=sources, db=db, policy=policy, batch_size=1)
    assert (first.new, first.unchanged, len(first.rejected)) == (2, 0, 1)
    assert not first.failed_sources
    assert server.hits["/flaky-index.html"] == 2  # the discover task's retry after a 500
    markdown = _artifact_markdown()
    assert "**2** new" in markdown and "empty.txt" in markdown
    before = _counts(db)

    second = ingest_module.ingest(sources=sources, db=db, policy=policy)
    assert (second.new, second.unchanged, len(second.rejected)) == (0, 3, 0)
    assert _counts(db) == before
    assert "**0** new" in _artifact_markdown()


@pytest.mark.usefixtures("prefect_harness")
def test_discover_task_gives_up_on_a_source_that_stays_down(
    server: NoticeServer, policy: FetchPolicy, db: str
) -> None:
    summary = ingest_module.ingest(sources=[f"{server.base}/down"], db=db, policy=policy)
    assert [f.source for f in summary.failed_sources] == [f"{server.base}/down"]
    assert "500" in summary.failed_sources[0].reason
    assert server.hits["/down"] == 1 + len(policy.retry_delays_s)


def test_retry_condition_only_retries_transient_failures() -> None:
    from prefect.states import Completed, Failed

    from flows.sources.web import TransientFetchError

    def failed(exc: Exception):
        return Failed(data=exc)

    assert retry_transient_only(None, None, failed(TransientFetchError("HTTP 503")))  # type: ignore[arg-type]
    assert not retry_transient_only(None, None, failed(ValueError("bad option")))  # type: ignore[arg-type]
    assert not retry_transient_only(None, None, Completed(data=1))  # type: ignore[arg-type]


def test_prefect_yaml_declares_the_deployment_served_by_yange_serve() -> None:
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = [d for d in config["deployments"] if d["name"] == "yange-ingest"]
    path, _, name = deployment["entrypoint"].partition(":")
    assert (ROOT / path).is_file() and name == "ingest"
    assert set(deployment["parameters"]) <= set(inspect.signature(ingest_module.ingest.fn).parameters)
    (schedule,) = deployment["schedules"]
    served = serve_module.deployment()
    (served_schedule,) = served.schedules
    assert served.name == deployment["name"]
    assert served.entrypoint == deployment["entrypoint"]
    assert (schedule["cron"], schedule["timezone"]) == (
        served_schedule.schedule.cron,  # type: ignore[union-attr]
        served_schedule.schedule.timezone,  # type: ignore[union-attr]
    )
    assert schedule["timezone"] == "Asia/Shanghai"
    assert "pull" not in config  # Prefect's own default: the folder the deploy ran in (no variable)
    assert deployment["work_pool"]["name"]


def test_task_runner_setting() -> None:
    from prefect.task_runners import ThreadPoolTaskRunner

    assert isinstance(task_runner("thread"), ThreadPoolTaskRunner)
    with pytest.raises(ValueError, match="valid: thread, dask"):
        task_runner("carrier-pigeon")


@pytest.mark.usefixtures("prefect_harness")
def test_flow_on_a_dask_cluster_of_processes_draws_progress(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tasks reach a worker process pickled, with the flow's parameters in their context: a
    progress callback that holds a lock (as the CLI's progress bar does) must stay out of them."""
    pytest.importorskip("prefect_dask", reason="prefect-dask is the optional 'dask' extra")
    from prefect_dask import DaskTaskRunner

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for source in NOTICES.values():
        shutil.copy(source, inbox / source.name)
    on_dask = ingest_module.ingest.with_options(
        task_runner=DaskTaskRunner(
            cluster_kwargs={
                "n_workers": 1,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    )
    monkeypatch.setattr(ingest_module, "ingest", on_dask)
    lock = threading.RLock()
    drawn: list[int] = []

    def on_progress(stage: str, done: int, total: int | None) -> None:
        with lock:
            drawn.append(done)

    summary = ingest_module.ingest_with_progress(sources=[str(inbox)], db=db, progress=on_progress)
    assert (summary.new, len(summary.rejected)) == (2, 0)
    assert drawn and drawn[-1] == 2


@pytest.mark.parametrize("value", [[], {"a": 1}, None])
def test_sealed_arguments_survive_pickling(value: object) -> None:
    """Dask workers receive task arguments pickled; an empty or falsy value must come back as is."""
    import pickle

    from flows.tasks import Sealed

    assert pickle.loads(pickle.dumps(Sealed(value))).value == value
