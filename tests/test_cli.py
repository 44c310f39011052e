"""The command line as CONTRACT §1 fixes it: JSON Lines, exit codes, one line per bad file, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FUJIAN, MOFCOM
from yange.cli import app
from yange.errors import StorageTransientError

runner = CliRunner()
YANGE = [sys.executable, "-m", "yange.cli"]


def test_parse_prints_one_json_line_per_seed() -> None:
    result = runner.invoke(app, ["parse", str(FUJIAN), str(MOFCOM)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [doc["notice"]["source"] for doc in lines] == [str(FUJIAN), str(MOFCOM)]
    assert lines[0]["records"][0]["agency"] == "福建省对外贸易经济合作厅"
    assert {"notice", "records", "quality"} <= set(lines[1])


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.txt",
        "not_a_notice": tmp_path / "weather.txt",
        "too_large": tmp_path / "huge.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["not_a_notice"].write_text(
        "明天福州多云转晴，气温18到25摄氏度，东北风3级。请市民注意防晒。\n", encoding="utf-8"
    )
    with files["too_large"].open("wb") as handle:  # sparse: 21 MB on paper, nothing on disk
        handle.truncate(21 * 1024 * 1024)
    files["missing"] = tmp_path / "no-such-file.txt"
    return files


def test_bad_files_exit_2_with_one_line_each_and_good_files_still_printed(bad_files: dict[str, Path]) -> None:
    paths = [str(p) for p in bad_files.values()]
    proc = subprocess.run([*YANGE, "parse", str(FUJIAN), *paths], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == len(paths)
    for path, line in zip(paths, err_lines, strict=True):
        assert line.startswith(f"{path}: ")
    out = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(out) == 1 and out[0]["notice"]["doc_number"] == "闽政办〔2010〕175号"


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty", "empty"), ("binary", "binary"), ("not_a_notice", "not_a_notice"), ("too_large", "too_large")],
)
def test_each_bad_file_names_its_reason(bad_files: dict[str, Path], name: str, reason: str) -> None:
    result = runner.invoke(app, ["parse", str(bad_files[name])])
    assert result.exit_code == 2
    assert f"{bad_files[name]}: {reason}" in result.stderr


@pytest.mark.parametrize("command", ["parse", "ingest", "diff", "dashboard", "rebuild", "serve"])
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.stdout.strip()) > 40


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two seeds and a derived later Fujian version, stored without Prefect."""
    import storage
    from flows.engines import default_engines
    from yange.parse import parse_bytes

    db = tmp_path_factory.mktemp("cli") / "history.duckdb"
    later = Path(__file__).parent / "golden" / "pairs" / "fujian-2012-foreign-trade-sanding-derived.txt"
    with storage.writer(db) as con:
        for path in (FUJIAN, MOFCOM, later):
            raw = path.read_bytes()
            storage.store_notice(
                con,
                parsed=parse_bytes(raw, source=str(path)),
                raw=raw,
                source=str(path),
                engines=default_engines(),
            )
    return db


