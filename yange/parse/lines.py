"""A text's line starts, found once per text: a pattern anchored at a line start (MULTILINE ``^``) is
tried only there, where sre's own scan would try it at every character of the notice."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import accumulate


@lru_cache(maxsize=4)
def line_starts(text: str) -> tuple[int, ...]:
    """Where each line of `text` starts (0 and every position after a line break)."""
    return tuple(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


def finditer_at_line_starts(
    pattern: re.Pattern[str],
    text: str,
    *,
    line_end: str = "",
    worth: Callable[[str, int, int], bool] | None = None,
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a MULTILINE pattern whose every alternative opens with ``^`` and
    that cannot match the empty string: the same matches, one match attempt per line. A match that
    runs over a line break skips the lines it covers, as finditer goes on where a match ends.

    `line_end` (for a pattern that ends with ``[ \t]*$`` after one of those characters): only the
    lines whose last character before trailing spaces and tabs is one of them are tried. `worth`
    (text, line start, line end) tells which other lines can start a match: a literal test that
    must hold on every line a match starts on.
    """
    pos = 0
    starts = line_starts(text)
    for i, start in enumerate(starts):
        if start < pos:
            continue
        if line_end or worth is not None:
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
            if line_end:
                last = end  # the line's last character before trailing spaces and tabs, read in place
                while last > start and text[last - 1] in " \t":
                    last -= 1
                if last == start or text[last - 1] not in line_end:
                    continue
            if worth is not None and not worth(text, start, end):
                continue
        if (m := pattern.match(text, start)) is not None:
            yield m
            pos = m.end()


def forget_texts() -> None:
    """Drop the per-text cache (see items.forget_texts)."""
    line_starts.cache_clear()
