"""Notices of several units' functions: unit headings numbered or not, 主要职责 / 主要职能 forms."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse.generalise_fixtures import GENERALISE, parse_fixture
from yange.parse import parse_notice


def test_unit_functions_of_a_second_ministry_with_numbered_unit_headings() -> None:
    # 一、X主要职能 / 二、X（Y）主要职能 / 三、X的主要职责, each with （一）… duties
    parsed = parse_fixture("ministry-2004-statistics-unit-functions.txt")
    notice = parsed.notice
    assert (notice.kind, notice.title, notice.doc_number, notice.issuer, notice.published_on) == (
        "functions",
        "国家统计部关于印发直属事业单位主要职能的通知",
        "统字〔2004〕17号",
        "国家统计部",
        dt.date(2004, 9, 3),
    )
    got = [(r.agency, r.aliases, [d.ordinal for d in r.duties]) for r in parsed.records]
    assert got == [
        ("统计数据管理中心", [], [1, 2, 3]),
        ("统计教育培训中心", ["国家统计干部学院"], [1, 2]),
        ("统计科学研究所", [], [1, 2, 3]),
    ]
    assert (
        parsed.records[0].duties[2].text == "承办部交办的其他事项。"
    )  # not run into the next unit's heading
    assert parsed.quality.warnings == [] and parsed.quality.missing_ordinals == {}


def test_unit_functions_with_zhuyao_zhize_headings() -> None:
    # the same notice with 主要职责 where it said 主要职能: still one record per unit
    text = (
        (GENERALISE / "ministry-2004-statistics-unit-functions.txt")
        .read_text(encoding="utf-8")
        .replace("主要职能", "主要职责")
    )
    parsed = parse_notice(text)
    assert parsed.notice.kind == "functions"
    assert [(r.agency, len(r.duties)) for r in parsed.records] == [
        ("统计数据管理中心", 3),
        ("统计教育培训中心", 2),
        ("统计科学研究所", 3),
    ]


FUNCTION_HEADINGS = {
    "a rank in the heading's bracket": [("统计数据管理中心主要职能", "统计数据管理中心（正局级）主要职能")],
    "name on its own line, then 主要职能：": [
        ("一、统计数据管理中心主要职能", "一、统计数据管理中心\n主要职能："),
        (
            "二、统计教育培训中心（国家统计干部学院）主要职能",
            "二、统计教育培训中心（国家统计干部学院）\n主要职能：",
        ),
        ("三、统计科学研究所的主要职责", "三、统计科学研究所\n主要职责："),
    ],
    "units numbered （一）": [
        ("一、统计数据管理中心", "（一）统计数据管理中心"),
        ("二、统计教育", "（二）统计教育"),
        ("三、统计科学", "（三）统计科学"),
    ],
    "duties numbered 1.": [("（一）", "1."), ("（二）", "2."), ("（三）", "3.")],
    "units unnumbered, duties numbered 一、": [
        ("一、统计数据", "统计数据"),
        ("二、统计教育", "统计教育"),
        ("三、统计科学", "统计科学"),
        ("（一）", "一、"),
        ("（二）", "二、"),
        ("（三）", "三、"),
    ],
    "X的主要职能是：": [
        ("一、统计数据管理中心主要职能", "一、统计数据管理中心的主要职能是："),
        ("三、统计科学研究所的主要职责", "三、统计科学研究所的主要职责是："),
    ],
}


@pytest.mark.parametrize("edits", FUNCTION_HEADINGS.values(), ids=FUNCTION_HEADINGS.keys())
def test_unit_function_heading_forms(edits: list[tuple[str, str]]) -> None:
    text = (GENERALISE / "ministry-2004-statistics-unit-functions.txt").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    parsed = parse_notice(text)
    assert parsed.notice.kind == "functions"
    assert [(r.agency, r.aliases, [d.ordinal for d in r.duties]) for r in parsed.records] == [
        ("统计数据管理中心", [], [1, 2, 3]),
        ("统计教育培训中心", ["国家统计干部学院"], [1, 2]),
        ("统计科学研究所", [], [1, 2, 3]),
    ]
