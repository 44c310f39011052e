"""The dashboard in a real browser: `streamlit run` on a free local port, driven by headless Chromium.

Uses Debian's /usr/bin/chromium through Playwright (never a downloaded browser); skips only when
that executable is absent. Covers what only a browser shows: every page in both languages without
an exception box or a raw code, the minimal toolbar, clicks, hostile text that must stay text (an
image in a title must never load), DNS rebinding, and the settings applied from another folder.
Saves screenshots under tests/artifacts/.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import storage
from dashboard import vocab
from dashboard.screenshots import APP, CHROMIUM, FLAGS, first_render_s, free_port, serve, wait_ready
from flows.engines import default_engines
from models import AgencyRecord, Duty, Notice, ParsedNotice, QualityReport
from models.changes import CHANGE_TYPES
from tests.dashboard.dashboard_history import FUJIAN

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CODES = re.compile(r"\b(?:" + "|".join(CHANGE_TYPES) + r")\b")

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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM, args=[*FLAGS, "--host-resolver-rules=MAP rebind.test 127.0.0.1"]
        )
        yield launched
        launched.close()


def _page(browser: Any) -> Any:
    return browser.new_page(viewport={"width": 1400, "height": 1000})


def _no_exception(page: Any) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]


def test_first_page_renders_and_is_measured(server: str, browser: Any) -> None:
    page = _page(browser)
    seconds = first_render_s(page, server, "沿革：机构改革史")
    assert seconds > 0  # reported by bench/dashboard_bench.py, never asserted against a target
    _no_exception(page)
    body = page.inner_text("body")
    assert FUJIAN in body and "变化事件" in body
    # The toolbar is minimal: no Deploy button.
    assert page.get_by_text("Deploy", exact=True).count() == 0
    assert page.locator("[data-testid='stAppDeployButton']").count() == 0


def test_a_click_on_the_timeline_opens_the_agency(server: str, browser: Any, history: dict[str, Any]) -> None:
    page = _page(browser)
    page.goto(server, wait_until="domcontentloaded")
    wait_ready(page, "沿革：机构改革史")
    page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=30_000)
    page.locator("[data-testid='stVegaLiteChart'] svg g.mark-symbol path").first.click(force=True)
    page.wait_for_url("**/agency?agency=*", timeout=30_000)
    opened = page.url.split("agency=", 1)[1].split("&")[0]
    wait_ready(page, "版本")
    name = next(n for n, i in history["agency_ids"].items() if i == opened)
    assert page.locator("h2").first.inner_text().strip() == name
    page.goto(f"{server}/agency?agency={history['agency_ids'][FUJIAN]}", wait_until="domcontentloaded")
    wait_ready(page, "新旧对照")
    _no_exception(page)
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_in_both_languages(server: str, browser: Any, history: dict[str, Any], lang: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = _page(browser)
    for name, words in vocab.PAGES.items():
        query = f"lang={lang}" + (f"&agency={history['agency_ids'][FUJIAN]}" if name == "agency" else "")
        page.goto(f"{server}/{name}?{query}", wait_until="domcontentloaded")
        title = vocab.text("app.title", lang) if name == "timeline" else vocab.pick(words, lang)
        wait_ready(page, title)
        _no_exception(page)
        body = page.inner_text("body")
        if name != "sql":  # the SQL page shows the query text itself
            assert not CODES.search(body), (name, CODES.search(body))
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert all(vocab.pick(w, lang) in nav for w in vocab.PAGES.values()), nav
        page.screenshot(path=str(ARTIFACTS / f"{name}-{lang}.png"), full_page=True)


def test_a_rebinding_host_name_gets_nothing(server: str, browser: Any) -> None:
    port = server.rsplit(":", 1)[1]
    page = _page(browser)
    page.goto(f"http://rebind.test:{port}/", wait_until="domcontentloaded")
    page.get_by_text("拒绝访问").first.wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "rebind" in body and FUJIAN not in body
    assert page.locator("[data-testid='stMetric']").count() == 0


class _Tracker(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        _Tracker.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="module")
def tracker() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Tracker)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _hostile_history(path: Path, tracker: str) -> dict[str, str]:
    image = f"![t]({tracker}/read.png)"
    title = f"关于{image}**加粗**[链接](http://evil.example/)的通知"
    agency = f"福建省{image}厅"
    text = f"{title}\n一、负责{image}工作。\n"
    notice = Notice(notice_id=hashlib.sha256(text.encode()).hexdigest(), title=title, doc_number="闽**1**号",
                    issuer="福建省人民政府办公厅", published_on=dt.date(2011, 1, 1), source=f"x{image}.txt",
                    kind="sanding")  # fmt: skip
    record = AgencyRecord(
        agency=agency,
        duties=[Duty(ordinal=1, text=f"负责{image}工作。", span=(len(title) + 3, len(text) - 1))],
    )
    quality = QualityReport(warnings=[f"警告{image} **粗** :red[红]"])
    with storage.writer(path) as con:
        parsed = ParsedNotice(notice=notice, records=[record], quality=quality, text=text)
        storage.store_notice(
            con, parsed=parsed, raw=text.encode(), source=notice.source, engines=default_engines()
        )
        storage.record_rejection(con, source=f"bad-{image}.txt", raw=b"\x00", reason=f"binary {image}")
    with storage.open_reader(path) as con:
        agency_id = con.execute("select agency_id from agencies").fetchone()[0]
    return {"agency": agency_id, "notice": notice.notice_id}


def test_text_from_notices_stays_text(tmp_path: Path, browser: Any, tracker: str) -> None:
    ids = _hostile_history(tmp_path / "hostile.duckdb", tracker)
    _Tracker.hits.clear()
    with serve(tmp_path / "hostile.duckdb") as url:
        page = _page(browser)
        for address, ready in [
            (url, "沿革：机构改革史"),
            (f"{url}/agency?agency={ids['agency']}", "版本"),
            (f"{url}/notice?notice={ids['notice']}", "解析质量"),
            (f"{url}/digest", "近期变化"),
            (f"{url}/search", "检索职责"),
        ]:
            page.goto(address, wait_until="domcontentloaded")
            wait_ready(page, ready)
            _no_exception(page)
            main = page.locator("[data-testid='stMain']")
            assert main.locator(f"img[src^='{tracker}']").count() == 0
            assert main.locator("a[href*='evil.example']").count() == 0
            assert main.locator("strong:has-text('加粗'), strong:has-text('粗')").count() == 0
        page.goto(f"{url}/notice?notice={ids['notice']}", wait_until="domcontentloaded")
        wait_ready(page, "解析质量")
        assert "**加粗**" in page.inner_text("body")  # shown as written
        page.screenshot(path=str(ARTIFACTS / "hostile-notice.png"), full_page=True)
    assert _Tracker.hits == []  # the image never loaded: no read-tracking


def _listening(port: int) -> set[str]:
    """Local addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_streamlit_run_from_another_folder_applies_the_projects_settings(
    tmp_path: Path, history: dict[str, Any], browser: Any
) -> None:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port), "--",
               "--db", str(history["path"])]  # fmt: skip
    log = tmp_path / "streamlit.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, log.read_text()
            threading.Event().wait(0.2)
        assert _listening(port) == {"0100007F"}  # 127.0.0.1 only, not every interface
        page = _page(browser)
        page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
        wait_ready(page, "沿革：机构改革史")
        assert page.locator("[data-testid='stAppDeployButton']").count() == 0  # toolbar minimal
        assert "usage statistics" not in log.read_text().lower()  # Streamlit announces it when on
    finally:
        process.terminate()
        process.wait(timeout=10)
