"""A text's line starts, found once per text: a pattern anchored at a line start (MULTILINE ``^``) is
tried only there, where sre's own scan would try it at every character of the notice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate


@lru_cache(maxsize=4)
def line_starts(text: str) -> tuple[int, ...]:
    """Where each line of `text` starts (0 and every position after a line break)."""
    return tuple(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


def finditer_at_line_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a MULTILINE pattern whose every alternative opens with ``^`` and
    that cannot match the empty string: the same matches, one match attempt per line. A match that
    runs over a line break skips the lines it covers, as finditer goes on where a match ends."""
    pos = 0
    for start in line_starts(text):
        if start >= pos and (m := pattern.match(text, start)) is not None:
            yield m
            pos = m.end()


def forget_texts() -> None:
    """Drop the per-text cache (see items.forget_texts)."""
    line_starts.cache_clear()
