"""Parsing on a Dask LocalCluster (docs/scale.md): `dask_parse_speedup`, the throughput of 2 worker
processes over 1 on the same 1,000 generated notices, each cluster started and warmed before timing.
On the 2-core machine this is the ceiling of what the dask task runner adds to the flow's parse stage.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.ingest_bench import generate

ROOT = Path(__file__).resolve().parent.parent


def _parse_file(path: str) -> int:
    from yange.parse import parse_bytes

    return len(parse_bytes(Path(path).read_bytes(), source=path).records)


def _rate(paths: list[str], workers: int) -> float:
    from dask.distributed import Client, LocalCluster

    with (
        # The workers' own logs silenced: closing the cluster on a busy machine can race a worker's
        # heartbeat, which distributed logs with a traceback though nothing failed (gather raises if
        # a parse does).
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.gather(client.map(_parse_file, paths[: workers * 4], pure=False))  # imports, caches
        started = time.perf_counter()
        client.gather(client.map(_parse_file, paths, pure=False, batch_size=50))
        return len(paths) / (time.perf_counter() - started)


def run(ctx: dict[str, Any]) -> dict[str, float]:
    out = Path(str(ctx.get("out", ROOT / "bench" / "out")))
    work = Path(tempfile.mkdtemp(prefix="dask-", dir=out))
    try:
        generate(work, n_agencies=200)
        paths = [str(p) for p in sorted(work.glob("*.txt"))]
        one, two = _rate(paths, 1), _rate(paths, 2)
        return {"dask_parse_notices_per_s_1": round(one, 1), "dask_parse_speedup": round(two / one, 2)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
