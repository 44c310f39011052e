"""Internal units as notices write them: numbered, named line by line, listed in one sentence, county
headings and counts; duty lines that are no units."""

from __future__ import annotations

import pytest

from tests.factories import (
    project_units,
    unit,
)
from tests.parse.generalise_fixtures import GENERALISE
from yange.parse import parse_notice
from yange.parse.adjust import unit_name

# Heading words and unit counts as other provinces write them, on the county regulation.
COUNTY_VARIANTS = {
    "三、内设机构及其职责": [("三、内设机构", "三、内设机构及其职责")],
    "四、人员编制及领导职数": [("四、人员编制", "四、人员编制及领导职数")],
    "一、职能转变和职责调整": [("一、职责调整", "一、职能转变和职责调整")],
    "三、内设机构和人员编制 (one section)": [
        ("三、内设机构", "三、内设机构和人员编制"),
        ("四、人员编制\n", ""),
        ("五、其他事项", "四、其他事项"),
    ],
    "三、机构设置和人员编制 (one section)": [
        ("三、内设机构", "三、机构设置和人员编制"),
        ("四、人员编制\n", ""),
        ("五、其他事项", "四、其他事项"),
    ],
    "设置5个股室": [("设5个内设机构", "设置5个股室")],
    "设5个职能科室": [("设5个内设机构", "设5个职能科室")],
}


@pytest.mark.parametrize("edits", COUNTY_VARIANTS.values(), ids=COUNTY_VARIANTS.keys())
def test_county_heading_and_count_wordings(edits: list[tuple[str, str]]) -> None:
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    parsed = parse_notice(text)
    record = parsed.records[0]
    assert [a.ordinal for a in record.adjustments] == list(range(1, 7))
    assert [d.ordinal for d in record.duties] == list(range(1, 8))
    assert [u.name for u in record.units] == [
        "办公室",
        "登记注册股",
        "食品安全监管股",
        "质量计量股",
        "法规股",
    ]
    assert record.units[-1].duties == "承担行政执法监督和行政复议工作。"
    assert record.declared_unit_count == 5
    assert [s.count for s in record.staffing] == [18, 1, 3, 7]
    assert parsed.quality.relocated == [] and parsed.quality.warnings == []


def test_units_named_in_one_sentence_with_a_count_of_gu_shi() -> None:
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    head, rest = text.split("三、内设机构\n")
    listed = "根据上述职责，县市场监督管理局设办公室、登记注册股、法规股等3个股室。\n"
    text = head + "三、内设机构\n" + listed + "四、人员编制\n" + rest.split("四、人员编制\n")[1]
    record = parse_notice(text).records[0]
    assert project_units(record.units) == [
        unit(None, "办公室"),
        unit(None, "登记注册股"),
        unit(None, "法规股"),
    ]
    assert record.declared_unit_count == 3


def test_listed_units_and_a_party_committee_line_after_them() -> None:
    # the list sentence names the counted units; 机关党委 on its own line is kept too, outside the count
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    head, rest = text.split("三、内设机构\n")
    listed = "根据上述职责，县市场监督管理局设办公室、登记注册股、法规股等3个股室。\n机关党委。负责机关党群工作。\n"
    parsed = parse_notice(
        head + "三、内设机构\n" + listed + "四、人员编制\n" + rest.split("四、人员编制\n")[1]
    )
    record = parsed.records[0]
    assert [(u.name, u.duties) for u in record.units] == [
        ("办公室", ""),
        ("登记注册股", ""),
        ("法规股", ""),
        ("机关党委", "负责机关党群工作。"),
    ]
    assert record.declared_unit_count == 3 and parsed.quality.warnings == []


# Unit lines: what is the unit's name, and what in its bracket is another name for it.
UNIT_LINES = [
    ("机关党委（正处级）。负责机关党群工作。", ("机关党委", None)),  # a rank is not an alias
    ("离退休干部处（副处级）。负责离退休干部工作。", ("离退休干部处", None)),
    ("机关纪委（与机关党委合署办公）。负责纪检工作。", ("机关纪委", None)),
    ("审批服务科（挂行政审批科牌子）。负责行政审批工作。", ("审批服务科", "行政审批科")),
    ("规划科（对外称“规划编审办公室”）。负责规划编审。", ("规划科", "规划编审办公室")),
    ("登记注册股：承担市场主体登记注册工作。", ("登记注册股", None)),
    ("政工办（机关党委办公室）：负责党建工作。", ("政工办", "机关党委办公室")),
]


@pytest.mark.parametrize(("line", "expected"), UNIT_LINES, ids=[line[:8] for line, _ in UNIT_LINES])
def test_unit_lines(line: str, expected: tuple[str, str | None]) -> None:
    parsed = unit_name(line)
    assert parsed is not None and parsed[:2] == expected


@pytest.mark.parametrize("line", ["督办有关事项。", "承办县政府交办的其他事项。", "负责督办重点工作。"])
def test_duty_lines_are_not_units(line: str) -> None:
    assert unit_name(line) is None


_LISTED = [
    unit(None, "办公厅"),
    unit(None, "政策法规司"),
    unit(None, "规划计划司"),
    unit(None, "水文监测司"),
    unit(None, "水资源调查司"),
    unit(None, "国际合作司", "港澳台办公室"),
    unit(None, "人事司"),
    unit(None, "机关党委"),
]


UNIT_LISTS = {
    "after a colon, with a count": (
        "水文资源部设下列8个内设机构：办公厅、政策法规司、规划计划司、水文监测司、水资源调查司、"
        "国际合作司（港澳台办公室）、人事司、机关党委。",
        8,
    ),
    "after a colon, no count": (
        "水文资源部设下列内设机构：办公厅、政策法规司、规划计划司、水文监测司、水资源调查司、"
        "国际合作司（港澳台办公室）、人事司、机关党委。",
        None,
    ),
    "the last joined by 和": (
        "水文资源部设办公厅、政策法规司、规划计划司、水文监测司、水资源调查司、国际合作司（港澳台办公室）、"
        "人事司和机关党委8个内设机构。",
        8,
    ),
}


@pytest.mark.parametrize(("sentence", "declared"), UNIT_LISTS.values(), ids=UNIT_LISTS.keys())
def test_units_listed_in_one_sentence(sentence: str, declared: int | None) -> None:
    text = (GENERALISE / "ministry-2018-hydrology-articles.txt").read_text(encoding="utf-8")
    units = text[text.index("第四条") : text.index("第五条")]
    record = parse_notice(text.replace(units, f"第四条 {sentence}\n")).records[0]
    assert project_units(record.units) == _LISTED
    assert record.declared_unit_count == declared
    assert [d.ordinal for d in record.duties] == list(range(1, 9)) and len(record.staffing) == 7
