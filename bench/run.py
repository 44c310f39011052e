"""`make bench`: run every benchmark module, print `name: value`, write bench/results.json (CONTRACT §4).

Each module in MODULES exposes `run(ctx: dict) -> dict[str, float]`; `ctx` lets a later module reuse
what an earlier one built (the 1,000,000-row history database, say).
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

MODULES = [
    "bench.parse_bench",
    "bench.diff_bench",
    "bench.storage_bench",
    "bench.first_contact_bench",
    "bench.ingest_bench",
    "bench.dask_bench",
    "bench.dashboard_bench",
]
OUT = Path(__file__).parent / "out"
RESULTS = Path(__file__).parent / "results.json"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ctx: dict[str, object] = {"out": OUT}
    results: dict[str, float] = {}
    failed = 0
    for name in MODULES:
        started = time.perf_counter()
        try:
            module = importlib.import_module(name)
            figures = module.run(ctx)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            print(f"# {name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed += 1
            continue
        for key, value in figures.items():
            results[key] = value
            print(f"{key}: {value:g}" if isinstance(value, float) else f"{key}: {value}")
        print(f"# {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
