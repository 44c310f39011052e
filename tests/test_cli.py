"""The command line as CONTRACT §1 fixes it: JSON Lines, exit codes, one line per bad file, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FUJIAN, MOFCOM
from yange.cli import app

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
    files["not_a_notice"].write_text("明天福州多云转晴，气温18到25摄氏度，东北风3级。请市民注意防晒。\n", encoding="utf-8")
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
