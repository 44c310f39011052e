"""Parser throughput and memory (CONTRACT §4: parse_notices_per_s, parse_peak_mb).

The corpus is the two seed notices (the size the target is stated for) plus the derived variant
notices of tests/parse, read as bytes and parsed with `parse_bytes`, as the CLI does. Throughput is
measured on one core in this process; peak memory separately with tracemalloc (which slows parsing).
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from yange.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [
    *sorted((ROOT / "tests" / "golden").glob("*.txt")),
    *sorted((ROOT / "tests" / "parse" / "fixtures").glob("*.txt")),
]
MIN_SECONDS = 3.0


def _corpus() -> list[bytes]:
    return [p.read_bytes() for p in CORPUS]


def run(ctx: dict) -> dict[str, float]:
    docs = _corpus()
    for data in docs:  # warm up: regex compilation, cn2an tables, pydantic schemas
        parse_bytes(data)
    parsed = 0
    started = time.perf_counter()
    while True:  # at least one pass over the corpus
        for data in docs:
            parse_bytes(data)
        parsed += len(docs)
        elapsed = time.perf_counter() - started
        if elapsed >= MIN_SECONDS:
            break
    per_s = parsed / elapsed

    # peak of Python allocations while the whole corpus is parsed and its results held, as a batch is
    tracemalloc.start()
    held = [parse_bytes(data) for data in docs]
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    return {"parse_notices_per_s": round(per_s, 1), "parse_peak_mb": round(peak / 2**20, 3)}


if __name__ == "__main__":
    for key, value in run({}).items():
        print(f"{key}: {value}")
