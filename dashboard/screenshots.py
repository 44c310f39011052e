"""Regenerate the README screenshots from a history: `python -m dashboard.screenshots [--db PATH]`.

Starts the dashboard on a free 127.0.0.1 port, opens it in headless Debian Chromium through
Playwright (dev dependency; never a downloaded browser), and saves docs/screenshots/timeline.png and
docs/screenshots/compare.png (the 新旧对照 of the agency with the most versions, first against last).
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
    """Seconds from opening `url` in a fresh page until `text` shows, Streamlit has stopped running
    and every chart has drawn its marks: what a reviewer waits for before the first page is usable."""
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text(text).first.wait_for(timeout=60_000)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"[data-testid='stVegaLiteChart']\")]"
        ".every(c => c.querySelector('svg g.mark-symbol path, svg g.mark-tick path, canvas'))",
        timeout=60_000,
    )
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
    with serve(args.db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        wait_ready(page, "Reform timeline")
        page.screenshot(path=str(OUT / "timeline.png"))
        page.goto(f"{url}/agency?{query}")
        wait_ready(page, "新旧对照")
        page.get_by_text("新旧对照").first.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(OUT / "compare.png"))
        browser.close()
    print(f"saved {OUT / 'timeline.png'} and {OUT / 'compare.png'}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
