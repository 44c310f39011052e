"""Regenerate the README screenshots from a history: `python -m dashboard.screenshots [--db PATH]`.

Starts the dashboard on a free 127.0.0.1 port, opens it in headless Debian Chromium through
Playwright (dev dependency; never a downloaded browser), and saves the Chinese UI's pages in
docs/screenshots/: timeline, agency and its 新旧对照 (the agency with the most versions, first
against last), reform rounds, digest, notice, and the timeline in English. Also holds the helpers
the browser tests and bench/dashboard_bench.py share (serve, wait_ready, first_render_s).
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

import storage

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach the internet.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, *, timeout: float = 60.0) -> Iterator[str]:
    """`streamlit run dashboard/app.py -- --db DB` on a free local port; yields its address."""
    port = free_port()
    # Only the port: address, usage statistics and toolbar come from dashboard/.streamlit/config.toml.
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--",
        "--db",
        str(db),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise RuntimeError(f"the dashboard did not start: {err[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_ready(page: Any, text: str) -> None:
    """Until `text` shows and Streamlit's running indicator is gone."""
    page.get_by_text(text).first.wait_for(timeout=30_000)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=30_000)
    page.wait_for_timeout(1500)  # let Vega finish drawing


def first_render_s(page: Any, url: str, text: str) -> float:
    """Seconds from opening `url` in a fresh page until `text` shows, the figures and the chart have
    drawn their marks and Streamlit has stopped running: what a reviewer waits for on the first page."""
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text(text).first.wait_for(timeout=60_000)
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=60_000)
    page.locator("[data-testid='stVegaLiteChart'] svg g.mark-rect path").first.wait_for(timeout=60_000)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
    return time.perf_counter() - started


def comparison_query(db: Path) -> str:
    """Query string for the agency with the most versions, comparing its first and last versions:
    the widest span of reform the history shows."""
    with storage.open_reader(db) as con:
        rows = con.execute(
            """
            with busiest as (
                select agency_id from snapshots where not amendment
                group by agency_id order by count(*) desc, agency_id limit 1
            )
            select agency_id, list(snapshot_id order by valid_from)
            from snapshots semi join busiest using (agency_id)
            where not amendment
            group by agency_id
            """
        ).fetchall()
    if not rows:
        raise SystemExit(f"{db}: no versions to show; run `make run` first")
    agency, versions = rows[0]
    query = f"agency={agency}"
    return query + (f"&old={versions[0]}&new={versions[-1]}" if len(versions) >= 2 else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "yange.duckdb")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    query = comparison_query(args.db)
    shots = [
        ("timeline.png", "", "沿革：机构改革史", None),
        ("agency.png", f"agency?{query}", "机构沿革", None),
        ("compare.png", f"agency?{query}", "新旧对照", "新旧对照"),
        ("rounds.png", "rounds", "改革轮次", None),
        ("digest.png", "digest", "近期变化", None),
        ("notice.png", "notice", "原文", None),
        ("timeline-en.png", "?lang=en", "Yange 沿革: reform history", None),
    ]
    with serve(args.db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for name, address, ready, scroll_to in shots:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{url}/{address}")
            wait_ready(page, ready)
            page.wait_for_timeout(6000)  # page links and charts finish drawing after the run ends
            if scroll_to:
                page.get_by_text(scroll_to).last.evaluate("e => e.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / name))
            page.close()
        browser.close()
    print(f"saved {', '.join(name for name, *_ in shots)} in {OUT}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