def test_diff_json_has_the_contract_columns_oldest_first(history: Path) -> None:
    result = runner.invoke(app, ["diff", "福建省对外贸易经济合作厅", "--db", str(history), "--json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    required = {"change_id", "agency_id", "from_snapshot", "to_snapshot", "change_type", "old_text",
                "new_text", "similarity", "notice_id", "agency", "published_on"}  # fmt: skip
    assert events and all(required <= set(e) for e in events)
    dates = [e["published_on"] for e in events]
    assert dates == sorted(dates) and dates[0] == "2010-05-29" and dates[-1] > "2012"
    assert {"declared_adjustment", "duty_reworded"} <= {e["change_type"] for e in events}


def test_diff_finds_an_agency_by_alias_and_prints_lines(history: Path) -> None:
    result = runner.invoke(app, ["diff", "福建省人民政府口岸工作办公室", "--db", str(history)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("福建省人民政府口岸工作办公室: ")
    assert "2010-05-29  福建省人民政府办公厅关于印发" in result.stdout
    assert "duty_reworded" in result.stdout


def test_diff_unknown_agency_exits_2(history: Path) -> None:
    result = runner.invoke(app, ["diff", "火星省气象局", "--db", str(history)])
    assert result.exit_code == 2
    assert "unknown agency: 火星省气象局" in result.stderr


def test_rebuild_reproduces_the_same_changes(history: Path) -> None:
    before = json.loads(
        runner.invoke(app, ["diff", "福建省对外贸易经济合作厅", "--db", str(history), "--json"]).stdout
    )
    result = runner.invoke(app, ["rebuild", "--db", str(history)])
    assert result.exit_code == 0, result.output
    after = json.loads(
        runner.invoke(app, ["diff", "福建省对外贸易经济合作厅", "--db", str(history), "--json"]).stdout
    )
    assert [(e["change_id"], e["change_type"]) for e in after] == [
        (e["change_id"], e["change_type"]) for e in before
    ]


def test_diff_lineage_flag_is_accepted_and_keeps_own_events(history: Path) -> None:
    own = runner.invoke(app, ["diff", "福建省对外贸易经济合作厅", "--db", str(history), "--json"])
    with_lineage = runner.invoke(
        app, ["diff", "福建省对外贸易经济合作厅", "--db", str(history), "--json", "--lineage"]
    )
    assert with_lineage.exit_code == 0, with_lineage.output
    own_ids = {e["change_id"] for e in json.loads(own.stdout)}
    assert own_ids <= {e["change_id"] for e in json.loads(with_lineage.stdout)}


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    from yange.cli import main

    monkeypatch.setattr(sys, "argv", ["yange", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    return int(stopped.value.code or 0)


@pytest.mark.parametrize(
    ("failure", "line"),
    [
        # Prefect's own words for its temporary server not starting in time
        (RuntimeError("Timed out while attempting to connect to ephemeral Prefect API server."),
         "yange: Prefect's temporary API server did not answer within"),
        # a second writer: the storage layer's message already says what to do
        (StorageTransientError("data/yange.duckdb: another yange process is writing this history; wait"),
         "yange: the history is busy: data/yange.duckdb: another yange process is writing"),
        # a bug: named by its type and command, never its raw message
        (KeyError("snapshot_id"), "yange: internal error (KeyError) in `yange ingest`; run it again with --verbose"),
    ],
)  # fmt: skip
def test_failures_are_one_line_that_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    failure: Exception,
    line: str,
) -> None:
    import flows.pipeline
    import flows.prefect_config

    def failing(**_: object) -> None:
        raise failure

    monkeypatch.setattr(flows.prefect_config, "configured_api_url", lambda: None)  # in-process path
    monkeypatch.setattr(flows.pipeline, "run_pipeline", failing)
    assert _main(monkeypatch, "ingest", "examples/notices", "--db", str(tmp_path / "unused.duckdb")) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(line), err
    assert "Traceback" not in err[0]


def test_verbose_adds_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import flows.pipeline
    import flows.prefect_config

    def failing(**_: object) -> None:
        raise KeyError("snapshot_id")

    monkeypatch.setattr(flows.prefect_config, "configured_api_url", lambda: None)  # in-process path
    monkeypatch.setattr(flows.pipeline, "run_pipeline", failing)
    assert (
        _main(monkeypatch, "ingest", "examples/notices", "--db", str(tmp_path / "unused.duckdb"), "--verbose")
        == 1
    )
    err = capsys.readouterr().err
    assert "Traceback" in err and "KeyError: 'snapshot_id'" in err
    assert err.strip().splitlines()[-1].startswith("yange: internal error (KeyError)")


def test_a_writer_already_running_is_named_not_a_duckdb_lock_message(tmp_path: Path) -> None:
    import storage

    db = tmp_path / "h.duckdb"
    holder = storage.connect(db)
    try:
        proc = subprocess.run(
            [*YANGE, "ingest", str(tmp_path), "--db", str(db)],
            capture_output=True, text=True, timeout=120, env={**os.environ, "YANGE_WRITER_WAIT_S": "0.5"},
        )  # fmt: skip
    finally:
        storage.close(holder)
    assert proc.returncode == 1
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .startswith(f"yange: the history is busy: {db}: another yange process is writing this history")
    )
    assert "IO Error" not in proc.stderr and "Traceback" not in proc.stderr


def test_parse_refuses_devices_and_fifos_without_reading_them(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: reading it would block forever
    proc = subprocess.run(
        [*YANGE, "parse", "/dev/zero", str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert [line.split(": ")[0] for line in lines] == ["/dev/zero", str(fifo)]
    assert all("unreadable" in line for line in lines), lines
