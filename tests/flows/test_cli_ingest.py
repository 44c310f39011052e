"""`yange ingest` as the console script runs it (through `main()`, which owns exit codes and the
one-line errors): in this process when no Prefect API is configured, as a flow run otherwise (the
session's Prefect harness provides the API, so no temporary server is started per test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FUJIAN, MOFCOM
from yange.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["yange", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    return int(stopped.value.code or 0)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for seed in (FUJIAN, MOFCOM):
        shutil.copy(seed, folder / seed.name)
    (folder / "weather.txt").write_text("明天多云，气温18到25摄氏度。\n", encoding="utf-8")
    return folder


@pytest.mark.usefixtures("prefect_harness")
def test_ingest_prints_the_summary_and_a_rerun_adds_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inbox: Path, tmp_path: Path
) -> None:
    db = tmp_path / "history.duckdb"
    assert _run(monkeypatch, "ingest", str(inbox), "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert "ingest: 2 new, 0 unchanged, 1 rejected" in out
    assert "weather.txt: not_a_notice" in out
    assert "change events:" in out and "declared_adjustment" in out
    assert _run(monkeypatch, "ingest", str(inbox), "--db", str(db)) == 0
    # the rejected file too: the same bytes were already recorded, with their reason
    assert "ingest: 0 new, 3 unchanged, 0 rejected" in capsys.readouterr().out


@pytest.mark.usefixtures("prefect_harness")
def test_a_database_that_cannot_be_created_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inbox: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = _run(monkeypatch, "ingest", str(inbox), "--db", str(blocker / "history.duckdb"))
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith(f"yange: storage error: {blocker / 'history.duckdb'}: cannot create")
    )


@pytest.mark.usefixtures("prefect_harness")
def test_with_an_api_or_prefect_flag_the_ingest_is_a_recorded_flow_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inbox: Path, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client

    def completed() -> int:
        with get_client(sync_client=True) as client:
            return sum(1 for run in client.read_flow_runs() if run.state and run.state.is_completed())

    before = completed()
    assert _run(monkeypatch, "ingest", "--prefect", str(inbox), "--db", str(tmp_path / "h.duckdb")) == 0
    assert "ingest: 2 new, 0 unchanged, 1 rejected" in capsys.readouterr().out
    assert completed() == before + 1


NO_PREFECT = """
import sys
from yange.cli import main
sys.argv = ["yange", "ingest", sys.argv[1], "--db", sys.argv[2]]
try:
    main()
except SystemExit as stop:
    print("exit", stop.code, "prefect imported:", "prefect" in sys.modules, file=sys.stderr)
"""


def test_with_no_prefect_api_the_ingest_runs_in_process_without_prefect(inbox: Path, tmp_path: Path) -> None:
    """A fresh machine: no ~/.prefect, no PREFECT_API_URL. Nothing waits for an orchestrator."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", NO_PREFECT, str(inbox), str(tmp_path / "h.duckdb")],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "ingest: 2 new, 0 unchanged, 1 rejected" in done.stdout
    assert "exit 0 prefect imported: False" in done.stderr
    assert not (home / ".prefect").exists()
