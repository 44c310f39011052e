"""The dashboard in a real browser: `streamlit run` on a free local port, driven by headless Chromium.

Uses Debian's /usr/bin/chromium through Playwright (never a downloaded browser); skips only when
that executable is absent. Saves a screenshot under tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.screenshots import CHROMIUM, FLAGS, serve, wait_ready
from tests.dashboard.dashboard_history import FUJIAN

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def server(history: dict[str, Any]) -> Iterator[str]:
    with serve(history["path"]) as url:
        yield url


def test_timeline_in_chromium(server: str, history: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server, wait_until="domcontentloaded")
            wait_ready(page, "Reform timeline")
            page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=30_000)
            assert page.locator("[data-testid='stException']").count() == 0
            body = page.inner_text("body")
            assert FUJIAN in body and "Change events" in body
            page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)

            # Click-through: a click on an event circle opens that agency's page.
            page.locator("[data-testid='stVegaLiteChart'] svg g.mark-symbol path").first.click(force=True)
            page.wait_for_url("**/agency?agency=*", timeout=30_000)
            opened = page.url.split("agency=", 1)[1]
            wait_ready(page, "Versions")
            name = next(n for n, i in history["agency_ids"].items() if i == opened)
            assert page.locator("h1").first.inner_text() == name

            page.goto(
                f"{server}/agency?agency={history['agency_ids'][FUJIAN]}", wait_until="domcontentloaded"
            )
            wait_ready(page, "新旧对照")
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.locator("ins").count() > 0 and page.locator("del").count() > 0
            page.screenshot(path=str(ARTIFACTS / "agency.png"), full_page=True)

            # A link opened cold, in a new session, still goes through the router and its checks.
            fresh = browser.new_page(viewport={"width": 1400, "height": 1000})
            fresh.goto(f"{server}/changes", wait_until="domcontentloaded")
            wait_ready(fresh, "Change events")
            nav = fresh.locator("[data-testid='stSidebarNav']").inner_text()
            assert "Timeline" in nav and "Search duties" in nav
            assert fresh.locator("[data-testid='stException']").count() == 0
        finally:
            browser.close()
