"""Parser throughput and memory (CONTRACT §4: parse_notices_per_s, parse_peak_mb,
parse_floor_notices_per_s, parse_vs_floor).

The contract states these figures for seed-sized notices: the corpus is the two seed notices (9 and
17 KB), read as bytes and parsed with `parse_bytes`, as the CLI does. Throughput is measured on one
core in this process; peak memory separately with tracemalloc (which slows parsing). The floor is the
least any parser must do with the same bytes, timed in the same run: decode, NFKC, one
numbered-item regex split and a dedupe pass; `parse_vs_floor` is parse speed over it.

The derived variant notices of tests/parse (3-4 KB each) are timed the same way, for report:
`parse_short_notices_per_s` and `parse_short_vs_floor`. On a short notice the parser's fixed cost
per notice (its stages each look at the text once) weighs more against a floor that scales with size.
"""

from __future__ import annotations

import re
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path

from yange.parse import MAX_BYTES, parse_bytes
from yange.parse.decode import bytes_to_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "golden").glob("*.txt"))
SHORT = sorted((ROOT / "tests" / "parse" / "fixtures").glob("*.txt"))
MIN_SECONDS = 3.0


def _corpus(paths: list[Path] = CORPUS) -> list[bytes]:
    return [p.read_bytes() for p in paths]


# One numbered-item split, as the floor's only "parsing": before （一） / 一、 / 1. markers.
_ITEM_SPLIT = re.compile(
    r"(?=（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,2}、|\b\d{1,2}[.．、])"
)


def _floor(data: bytes) -> int:
    """Decode, NFKC, split at numbered items, drop repeated items: the least a parser does."""
    text = unicodedata.normalize("NFKC", bytes_to_text(data, max_bytes=MAX_BYTES))
    seen: set[str] = set()
    return sum(1 for item in _ITEM_SPLIT.split(text) if not (item in seen or seen.add(item)))


def _interleaved(docs: list[bytes], steps: list[Callable[[bytes], object]]) -> list[float]:
    """Notices per second through each step, from its fastest pass over the corpus. Passes are taken
    in turn (step 1, step 2, step 1, …) until each step has run MIN_SECONDS; the fastest pass is the
    one least disturbed by other processes on a shared machine (timeit's rule), and taking turns
    exposes every step to the same load."""
    for step in steps:  # warm up: regex compilation, cn2an tables, pydantic schemas, OpenCC
        for data in docs:
            step(data)
    spent = [0.0] * len(steps)
    best = [float("inf")] * len(steps)
    while True:  # at least one pass of each
        for i, step in enumerate(steps):
            started = time.perf_counter()
            for data in docs:
                step(data)
            elapsed = time.perf_counter() - started
            spent[i] += elapsed
            best[i] = min(best[i], elapsed)
        if min(spent) >= MIN_SECONDS:
            return [len(docs) / b for b in best]


def run(ctx: dict) -> dict[str, float]:
    docs = _corpus()
    per_s, floor_per_s = _interleaved(docs, [parse_bytes, _floor])
    short_per_s, short_floor_per_s = _interleaved(_corpus(SHORT), [parse_bytes, _floor])

    # peak of Python allocations while the whole corpus is parsed and its results held, as a batch is
    tracemalloc.start()
    held = [parse_bytes(data) for data in docs]
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    return {
        "parse_notices_per_s": round(per_s, 1),
        "parse_peak_mb": round(peak / 2**20, 3),
        "parse_floor_notices_per_s": round(floor_per_s, 1),
        "parse_vs_floor": round(per_s / floor_per_s, 3),
        "parse_short_notices_per_s": round(short_per_s, 1),
        "parse_short_vs_floor": round(short_per_s / short_floor_per_s, 3),
    }


if __name__ == "__main__":
    for key, value in run({}).items():
        print(f"{key}: {value}")
