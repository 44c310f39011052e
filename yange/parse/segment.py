"""Split a 三定 regulation into its sections: 一、职责调整 / 二、主要职责 / … or the 2018-on articles."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from yange.parse.adjust import shape_of
from yange.parse.items import find_items, heading_matches
from yange.parse.numbers import cn_number
from yange.parse.vocab import agencies, markers, units

# What an article of the 2018-on form is about, tried in order on the article's opening text.
_ARTICLE_KINDS: list[tuple[str, re.Pattern[str]]] = [
    # 第七条 附则。本规定由…负责解释: closes the regulation, as 六、附则 does (markers.SECTION_HEADINGS)
    ("preamble", re.compile(r"^\s*附则")),
    ("adjustments", re.compile(r"^[^。]{0,30}(?:职责调整|职能调整|职能转变)")),
    # an article may open with its subject as a label: 第三条 主要职责。/ 第四条 内设机构。/ 第五条 人员编制。
    ("duties", re.compile(r"^\s*主要(?:职责|职能)(?:[。：:\s]|$)")),
    ("units", re.compile(r"^\s*(?:内设机构|机构设置)(?:[。：:\s]|$)")),
    ("staffing", re.compile(r"^\s*(?:人员编制|编制和领导职数|人员编制和领导职数)(?:[。：:\s]|$)")),
    # the sentence that introduces the list: 主要职责是： / 主要职责包括： / 主要职能为： / 具体职责如下： /
    # 履行下列职责：
    (
        "duties",
        re.compile(
            r"主要职责是|主要职责如下|(?:职责|职能)(?:是|为|包括|如下)?[：:]|(?:承担|履行)(?:以下|下列)(?:主要)?职责"
        ),
    ),
    # an article that only declares a transfer (one with a duty list is a duties article): 第三条 将县发展和改革局的…职责划入县卫健局。
    (
        "adjustments",
        re.compile(r"^\s*将[^。]{0,300}?(?:职责|职能)[^。]{0,60}?(?:划入|划给|划归|划出|交由|下放)"),
    ),
    ("units", re.compile(r"内设机构|设下列|职能司|处室")),
    ("other_matters", re.compile(r"其他事项|附则|本规定|职责分工|另行规定|施行")),
    ("staffing", re.compile(r"编制|领导职数")),
]


@dataclass(frozen=True, slots=True)
class Region:
    section: str  # adjustments | duties | units | staffing | other_matters | preamble
    start: int
    end: int
    ordinal: int | None = None  # the article number, for the 2018-on form


# A page's table of contents: at least this many headings in a row with nothing between them.
_CONTENTS_RUN = 3


def _without_contents_table(found: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """The headings without a table of contents (一、职责调整 / 二、主要职责 / 三、内设机构 listed with no
    text between them), which would otherwise take the numbers of the sections that follow."""
    runs: list[list[re.Match[str]]] = []
    for m in found:
        if runs and not text[runs[-1][-1].end() : m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    return [m for run in runs if len(run) < _CONTENTS_RUN for m in run]


def heading_regions(text: str, start: int = 0, end: int | None = None) -> list[Region]:
    """Sections opened by 一、职责调整 … headings between start and end. A heading whose number does
    not advance (the page repeating 一、职责调整 inside 二、主要职责) is a repeat, not a new section."""
    end = len(text) if end is None else end
    kept: list[tuple[int, int, str]] = []
    last = 0
    found = [m for m in heading_matches(text) if start <= m.start() and m.end() <= end]
    for m in _without_contents_table(found, text):
        n = cn_number(m.group(1))
        section = markers.SECTION_HEADINGS.get(m.group(2))
        if n is None or section is None or n <= last:
            continue
        last = n
        kept.append((m.start(), m.end(), section))
    regions = []
    for i, (_s, e, section) in enumerate(kept):
        stop = kept[i + 1][0] if i + 1 < len(kept) else end
        regions.append(Region(section, e, stop))
    return regions


def bare_heading_regions(text: str) -> list[Region]:
    """Sections opened by heading lines without numbers (职责调整 / 主要职责 / …, each alone on its
    line). Only the first line of each section counts; a repeat is part of the page's noise."""
    kept: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in markers.BARE_HEADING.finditer(text):
        section = markers.SECTION_HEADINGS.get(m.group(1))
        if section is None or section in seen:
            continue
        seen.add(section)
        kept.append((m.start(), m.end(), section))
    return [
        Region(section, e, kept[i + 1][0] if i + 1 < len(kept) else len(text))
        for i, (_s, e, section) in enumerate(kept)
    ]


