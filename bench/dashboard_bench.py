"""Dashboard benchmark: the first render of the timeline page on the 1,000,000-row history.

Two figures, each the wall time of one `AppTest` run of dashboard/app.py (default page: the timeline)
on ctx["history_db"] (built by bench.storage_bench):
- `dashboard_cold_start_s`: the very first render of a fresh process, which also imports pandas,
  Altair, DuckDB and pydantic (a server pays this once, for its first visitor); report only.
- `dashboard_first_render_s`: a new session's first render with every data cache cleared, in a
  process that has loaded its libraries: the queries on the large history and the page itself.
  Target <= 2 s (CONTRACT §4).
Without the database the benchmark reports nothing.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"


def render_s(db: str) -> float:
    """One fresh session's render of the timeline page, with the data caches cleared first."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "missing ScriptRunContext" noise
    os.environ["YANGE_DB"] = db
    st.cache_data.clear()
    app = AppTest.from_file(str(APP), default_timeout=120)
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"timeline page failed: {app.exception[0].value}")
    if not app.metric:
        raise RuntimeError("timeline page rendered no figures (is the database empty?)")
    return elapsed


def run(ctx: dict[str, Any]) -> dict[str, float]:
    db = ctx.get("history_db")
    if not db or not Path(str(db)).exists():
        print(
            "# dashboard_bench: no history database in ctx (run bench.storage_bench first); skipped",
            file=sys.stderr,
        )
        return {}
    cold = render_s(str(db))
    first = render_s(str(db))
    return {"dashboard_cold_start_s": round(cold, 3), "dashboard_first_render_s": round(first, 3)}


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "bench" / "out" / "history_1m.duckdb")
    for key, value in run({"history_db": target}).items():
        print(f"{key}: {value}")
