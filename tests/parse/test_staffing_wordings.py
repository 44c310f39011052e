"""Staffing passages as notices word them: categories, counts, 含 inclusions, leaders' posts."""

from __future__ import annotations

import pytest

from tests.factories import (
    StaffRow,
    project_staffing,
    staff,
)
from yange.parse.staffing import parse_staffing

STAFFING = [
    # a label with no count of its own, broken down after a colon
    (
        "机关行政编制为120名。设厅长1名，副厅长4名；处级领导职数：正处级9名，副处级12名。",
        [
            staff("机关行政编制", 120),
            staff("厅长", 1),
            staff("副厅长", 4),
            staff("正处级", 9, "处级领导职数"),
            staff("副处级", 12, "处级领导职数"),
        ],
    ),
    # Chinese numerals, 两, a bracket that breaks a count down without 含
    (
        "行政编制一百二十名，其中厅长一名、副厅长两名，处级领导职数二十一名（正处十名、副处十一名）。",
        [
            staff("行政编制", 120),
            staff("厅长", 1),
            staff("副厅长", 2),
            staff("处级领导职数", 21),
            staff("正处", 10, "处级领导职数"),
            staff("副处", 11, "处级领导职数"),
        ],
    ),
    # a leaders' count broken down in its own sentence; counts in 人; 编制名额
    (
        "机关行政编制名额为20人。局长1名，副局长2名；科级领导职数6名，其中正科级4名、副科级2名。",
        [
            staff("机关行政编制", 20),
            staff("局长", 1),
            staff("副局长", 2),
            staff("科级领导职数", 6),
            staff("正科级", 4, "科级领导职数"),
            staff("副科级", 2, "科级领导职数"),
        ],
    ),
    # 核定…, 含正科级…
    (
        "核定机关行政编制32名，其中局长1名、副局长3名；科级领导职数8名（含正科级5名、副科级3名）。",
        [
            staff("机关行政编制", 32),
            staff("局长", 1),
            staff("副局长", 3),
            staff("科级领导职数", 8),
            staff("正科级", 5, "科级领导职数"),
            staff("副科级", 3, "科级领导职数"),
        ],
    ),
]


@pytest.mark.parametrize(("passage", "expected"), STAFFING, ids=[p[:12] for p, _ in STAFFING])
def test_staffing_wordings(passage: str, expected: list[StaffRow]) -> None:
    assert project_staffing(parse_staffing(passage, "省水利厅")) == expected
