"""Real processes: a reader never fails while a writer works, and a killed writer loses only the
notice it was writing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storage
from bench.first_contact_bench import HOLDER
from tests.storage.conftest import dump
from tests.storage.factories import engines, notice, record
from yange.errors import StorageTransientError

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
import storage
from tests.storage.factories import engines, fake_diff, notice, record
from yange.errors import StorageTransientError

path, count = sys.argv[1], int(sys.argv[2])
con = storage.connect(path, wait_seconds=30)
for i in range(count):
    parsed = notice(f"福建省人民政府办公厅关于印发福建省第{i}厅主要职责的通知", f"2010-01-{i % 28 + 1:02d}",
                    record(f"福建省第{i}厅", [f"负责第{i}项工作", "承办省政府交办的其他事项"]))
    storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source=str(i), engines=engines(applier=None))
    storage.publish(con)
    time.sleep(0.05)
storage.close(con)
print("done", flush=True)
"""

STUCK_WRITER = """
import pathlib, sys, time
import storage
from tests.storage.factories import engines, fake_diff, notice, record
from yange.errors import StorageTransientError

path, marker = sys.argv[1], pathlib.Path(sys.argv[2])
con = storage.connect(path)
first = notice("福建省人民政府办公厅关于印发福建省商务厅主要职责的通知", "2014-01-01", record("福建省商务厅", ["负责商务工作"]))
storage.store_notice(con, parsed=first, raw=b"first", source="first", engines=engines(applier=None))

def stuck_diff(old, new):
    marker.write_text("inside the transaction")
    time.sleep(120)
    return []

second = notice("福建省人民政府办公厅关于印发福建省商务厅职责调整的通知", "2016-01-01", record("福建省商务厅", ["负责电子商务"]))
storage.store_notice(con, parsed=second, raw=b"second", source="second", engines=engines(stuck_diff, applier=None))
"""


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_reader_never_fails_while_a_writer_works(db_path: Path) -> None:
    writer = _spawn(WRITER, str(db_path), "20")
    seen: list[int] = []
    try:
        while not db_path.exists() and writer.poll() is None:
            time.sleep(0.02)
        while writer.poll() is None or not seen:
            with storage.open_reader(db_path) as con:  # raises if a read ever fails
                seen.append(con.execute("SELECT count(*) FROM notices").fetchone()[0])
                con.execute("SELECT count(*) FROM duties_as_of(DATE '2011-01-01')").fetchone()
    finally:
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert "done" in out
    assert seen == sorted(seen)  # readers see whole notices, never going back
    assert len(set(seen)) > 1  # the reader really read during the writes
    with storage.open_reader(db_path) as con:
        assert con.execute("SELECT count(*) FROM notices").fetchone() == (20,)


def test_killed_writer_leaves_the_database_as_before_its_notice(db_path: Path, tmp_path: Path) -> None:
    marker = tmp_path / "inside"
    writer = _spawn(STUCK_WRITER, str(db_path), str(marker))
    try:
        for _ in range(600):
            if marker.exists() or writer.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), writer.stderr.read() if writer.stderr else ""
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=30)
    con = storage.connect(db_path, wait_seconds=10)
    expected = storage.connect(":memory:")
    first = notice(
        "福建省人民政府办公厅关于印发福建省商务厅主要职责的通知",
        "2014-01-01",
        record("福建省商务厅", ["负责商务工作"]),
    )
    storage.store_notice(expected, parsed=first, raw=b"first", source="first", engines=engines())
    assert dump(con) == dump(expected)
    con.close()
    expected.close()


def _store(con: object, year: int) -> None:
    parsed = notice(
        f"福建省人民政府办公厅关于印发福建省商务厅职责的通知{year}",
        f"{year}-01-01",
        record("福建省商务厅", [f"负责{year}年商务工作"]),
    )
    storage.store_notice(con, parsed=parsed, raw=str(year).encode(), source=str(year), engines=engines())


def test_a_reader_holding_the_public_file_never_blocks_the_writer(db_path: Path) -> None:
    """An analyst's read-only session on data/yange.duckdb (another process) stays open across a
    whole write: the writer succeeds, the session keeps the history it opened, a new one sees more."""
    with storage.writer(db_path) as con:
        _store(con, 2014)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "1"
        with storage.writer(db_path, wait_seconds=0) as con:
            _store(con, 2016)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "1"  # its own history, whole
    finally:
        holder.communicate(timeout=30)
    assert holder.returncode == 0, holder.stderr
    with storage.open_reader(db_path) as reader:
        assert reader.execute("SELECT count(*) FROM notices").fetchone() == (2,)


def test_work_a_writer_did_not_publish_is_kept_and_published_by_the_next(db_path: Path) -> None:
    with storage.writer(db_path):
        pass  # publishes an empty history
    con = storage.connect(db_path)
    _store(con, 2014)
    con.close()  # closed without publishing, as a killed writer would leave it
    with storage.open_reader(db_path) as reader:
        assert reader.execute("SELECT count(*) FROM notices").fetchone() == (0,)
    storage.close(storage.connect(db_path))
    with storage.open_reader(db_path) as reader:
        assert reader.execute("SELECT count(*) FROM notices").fetchone() == (1,)


def test_a_second_writer_waits_then_is_told_who_holds_the_history(db_path: Path) -> None:
    first = storage.connect(db_path)
    try:
        with pytest.raises(StorageTransientError, match="another yange process is writing"):
            storage.connect(db_path, wait_seconds=0.2)
    finally:
        storage.close(first)
    storage.close(storage.connect(db_path, wait_seconds=0))  # free again once the first has closed
