"""Fixtures of the dashboard tests: one small history database per session, and pages opened on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard import dashboard_history
from tests.dashboard.dashboard_history import APP, OpenPage


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return dashboard_history.build(tmp_path_factory.mktemp("dashboard") / "history.duckdb")


def _open(db: Path, page: str | None, query: dict[str, str] | None, state: dict[str, Any] | None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(query or {})
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(f"views/{page}.py").run()
    return at


@pytest.fixture
def open_page(history: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> OpenPage:
    """open_page("agency", query={...}, state={...}) -> the AppTest after rendering that page."""
    monkeypatch.setenv("YANGE_DB", str(history["path"]))

    def opener(
        page: str | None = None, *, query: dict[str, str] | None = None, state: dict[str, Any] | None = None
    ) -> AppTest:
        return _open(history["path"], page, query, state)

    return opener
