"""Staffing quotas (人员编制): 机关行政编制为171名, 厅长1名, and the 含… counts inside them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from models import Staffing
from yange.names import AGENCY_END
from yange.parse.numbers import cn_number
from yange.parse.vocab import numerals

# CATEGORY(为)?COUNT名, the category being the words since the last separator. It must not run across
# 、，。；：（）, so 其中：厅长1名、副厅长5名 gives 厅长 and 副厅长.
# Some notices count in 人 (编制30人), not 人员.
_ROW = re.compile(rf"([^、，。；：:（）()\s和及]{{1,40}}?)(?:核定为|为|共)?({numerals.COUNT})(?:名|人(?!员))")
# Head-counts of people in post (实有23人, 现有在编人员20名) are facts, not quotas: never a staffing row.
_HEADCOUNT = re.compile(r"实有|现有|在岗|在职|实际")
# A leaders' count broken down in the same sentence: 司局级领导职数20名，其中正司局级12名、副司局级8名。
_BREAKDOWN = re.compile(r"[，,]\s*其中[：:]?")
# Words after a category that only say it is a count: 机关行政编制名额.
_COUNT_WORD = "名额"
# The bracket that follows a row and starts with 含: its counts are included in that row.
# A bracket right after a row that breaks its count down: （含…）, （其中…）, or a bare （正科级5名、…）.
# An OCR copy may read 含 as 台 (（台后勤服务人员编制1名）); before a count of 编制 it can only be 含.
_INCLUDED = re.compile(r"（(?:含|台(?=[^（）]*编制)|其中[：:]?)?([^（）]*\d[^（）]*|[^（）]*名[^（）]*)）")
# A label with no count of its own that the rows after it break down: 处级领导职数：正处级9名，副处级12名.
_LABEL = re.compile(r"([^、，。；：:（）()\s]{2,20}(?:职数|编制))[：:]")
_CLAUSE_END = re.compile(r"[。；]")
# Leading words that are not part of a category: 其中, the agency itself (省对外贸易经济合作厅机关…).
_LEAD = re.compile(r"^(?:其中|另有|另|设|核定|配备|含)")
# 省对外贸易经济合作厅机关行政编制: an agency's (short) name before 机关 is not part of the category.
_AGENCY_THEN_CATEGORY = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}?{AGENCY_END}(?=机关)")


def _without_lead(cat: str) -> str:
    m = _LEAD.match(cat)
    return cat[m.end() :] if m else cat


def _category(raw: str, agency: str) -> str:
    # each pattern only where it can match: a row's category is read once per row of every notice
    cat = _without_lead(raw).strip()
    if agency and cat.startswith(agency):
        cat = cat[len(agency) :]
    elif "机关" in cat:
        cat = _AGENCY_THEN_CATEGORY.sub("", cat)
    cat = _without_lead(cat)  # 中卫市气象局设局长: 设 after the agency's name
    if _HEADCOUNT.search(cat):
        return ""
    return cat[: -len(_COUNT_WORD)] if cat.endswith(_COUNT_WORD) else cat


def _rows(text: str, agency: str, included_in: str | None) -> list[tuple[Staffing, int]]:
    rows: list[tuple[Staffing, int]] = []
    for m in _ROW.finditer(text):
        count = cn_number(m.group(2))
        category = _category(m.group(1), agency)
        if count is None or not category or category.startswith("含"):
            continue
        rows.append(
            (Staffing(category=category, count=count, included_in=included_in, text=m.group(0)), m.end())
        )
    return rows


_LABEL_STOP = frozenset("、，。；：:（）()")
_LABEL_WORDS = ("职数", "编制")


def _labels(text: str) -> Iterator[re.Match[str]]:
    """_LABEL.finditer(text), tried only before a colon after 职数/编制 (the pattern opens with a
    repeat, which sre tries at every character): from the furthest start back from there, which is
    where finditer's scan would first find the match, as the label's characters hold no colon."""
    colons: list[int] = []
    for mark in "：:":
        at = text.find(mark, 4)
        while at >= 0:
            colons.append(at)
            at = text.find(mark, at + 1)
    colons.sort()
    pos = 0
    for colon in colons:
        if colon - 4 < pos or text[colon - 2 : colon] not in _LABEL_WORDS:
            continue
        start = colon - 2
        floor = max(pos, colon - 22)  # 2-20 characters before the word
        while start > floor and text[start - 1] not in _LABEL_STOP and not text[start - 1].isspace():
            start -= 1
        if colon - 2 - start >= 2 and (m := _LABEL.match(text, start)) is not None:
            yield m
            pos = m.end()


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return len(text) if m is None else m.start()


def parse_staffing(text: str, agency: str = "") -> list[Staffing]:
    """Every staffing row of a 人员编制 passage, with 含… counts linked to the row they belong to.

    A 含 without a number (含驻外办事处编制) is not a row.
    """
    out: list[Staffing] = []
    pos = 0
    labels = [(_category(m.group(1), agency), m.end(), _clause_end(text, m.end())) for m in _labels(text)]
    # Walk row by row so a 含 bracket is attached to the row just before it.
    for m in _ROW.finditer(text):
        if m.start() < pos:
            continue
        count = cn_number(m.group(2))
        category = _category(m.group(1), agency)
        pos = m.end()
        if count is None or not category:
            continue
        included_in = next((name for name, start, end in labels if m.end() > start and m.start() < end), None)
        out.append(Staffing(category=category, count=count, included_in=included_in, text=m.group(0)))
        inc = _INCLUDED.match(text, pos)
        if inc is not None:
            for part in re.split(r"[、，和及]", inc.group(1)):
                out.extend(row for row, _ in _rows(part, agency, category))
            pos = inc.end()
        # a leaders' count broken down in the rest of its sentence (职数20名，其中正司局级12名…); the posts
        # after 编制N名，其中 stay rows of their own, as after 。其中：
        breakdown = _BREAKDOWN.match(text, pos) if category.endswith("职数") else None
        if breakdown is not None:
            labels.append((category, breakdown.end(), _clause_end(text, breakdown.end())))
    return out
