"""The dashboard in a real browser: `streamlit run` on a free local port, driven by headless Chromium.

Uses Debian's /usr/bin/chromium through Playwright (never a downloaded browser); skips only when
that executable is absent. Saves a screenshot under tests/artifacts/.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.dashboard.dashboard_history import APP, FUJIAN

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
STREAMLIT = Path(sys.executable).with_name("streamlit")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(history: dict[str, Any]) -> Iterator[str]:
    port = _free_port()
    command = [str(STREAMLIT), "run", str(APP), "--server.address", "127.0.0.1", "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false", "--", "--db", str(history["path"])]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"streamlit did not start: {process.stderr.read().decode() if process.stderr else ''}"
                )
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _ready(page: Any) -> None:
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=30_000)


def test_timeline_in_chromium(server: str, history: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server, wait_until="domcontentloaded")
            page.get_by_text("Reform timeline").wait_for(timeout=30_000)
            page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=30_000)
            _ready(page)
            assert page.locator("[data-testid='stException']").count() == 0
            body = page.inner_text("body")
            assert FUJIAN in body and "Change events" in body
            page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)

            page.goto(
                f"{server}/agency?agency={history['agency_ids'][FUJIAN]}", wait_until="domcontentloaded"
            )
            page.get_by_text("新旧对照").first.wait_for(timeout=30_000)
            _ready(page)
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.locator("ins").count() > 0 and page.locator("del").count() > 0
            page.screenshot(path=str(ARTIFACTS / "agency.png"), full_page=True)
        finally:
            browser.close()
