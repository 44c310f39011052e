"""`yange ingest` as the console script runs it (through `main()`, which owns exit codes and the
one-line errors), inside the session's Prefect harness so no temporary server is started per test."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import FUJIAN, MOFCOM
from yange.cli import main


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
    assert err.strip().splitlines()[-1].startswith(f"storage error: {blocker / 'history.duckdb'}: cannot create")
