"""Each notice is parsed in a child process under a deadline and a memory cap: a parse that overruns
or runs out is that notice's rejection, the child is replaced, and the notices after it parse."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import duckdb
import pytest

from flows import parse_worker
from flows.parse_worker import ParseWorker
from flows.pipeline import run_pipeline
from tests.conftest import FUJIAN

pytestmark = pytest.mark.timeout(120)

MAX_BYTES = 50 * 1024 * 1024


def _long_notice(items: int = 80_000) -> bytes:
    """The Fujian seed with `items` more numbered duties (about 8 MB): over a second of parsing."""
    seed = FUJIAN.read_text(encoding="utf-8")
    extra = "".join(
        f"（{i}）负责第{i}项全省对外贸易工作，拟订第{i * 7 % 1000}号管理办法并组织实施。\n"
        for i in range(items)
    )
    return seed.replace("（一）", extra + "（一）", 1).encode("utf-8")


@pytest.fixture
def seed() -> bytes:
    return FUJIAN.read_bytes()


def test_a_parse_over_its_deadline_is_rejected_and_the_next_notice_parses(seed: bytes) -> None:
    worker = ParseWorker(deadline_s=0.25, memory_mb=2048)
    try:
        first = worker.parse(seed, "first.txt", MAX_BYTES)
        started = time.perf_counter()
        slow = worker.parse(_long_notice(), "slow.txt", MAX_BYTES)
        waited = time.perf_counter() - started
        after = worker.parse(seed, "after.txt", MAX_BYTES)
    finally:
        worker.stop()
    assert first.status == "parsed" and first.parsed is not None
    assert slow.status == "rejected" and slow.reason == "timeout: parsing took longer than 0.25 s"
    assert waited < 5  # killed at the deadline, not parsed to the end
    assert after.status == "parsed" and after.parsed is not None
    assert after.parsed.notice.notice_id == first.parsed.notice.notice_id


def test_a_parse_over_its_memory_cap_is_rejected_alone(seed: bytes) -> None:
    worker = ParseWorker(deadline_s=60, memory_mb=80)
    try:
        outcomes = [worker.parse(raw, "x.txt", MAX_BYTES) for raw in (seed, _long_notice(), seed)]
    finally:
        worker.stop()
    assert [o.status for o in outcomes] == ["parsed", "rejected", "parsed"]
    assert outcomes[1].reason == "too_large: parsing it needed more memory than allowed"


def test_a_parser_process_that_dies_is_replaced(seed: bytes) -> None:
    worker = ParseWorker(deadline_s=60, memory_mb=2048)
    try:
        assert worker.parse(seed, "a.txt", MAX_BYTES).status == "parsed"
        pid = worker.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        again = worker.parse(seed, "b.txt", MAX_BYTES)
        assert again.status == "parsed"
        assert worker.pid not in (None, pid)
    finally:
        worker.stop()
    assert worker.pid is None


def test_rejections_of_the_parser_are_outcomes_not_exceptions() -> None:
    worker = ParseWorker(deadline_s=60, memory_mb=2048)
    try:
        empty = worker.parse(b"", "empty.txt", MAX_BYTES)
        chat = worker.parse("今天天气很好。".encode(), "chat.txt", MAX_BYTES)
    finally:
        worker.stop()
    assert empty.status == chat.status == "rejected"
    assert (empty.reason or "").startswith("empty")
    assert (chat.reason or "").startswith("not_a_notice")


def test_an_ingest_rejects_the_overrunning_notice_and_stores_the_rest(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-seed.txt").write_bytes(FUJIAN.read_bytes())
    (inbox / "b-slow.txt").write_bytes(_long_notice())
    worker = ParseWorker(deadline_s=0.25, memory_mb=2048)
    monkeypatch.setattr(parse_worker, "_shared", worker)
    try:
        summary = run_pipeline([str(inbox)], db=db)
    finally:
        worker.stop()
    by_name = {Path(o.location).name: (o.outcome, o.reason) for o in summary.outcomes}
    assert by_name == {
        "a-seed.txt": ("new", None),
        "b-slow.txt": ("rejected", "timeout: parsing took longer than 0.25 s"),
    }
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("select status, reason from notices order by status").fetchall()
    assert rows == [("parsed", None), ("rejected", "timeout: parsing took longer than 0.25 s")]
