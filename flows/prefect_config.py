"""Whether a Prefect API is configured, read without importing Prefect (which takes seconds).

Prefect takes its API address from PREFECT_API_URL, a `prefect.toml` in the working folder, or the
active profile in `$PREFECT_HOME/profiles.toml` (PREFECT_PROFILES_PATH overrides the file, and
PREFECT_PROFILE the choice of profile). With none of them, a flow run in this process starts Prefect's
temporary local server first.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

TEMPORARY_SERVER_NOTICE = (
    "starting Prefect's temporary API server (up to {timeout} s; the first start on a machine takes longest)"
)


def configured_api_url() -> str | None:
    """The Prefect API this process would use, or None when it would start a temporary server."""
    if url := os.environ.get("PREFECT_API_URL"):
        return url
    if "prefect.settings" in sys.modules:  # already paid for: ask Prefect itself (a test harness, say)
        from prefect.settings import get_current_settings

        return get_current_settings().api.url or None
    if url := _dig(_read_toml(Path("prefect.toml")), "api", "url"):
        return url
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    profiles = _read_toml(Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml"))
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active")
    if isinstance(active, str):
        return _dig(profiles, "profiles", active, "PREFECT_API_URL")
    return None


def announce_temporary_server(echo: Callable[[str], Any]) -> None:
    """Say what the wait is for, when a flow run is about to start Prefect's temporary server."""
    if configured_api_url() is None:
        timeout = os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "20")
        echo(TEMPORARY_SERVER_NOTICE.format(timeout=timeout))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.expanduser().open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _dig(table: dict[str, Any], *keys: str) -> str | None:
    value: Any = table
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, str) and value else None
