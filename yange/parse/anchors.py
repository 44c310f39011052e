"""Patterns tried only where a literal they need stands. sre tries a pattern that opens with a class,
a group or a repeat at every character of a notice; a literal that every match holds at a fixed
place (the 年 of a date, the 关于 of a title) tells where matches can start, and str.find goes
there far faster."""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_at(
    pattern: re.Pattern[str], text: str, anchors: tuple[str | tuple[str, int], ...], *, before: int = 0
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that cannot match the empty string and every match of
    which starts `before` characters ahead of one of `anchors` (an anchor may carry its own count:
    ("年", 4)): the same matches, each tried only there."""
    starts: set[int] = set()
    for anchor in anchors:
        word, ahead = (anchor, before) if isinstance(anchor, str) else anchor
        at = text.find(word, ahead)
        while at >= 0:
            starts.add(at - ahead)
            at = text.find(word, at + 1)
    pos = 0
    for start in sorted(starts):
        if start >= pos and (m := pattern.match(text, start)) is not None:
            yield m
            pos = m.end()
