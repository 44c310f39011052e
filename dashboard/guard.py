"""Which browsers the dashboard answers: only those that reached it by one of its own host names.

A DNS-rebinding page (evil.example resolving to 127.0.0.1) reaches the local server with
`Host: evil.example` and a matching `Origin`, which Streamlit's own checks accept. app.py calls
`refusal` with the headers of the session's websocket before it reads anything, and shows the reason
instead of the history when the Host or Origin names another site. Allowed names come from
`YANGE_DASHBOARD_HOSTS` (127.0.0.1 and localhost by default; add the public name behind a reverse
proxy).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from urllib.parse import urlsplit


def _hostname(value: str) -> str:
    """`host[:port]` or `[v6]:port` -> the lower-case host name without port or brackets."""
    try:
        parts = urlsplit(f"//{value.strip()}")
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
        return (parts.hostname or "").rstrip(".")
    except ValueError:  # a malformed port or bracket: no host name we know
        return ""


def refusal(headers: Mapping[str, str], allowed: Collection[str]) -> str | None:
    """Why a session with these request headers is refused, or None when it may read.

    No headers at all is an in-process session (Streamlit's AppTest), which no browser can open.
    """
    if not headers:
        return None
    names = {name.lower().rstrip(".") for name in allowed}
    host = _hostname(headers.get("Host", ""))
    if host not in names:
        return f"Host {host or '(none)'!r} is not one of this dashboard's names ({', '.join(sorted(names))})"
    origin = headers.get("Origin")
    if origin is not None:
        scheme, _, rest = origin.strip().partition("://")
        if scheme not in ("http", "https") or _hostname(rest.split("/", 1)[0]) not in names:
            return f"Origin {origin!r} is not one of this dashboard's names"
    return None
