"""ISSUE 16 points 6 and 7: only the dashboard's own host names are served, its settings apply from any
folder, and text from notices is shown as text."""

from __future__ import annotations

import re

import pytest

from dashboard.guard import refusal
from dashboard.render import plain
from tests.dashboard.dashboard_history import seen

HOSTS = ["127.0.0.1", "localhost"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Host": "127.0.0.1:8501", "Origin": "http://127.0.0.1:8501"},
        {"Host": "localhost:8501", "Origin": "http://localhost:8501"},
        {"Host": "LOCALHOST.:8501"},  # no Origin: not a cross-site request
        {},  # an in-process session (AppTest): no browser at all
    ],
)
def test_own_names_are_served(headers: dict[str, str]) -> None:
    assert refusal(headers, HOSTS) is None


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        # DNS rebinding: evil.example resolves to 127.0.0.1; Host and Origin agree with each other.
        ({"Host": "evil.example:8501", "Origin": "http://evil.example:8501"}, "Host"),
        ({"Host": "127.0.0.1:8501", "Origin": "http://evil.example"}, "Origin"),
        ({"Host": "127.0.0.1:8501", "Origin": "null"}, "Origin"),
        ({"Host": "127.0.0.1.evil.example"}, "Host"),
        ({"Host": "[::1]:8501"}, "Host"),  # not configured
        ({"Host": "127.0.0.1:notaport"}, "Host"),
    ],
)
def test_foreign_names_are_refused(headers: dict[str, str], why: str) -> None:
    reason = refusal(headers, HOSTS)
    assert reason is not None and reason.startswith(why)


def test_a_reverse_proxy_name_is_a_setting() -> None:
    headers = {"Host": "yange.example.org", "Origin": "https://yange.example.org"}
    assert refusal(headers, HOSTS) is not None
    assert refusal(headers, [*HOSTS, "yange.example.org"]) is None


HOSTILE = [
    "![t](http://127.0.0.1:9/track.png)",
    "**粗体** __粗__ *斜*",
    "[链接](http://evil.example/)",
    "<img src=x onerror=alert(1)>",
    ":red[红字] :material/home: :smile:",
    "www.evil.example http://evil.example a@evil.example",
    "$x^2$ `code` ~~s~~",
    "# 标题\n- 列表\n1. 项",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_leaves_no_markdown_syntax(text: str) -> None:
    out = plain(text)
    assert seen(out) == " ".join(text.split())  # reads as written
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", out)
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped)  # every ASCII punctuation mark escaped
    assert not re.search(r"https?:|www\.|\w@\w", out)  # nothing GFM would link