def article_regions(text: str) -> list[Region]:
    """Sections of the 2018-on form, one per article 第N条, classified by what the article says."""
    marks = [(m.start(), m.end(), cn_number(m.group(1))) for m in markers.ARTICLE_MARKER.finditer(text)]
    regions = []
    last = 0
    for i, (_s, e, n) in enumerate(marks):
        if n is None or n <= last:
            continue
        last = n
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        chapter = markers.CHAPTER_LINE.search(text, e, end)  # 第三章 内设机构 closes the article before it
        if chapter is not None:
            end = chapter.start()
        # what the article says before its first numbered item (（一）, not any bracket: 国际合作司（港澳台办公室）)
        first = markers.PAREN_MARKER.search(text, e, end)
        opening = text[e : min(end, e + 400 if first is None else first.start())]
        section = "preamble"
        for name, pattern in _ARTICLE_KINDS:
            if pattern.search(opening):
                section = name
                break
        regions.append(Region(section, e, end, n))
    # articles before the duties (为了…制定本规定) are the preamble, not other matters
    first_body = next(
        (i for i, r in enumerate(regions) if r.section in ("duties", "units", "adjustments")), None
    )
    if first_body is not None:
        regions = [
            Region("preamble", r.start, r.end, r.ordinal)
            if i < first_body and r.section == "other_matters"
            else r
            for i, r in enumerate(regions)
        ]
    return regions


_ORDER = ("adjustments", "duties", "units", "staffing", "other_matters")
# Leading items of a page cut at the top: at least this many numbered items before the first heading.
_MIN_LEADING = 2


def _cue_regions(text: str, headed: list[Region]) -> list[Region]:
    """Sections of a text that shows only some of its headings: the heading regions found, plus a
    section opened by a sentence (主要职责是：, 设下列内设机构：) or by a staffing sentence where no heading
    opens it. Each section counts once, at its first opening."""
    opens: list[tuple[int, int, str]] = [(r.start, r.start, r.section) for r in headed]
    have = {r.section for r in headed}
    for pattern, section in ((markers.DUTIES_OPENER, "duties"), (markers.UNITS_OPENER, "units")):
        m = pattern.search(text)
        if m is not None and section not in have:
            opens.append((m.start(), m.end(), section))
            have.add(section)
    if "staffing" not in have and (m := units.STAFFING_LINE.search(text)) is not None:
        opens.append((m.start(), m.start(), "staffing"))
    opens.sort()
    regions = []
    for i, (_at, start, section) in enumerate(opens):
        end = opens[i + 1][0] if i + 1 < len(opens) else len(text)
        regions.append(Region(section, start, max(start, end)))  # a heading cut at the end opens nothing
    return regions


def _with_leading(text: str, regions: list[Region]) -> list[Region]:
    """A page cut at the top starts inside a section, with its numbered items and no heading: those
    items become the section their wording shows (units by name, duties by verb), else the section
    before the first heading's."""
    if not regions or regions[0].start == 0:
        return regions
    first = regions[0]
    head_end = text.rfind("\n", 0, first.start) + 1 or first.start
    items = find_items(text, 0, head_end, "preamble")
    if len(items) < _MIN_LEADING or agencies.REGULATION_SUFFIX.search(text, 0, head_end):
        return regions
    shapes = Counter(shape_of(it.text) for it in items)
    shape, count = shapes.most_common(1)[0]
    if shape in ("units", "duties") and count * 2 > len(items):
        section = shape
    else:
        at = _ORDER.index(first.section) if first.section in _ORDER else 0
        if at == 0:
            return regions
        section = _ORDER[at - 1]
    if section == first.section:
        return regions
    return [Region(section, items[0].marker_start, head_end), *regions]


def split_sections(text: str) -> list[Region]:
    """Numbered headings when the notice has them, else articles, else heading lines without
    numbers (at least 主要职责 and one more), else whatever sections its headings and opening
    sentences show; [] when it has none of these. Items before the first heading of a page cut at
    the top form a section of their own."""
    regions = heading_regions(text)
    if len({r.section for r in regions}) >= 2:
        return _with_leading(text, regions)
    articles = article_regions(text)
    if len(articles) >= 2:
        return articles
    bare = bare_heading_regions(text)
    found = {r.section for r in bare}
    if "duties" in found and len(found) >= 2:
        return _with_leading(text, bare)
    return _with_leading(text, _cue_regions(text, sorted(regions or bare, key=lambda r: r.start)))
