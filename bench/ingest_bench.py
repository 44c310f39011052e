"""Ingest benchmark (CONTRACT §4): 2,000 generated notices through the flow, end to end.

Runs in a child process, so that `prefect_startup_s` is truly the first flow run of a process and
`ingest_peak_mb` is the ingest's own peak, not that of the benchmarks before it. The corpus is
generated from the Fujian seed: 400 agencies (the agency name varied) in 5 versions each, every
version dropping a duty, rewording a sentence and changing the staffing, so storing a notice does
the real work of diffing against the agency's previous version.

Figures: ingest_notices_per_s, ingest_peak_mb, prefect_startup_s, flow_overhead_ratio (flow wall
time over run_pipeline on the same input, both after start-up), rerun_noop_s, cli_noop_s.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "notices" / "fujian-2010-foreign-trade-sanding.txt"
AGENCY = "对外贸易经济合作厅"
SIGN = "口岸工作办公室"
N_AGENCIES = 400
N_VERSIONS = 5
SYLLABLES = ["东", "南", "西", "北", "中", "海", "山", "江"]


def agency_names(n: int) -> list[str]:
    """n distinct three-character prefixes, so each generated agency has its own identity."""
    return ["".join(chars) for chars in itertools.islice(itertools.product(SYLLABLES, repeat=3), n)]


def variant(seed: str, *, prefix: str, version: int) -> str:
    """One version of one generated agency, changed in three ways from the seed."""
    # The agency and its second sign (加挂牌子) both get the prefix: storage joins agencies by alias.
    text = seed.replace(AGENCY, prefix + AGENCY).replace(SIGN, prefix + SIGN)
    year = 2010 + version
    text = text.replace("2010-05-29", f"{year}-05-29").replace(
        "〔2010〕175号", f"〔{year}〕{175 + version}号"
    )
    text = text.replace("机关行政编制为171名", f"机关行政编制为{171 - version}名")
    duties = re.findall(r"（[一二三四五六七八九十]+）[^（]{40,}?。", text)
    if duties and version:
        text = text.replace(duties[version % len(duties)], "", 1)  # a duty dropped
    return text.replace("贯彻执行", "认真贯彻执行", version)  # sentences reworded


def generate(folder: Path, n_agencies: int = N_AGENCIES, n_versions: int = N_VERSIONS) -> int:
    seed = SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for prefix in agency_names(n_agencies):
        for version in range(n_versions):
            (folder / f"{prefix}-{version}.txt").write_text(
                variant(seed, prefix=prefix, version=version), "utf-8"
            )
            count += 1
    return count


def measure(work: Path) -> dict[str, float]:
    """The child process: every figure but cli_noop_s."""
    from flows.ingest import ingest
    from flows.pipeline import run_pipeline

    corpus, empty, warm = work / "corpus", work / "empty", work / "warm"
    n = generate(corpus)
    empty.mkdir()
    generate(warm, n_agencies=4, n_versions=2)

    started = time.perf_counter()
    ingest(sources=[str(empty)], db=str(work / "startup.duckdb"))
    startup = time.perf_counter() - started
    run_pipeline([str(warm)], db=str(work / "warm.duckdb"))  # parser and storage imports, caches

    started = time.perf_counter()
    plain = run_pipeline([str(corpus)], db=str(work / "plain.duckdb"))
    plain_s = time.perf_counter() - started
    started = time.perf_counter()
    flowed = ingest(sources=[str(corpus)], db=str(work / "flow.duckdb"))
    flow_s = time.perf_counter() - started
    assert plain.new == flowed.new == n, (plain.new, flowed.new, n)

    started = time.perf_counter()
    again = ingest(sources=[str(corpus)], db=str(work / "flow.duckdb"))
    rerun_s = time.perf_counter() - started
    assert again.new == 0 and again.unchanged == n
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "ingest_notices_per_s": round(n / flow_s, 1),
        "ingest_peak_mb": round(peak_kb / 1024, 1),
        "prefect_startup_s": round(startup, 2),
        "flow_overhead_ratio": round(flow_s / plain_s, 3),
        "rerun_noop_s": round(rerun_s, 2),
    }


def run(ctx: dict[str, Any]) -> dict[str, float]:
    out = Path(str(ctx.get("out", ROOT / "bench" / "out")))
    work = Path(tempfile.mkdtemp(prefix="ingest-", dir=out))
    # A Prefect home kept across bench runs, as a user's is: a new one adds ~8 s of database set-up.
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_HOME": str(out / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    try:
        child = subprocess.run(
            [sys.executable, "-m", "bench.ingest_bench", str(work)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False,
        )  # fmt: skip
        if child.returncode != 0:
            raise RuntimeError(f"ingest bench child failed: {child.stderr.strip()[-2000:]}")
        figures: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
        yange = Path(sys.executable).with_name("yange")
        started = time.perf_counter()
        cli = subprocess.run(
            [str(yange), "ingest", str(work / "corpus"), "--db", str(work / "flow.duckdb")],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        figures["cli_noop_s"] = round(time.perf_counter() - started, 2)
        if cli.returncode != 0 or "0 new" not in cli.stdout:
            raise RuntimeError(f"yange ingest (no-op) failed: {cli.stderr.strip()[-2000:]}")
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
