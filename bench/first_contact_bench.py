"""First contact (issue 12): a fresh clone's `make run`, readers holding the history, publishing's cost.

Figures:
- `first_run_s`: `make run` in a fresh clone after its `make install`, with a new HOME (no
  ~/.prefect) and no data; `first_run_busy_s`: the same while two CPU-bound processes run beside it.
- `reader_held_ingest_ok` (1 = the ingest succeeded while another process held the public file open
  read-only for the whole run), `reader_open_close_failures` (reads that failed in a process opening
  and closing the history in a loop during the run: target 0), `reader_sees_new` (1 = a reader opened
  after the run sees every new notice).
- `publish_s`, `publish_db_mb`: one publication (checkpoint, copy, fsync, rename) of the 1,000,000-row
  history built by bench.storage_bench, i.e. what a run pays at its end for a history of that size.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.ingest_bench import generate

ROOT = Path(__file__).resolve().parent.parent
HOG = "while True: pass"

# An analyst's read-only session, as a child process (`python -c HOLDER DB`): prints the notice
# count, keeps the database open until a line arrives on stdin, then prints the count again.
# tests/storage/test_concurrency.py runs it too.
HOLDER = """
import duckdb, sys
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM notices").fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute("SELECT count(*) FROM notices").fetchone()[0], flush=True)
"""

CHURN = """
import duckdb, pathlib, sys, time
stop, reads, failures = pathlib.Path(sys.argv[2]), 0, 0
while not stop.exists():
    try:
        con = duckdb.connect(sys.argv[1], read_only=True)
        con.execute("SELECT count(*) FROM duties").fetchone()
        con.close()
        reads += 1
    except Exception as exc:
        failures += 1
        print(repr(exc), file=sys.stderr)
    time.sleep(0.01)
print(reads, failures)
"""


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "YANGE_", "VIRTUAL_ENV"))}
    env["HOME"] = str(home)
    return env


def first_runs(work: Path) -> dict[str, float]:
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=300)
    home = work / "home"
    home.mkdir()
    env = _clean_env(home)
    subprocess.run(["make", "install"], cwd=clone, env=env, check=True, timeout=900, capture_output=True)
    figures: dict[str, float] = {}
    for name, hogs in (("first_run_s", 0), ("first_run_busy_s", 2)):
        shutil.rmtree(clone / "data", ignore_errors=True)
        shutil.rmtree(home / ".prefect", ignore_errors=True)
        burners = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(hogs)]
        try:
            started = time.perf_counter()
            done = subprocess.run(
                ["make", "run"], cwd=clone, env=env, capture_output=True, text=True, timeout=900
            )
            figures[name] = round(time.perf_counter() - started, 2)
        finally:
            for burner in burners:
                burner.kill()
                burner.wait()
        if done.returncode != 0 or "6 new" not in done.stdout:
            raise RuntimeError(f"make run failed in a fresh clone: {done.stderr.strip()[-2000:]}")
    return figures


def readers_during_a_run(work: Path) -> dict[str, float]:
    corpus = work / "readers-corpus"
    n = generate(corpus, n_agencies=60, n_versions=5)
    first, second = corpus / "first", corpus / "second"
    first.mkdir()
    second.mkdir()
    for i, notice in enumerate(sorted(corpus.glob("*.txt"))):
        notice.rename((first if i % 2 else second) / notice.name)
    db = work / "readers.duckdb"
    yange = [str(Path(sys.executable).with_name("yange")), "ingest", "--db", str(db)]
    env = _clean_env(work / "home")
    subprocess.run([*yange, str(first)], env=env, check=True, capture_output=True, timeout=900)

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    stop = work / "stop"
    churn = subprocess.Popen(
        [sys.executable, "-c", CHURN, str(db), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    before = int(holder.stdout.readline())
    run = subprocess.run([*yange, str(second)], env=env, capture_output=True, text=True, timeout=900)
    stop.touch()
    holder.stdin.write("\n")
    holder.stdin.flush()
    held = int(holder.stdout.readline())
    holder.wait(timeout=60)
    reads, failures = (int(x) for x in churn.communicate(timeout=60)[0].split())
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as after:
        out, _ = after.communicate("\n", timeout=60)
    total = int(out.split()[0])
    return {
        "reader_held_ingest_ok": float(run.returncode == 0 and held == before),
        "reader_open_close_failures": float(failures),
        "reader_open_close_reads": float(reads),
        "reader_sees_new": float(total == n),
    }


def publishing(history_db: Path, work: Path) -> dict[str, float]:
    import storage

    db = work / "publish" / "history.duckdb"
    db.parent.mkdir()
    shutil.copy(history_db, db)
    con = storage.connect(db)  # takes it over: copies it to the work file once
    try:
        con.execute("CREATE TABLE IF NOT EXISTS bench_touch (i INTEGER)")
        con.execute("INSERT INTO bench_touch VALUES (1)")
        started = time.perf_counter()
        storage.publish(con)
        elapsed = time.perf_counter() - started
    finally:
        storage.close(con)
    return {"publish_s": round(elapsed, 3), "publish_db_mb": round(db.stat().st_size / 1e6, 1)}


def run(ctx: dict[str, Any]) -> dict[str, float]:
    out = Path(str(ctx.get("out", ROOT / "bench" / "out")))
    work = Path(tempfile.mkdtemp(prefix="first-contact-", dir=out))
    try:
        figures = first_runs(work)
        figures |= readers_during_a_run(work)
        if history := ctx.get("history_db"):
            figures |= publishing(Path(str(history)), work)
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)
