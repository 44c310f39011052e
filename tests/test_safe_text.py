"""`printable`: what may forge a line or reorder a display is spelled out; all else is kept."""

from __future__ import annotations

import os

import pytest

from yange.safe_text import printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("福建省商务厅.txt", "福建省商务厅.txt"),
        ("a\nb.txt", "a\\nb.txt"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("abc\u202etxt.exe", "abc\\u202etxt.exe"),  # a right-to-left override
        ("one\u2028two", "one\\u2028two"),  # a line separator
        (os.fsdecode(b"bad-\xff\xfe-name.txt"), "bad-\\xff\\xfe-name.txt"),
        ("tab\tand space", "tab\\tand space"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # escaping twice changes nothing
