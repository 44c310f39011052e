"""Numbered items: where each starts and ends, its ordinal (（十三） -> 13) and its span."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from models import Duty
from yange.parse import lines
from yange.parse.anchors import finditer_at
from yange.parse.numbers import cn_number
from yange.parse.vocab import markers

_TRAILING = " \n"
_TITLE_STOP = "。；\n》」”"
_SENTENCE_END = "。；！？"
_RUNNING = re.compile(r"[，。；]")


class Item(NamedTuple):
    """One numbered (or named) item. `start`/`end` bound the item's text, without its marker, in
    the normalised notice text; `section` is where it stood in the page. A named tuple: a notice
    makes hundreds, and a frozen dataclass takes three times as long to build."""

    ordinal: int | None
    start: int
    end: int
    text: str
    section: str
    marker_start: int


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    while start < end and text[start] in _TRAILING:
        start += 1
    return start, end


@lru_cache(maxsize=4)
def heading_matches(text: str) -> tuple[re.Match[str], ...]:
    """Every section heading (一、职责调整 …) of a text, found once per text: sections, items and the
    genre test all ask for them. `parse_notice` clears the cache when it starts, so it only saves work
    inside one parse (and a benchmark parsing one notice again and again gains nothing from it)."""
    return tuple(
        m
        for m in markers.HEADING_CANDIDATE.finditer(text)
        if m.start() == 0 or text[m.start() - 1] in markers.HEADING_AFTER
    )


@lru_cache(maxsize=4)
def _boundaries(text: str) -> tuple[list[int], list[bool], list[int]]:
    """Where passages that end an item start (markers.ITEM_BOUNDARY; whether each is a regulation's
    title) and where headings start, found in one pass per text instead of one search per item."""
    found = [
        (m.start(), m.group("title") is not None)
        for m in finditer_at(markers.ITEM_BOUNDARY, text, markers.ITEM_BOUNDARY_ANCHORS)
    ]
    return [s for s, _ in found], [t for _, t in found], [m.start() for m in heading_matches(text)]


def cut_at_boundary(text: str, start: int, end: int) -> int:
    """End an item before a passage that cannot belong to it (a signature date, the regulation's
    own title, the preamble), which pages without line breaks run straight into the item."""
    return _cut(text, start, end, _boundaries(text))


def _cut(text: str, start: int, end: int, boundaries: tuple[list[int], list[bool], list[int]]) -> int:
    cut = end
    starts, titles, headings = boundaries
    i = bisect_right(starts, start)
    if i < len(starts) and starts[i] < cut:
        cut = starts[i]
        if titles[i]:  # back up to where the regulation's title begins
            floor = max(start + 1, cut - 40)
            while cut > floor and text[cut - 1] not in _TITLE_STOP:
                cut -= 1
    j = bisect_right(headings, start)
    if j < len(headings) and headings[j] < cut:
        cut = headings[j]
    return _cut_at_trailing_line(text, start, cut)


def _cut_at_trailing_line(text: str, start: int, end: int) -> int:
    """End an item at a line break after a full stop when what follows is not running text (a
    footer, a signature, a name line): the item has ended and the page goes on with something else."""
    nl = text.find("\n", start, end)
    while nl >= 0:
        if nl > start and text[nl - 1] in _SENTENCE_END:
            line_end = text.find("\n", nl + 1, end)
            line_end = end if line_end < 0 else line_end
            # an item usually ends with its line break right before the next marker: nothing follows
            if line_end == nl + 1 or not _RUNNING.search(text, nl + 1, line_end):
                return nl
        nl = text.find("\n", nl + 1, end)
    return end


def find_items(
    text: str,
    start: int,
    end: int,
    section: str,
    marker: re.Pattern[str] = markers.PAREN_MARKER,
    extra_starts: re.Pattern[str] | None = None,
) -> list[Item]:
    """Items between start and end. Each runs from its marker to the next marker (or a boundary).

    `extra_starts` marks items with no number that still start a new item (机关党委 in a units
    section); their ordinal is None and the matched name stays in their text.
    """
    starts: list[tuple[int, int, int | None]] = []  # (marker_start, text_start, ordinal)
    for m in marker.finditer(text, start, end):
        ordinal = cn_number(m.group(1))
        if ordinal is not None:
            starts.append((m.start(), m.end(), ordinal))
    # a section's first item right after its heading on a page with no line breaks (职责调整1.将…):
    # the marker's "after a line start or sentence end" condition cannot hold there, yet it is an item
    bare = markers.BARE_MARKERS.get(marker.pattern)
    first = (
        bare.match(text, start, end) if bare is not None and (not starts or starts[0][0] > start) else None
    )
    if first is not None and (ordinal := cn_number(first.group(1))) is not None:
        starts.insert(0, (first.start(), first.end(), ordinal))
    if extra_starts is not None:
        for m in extra_starts.finditer(text, start, end):
            starts.append((m.start(), m.start(), None))
        starts.sort()
    if not starts:
        return []
    items: list[Item] = []
    boundaries = _boundaries(text)  # once for all the items, not per item
    for i, (mstart, tstart, ordinal) in enumerate(starts):
        tend = starts[i + 1][0] if i + 1 < len(starts) else end
        tend = _cut(text, tstart, tend, boundaries)
        s, e = _trim(text, tstart, tend)
        if e > s:
            items.append(Item(ordinal, s, e, text[s:e], section, mstart))
    return items


def duty_of(text: str, item: Item, child_marker: re.Pattern[str]) -> Duty:
    """A main duty from its item: its lead text, and the nested items `child_marker` numbers inside it
    (二、…：（一）…（二）… in a functions notice, （一）…：1.…2.… in a regulation)."""
    (s, e), children = lead_and_children(text, item, child_marker)
    kids = [Duty(ordinal=c.ordinal or 0, text=c.text, span=(c.start, c.end)) for c in children]
    if not kids or e <= s:
        return Duty(ordinal=item.ordinal or 0, text=item.text, span=(item.start, item.end), items=kids)
    return Duty(ordinal=item.ordinal or 0, text=text[s:e], span=(s, e), items=kids)


def lead_and_children(text: str, item: Item, marker: re.Pattern[str]) -> tuple[tuple[int, int], list[Item]]:
    """Split an item into its lead text and nested numbered items (二、…：（一）…（二）…)."""
    bare = markers.BARE_MARKERS.get(marker.pattern)
    if marker.search(text, item.start, item.end) is None and (
        bare is None or not bare.match(text, item.start, item.end)
    ):
        return (item.start, item.end), []  # most duties have no nested items: skip building none
    children = find_items(text, item.start, item.end, item.section, marker)
    if not children:
        return (item.start, item.end), []
    lead = _trim(text, item.start, children[0].marker_start)
    return lead, children


def top_level_numbering(
    text: str, patterns: tuple[re.Pattern[str], ...] = markers.TOP_LEVEL_MARKERS
) -> list[tuple[int, int, int]]:
    """(ordinal, marker start, text start) of a text's top-level numbered items: for each marker style,
    the run that opens with 1 and rises (a gap of up to two is accepted); the style whose run starts
    first is the top level."""
    best: list[tuple[int, int, int]] = []
    for pattern in patterns:
        chain: list[tuple[int, int, int]] = []
        for m in pattern.finditer(text):
            ordinal = cn_number(m.group(1))
            if ordinal is None:
                continue
            if not chain and ordinal == 1 or chain and chain[-1][0] < ordinal <= chain[-1][0] + 3:
                chain.append((ordinal, m.start(), m.end()))
        if chain and (not best or chain[0][1] < best[0][1]):
            best = chain
    return best


def forget_texts() -> None:
    """Drop the per-text caches: each parse starts from nothing."""
    heading_matches.cache_clear()
    _boundaries.cache_clear()
    lines.forget_texts()
