"""Notices of other provinces, ministries, levels and eras, written for these tests (see
fixtures/generalise/README.md): what a reader gets from each text, checked against the parser.

Every expected value below was read off the fixture's text, not copied from parser output.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.factories import (
    AdjRow,
    StaffRow,
    UnitRow,
    adj,
    project_adjustments,
    project_staffing,
    project_units,
    staff,
    unit,
)
from yange.errors import NoticeRejected
from yange.parse import detect_kind, normalise, parse_bytes, parse_notice
from yange.parse.adjust import classify_adjustment, unit_name
from yange.parse.staffing import parse_staffing

GENERALISE = Path(__file__).parent / "fixtures" / "generalise"


@dataclass(frozen=True)
class Case:
    """The facts of one 三定 notice, as a reader finds them in its text."""

    file: str
    title: str
    doc_number: str | None
    issuer: str | None
    published_on: dt.date | None
    agency: str
    aliases: list[str]
    rank: str | None
    adjustments: list[AdjRow]
    duties: list[int]
    units: list[UnitRow]
    declared: int | None
    staffing: list[StaffRow]
    other_matters: int
    truncated: bool = False
    warnings: list[str] = field(default_factory=list)


CASES = [
    # 2018-on ministry form: articles, (一) with ASCII brackets, 职能转变 inside the duties, 第七条 附则
    Case(
        "ministry-2018-hydrology-articles.txt",
        "水文资源部职能配置、内设机构和人员编制规定",
        None,
        None,
        None,
        "水文资源部",
        ["国家水文局"],
        "正部级",
        [],
        list(range(1, 9)),
        [
            unit(1, "办公厅"),
            unit(2, "政策法规司"),
            unit(3, "规划计划司"),
            unit(4, "水文监测司"),
            unit(5, "水资源调查司"),
            unit(6, "国际合作司", "港澳台办公室"),
            unit(7, "人事司"),
            unit(8, "机关党委"),
            unit(None, "离退休干部局"),
        ],
        8,
        [
            staff("机关行政编制", 320),
            staff("部长", 1),
            staff("副部长", 4),
            staff("司局级领导职数", 36),
            staff("机关党委专职副书记", 1, "司局级领导职数"),
            staff("机关纪委书记", 1, "司局级领导职数"),
            staff("离退休干部局领导职数", 2, "司局级领导职数"),
        ],
        2,
    ),
    # county bureau: 正科级, 股 units, staffing in Chinese numerals, 整合 / 下放至 / 交由…中心承担
    Case(
        "county-2015-market-bureau-sanding.txt",
        "青川县人民政府办公室关于印发青川县市场监督管理局主要职责内设机构和人员编制规定的通知",
        "青政办发〔2015〕32号",
        "青川县人民政府办公室",
        dt.date(2015, 4, 8),
        "青川县市场监督管理局",
        ["青川县食品药品监督管理局", "青川县质量技术监督局"],
        "正科级",
        [
            adj(1, "transferred_in", "原县工商行政管理局、县质量技术监督局、县食品药品监督管理局"),
            adj(2, "transferred_in", "原县质量技术监督局"),
            adj(3, "cancelled"),
            adj(4, "delegated_out", "乡镇市场监管所"),
            adj(5, "handed_to_institution", "县标准化服务中心"),
            adj(6, "strengthened"),
        ],
        list(range(1, 8)),
        [
            unit(1, "办公室"),
            unit(2, "登记注册股"),
            unit(3, "食品安全监管股", "县食品安全委员会办公室"),
            unit(4, "质量计量股"),
            unit(5, "法规股"),
        ],
        5,
        [staff("机关行政编制", 18), staff("局长", 1), staff("副局长", 3), staff("股级领导职数", 7)],
        2,
    ),
    # city bureau: 1. numbering everywhere, 正处级, 划给 / 划出，交由 / 不再承担, an unnumbered other matter
    Case(
        "city-2019-agriculture-digits.txt",
        "江州市人民政府办公室关于印发江州市农业农村局主要职责内设机构和人员编制规定的通知",
        "江府办〔2019〕12号",
        "江州市人民政府办公室",
        dt.date(2019, 3, 6),
        "江州市农业农村局",
        ["江州市乡村振兴局"],
        "正处级",
        [
            adj(1, "transferred_in", "原市农业委员会"),
            adj(2, "transferred_out", "市交通运输局"),
            adj(3, "transferred_out", "市财政局"),
            adj(4, "cancelled"),
            adj(5, "handed_to_institution", "市农产品质量检测中心"),
            adj(6, "delegated_out", "各县（市、区）农业农村部门"),
            adj(7, "strengthened"),
        ],
        list(range(1, 8)),
        [
            unit(1, "办公室"),
            unit(2, "发展规划科"),
            unit(3, "乡村振兴科"),
            unit(4, "种植业管理科", "农药管理科"),
            unit(5, "农产品质量安全监管科"),
            unit(6, "人事科"),
        ],
        6,
        [
            staff("机关行政编制", 45),
            staff("援派干部编制", 2, "机关行政编制"),
            staff("局长", 1),
            staff("副局长", 4),
            staff("总农艺师", 1),
            staff("科级领导职数", 14),
            staff("机关党委专职副书记", 1, "科级领导职数"),
        ],
        1,
    ),
    # no covering letter; units listed 办公室：负责… without numbers, 加挂…牌子 on units; two 加挂 signs
    Case(
        "county-city-2019-natural-resources-colon-units.txt",
        "临海市自然资源和规划局主要职责内设机构和人员编制规定",
        None,
        None,
        None,
        "临海市自然资源和规划局",
        ["临海市林业局", "临海市不动产登记局"],
        "正科级",
        [
            adj(1, "transferred_in", "原市国土资源局"),
            adj(2, "transferred_in", "原市林业局"),
            adj(3, "handed_to_institution", "市自然资源服务中心"),
            adj(4, "strengthened"),
        ],
        list(range(1, 6)),
        [
            unit(None, "办公室"),
            unit(None, "国土空间规划股", "规划编审股"),
            unit(None, "审批服务股"),
            unit(None, "林业股", "森林防火办公室"),
            unit(None, "不动产登记股"),
        ],
        None,
        [
            staff("机关行政编制", 15),
            staff("工勤人员编制", 2),
            staff("局长", 1),
            staff("副局长", 3),
            staff("股级领导职数", 5),
        ],
        2,
    ),
    # GBK bytes, lines hard-wrapped mid-item and mid-title
    Case(
        "hardwrap-2010-statistics-bureau.txt",
        "西陵省人民政府办公厅关于印发西陵省统计局主要职责内设机构和人员编制规定的通知",
        "西政办发〔2010〕61号",
        "西陵省人民政府办公厅",
        dt.date(2010, 8, 20),
        "西陵省统计局",
        [],
        None,
        [adj(1, "cancelled"), adj(2, "handed_to_institution", "省统计信息服务中心"), adj(3, "strengthened")],
        list(range(1, 6)),
        [unit(1, "办公室"), unit(2, "法规处"), unit(3, "国民经济核算处"), unit(4, "人事处")],
        4,
        [staff("机关行政编制", 40), staff("局长", 1), staff("副局长", 3), staff("处级领导职数", 10)],
        1,
    ),
    # an HTML page in GBK: nav, header, footer, scripts, a page title with a site suffix, 发布时间 of the page
    Case(
        "html-2009-culture-dept-gbk.html",
        "北川省人民政府办公厅关于印发北川省文化厅主要职责内设机构和人员编制规定的通知",
        "北政办〔2009〕88号",
        "北川省人民政府办公厅",
        dt.date(2009, 11, 2),
        "北川省文化厅",
        [],
        None,
        [adj(1, "cancelled"), adj(2, "transferred_out", "省文化市场综合执法总队"), adj(3, "strengthened")],
        list(range(1, 6)),
        [
            unit(1, "办公室"),
            unit(2, "政策法规处"),
            unit(3, "艺术处"),
            unit(4, "文化市场处"),
            unit(5, "人事处"),
            unit(None, "机关党委"),
        ],
        5,
        [
            staff("机关行政编制", 60),
            staff("厅长", 1),
            staff("副厅长", 4),
            staff("处级领导职数", 16),
            staff("机关党委专职副书记", 1, "处级领导职数"),
        ],
        1,
    ),
    # UTF-16 with a BOM; a ministry of the 2008 round; Chinese-numeral staffing; 六、附则
    Case(
        "ministry-2008-relics-utf16.txt",
        "国务院办公厅关于印发文物资源部主要职责内设机构和人员编制规定的通知",
        "国办发〔2008〕75号",
        "国务院办公厅",
        dt.date(2008, 7, 10),
        "文物资源部",
        ["国家博物馆事业局", "国家考古研究管理局"],
        None,
        [
            adj(1, "cancelled"),
            adj(2, "delegated_out", "省级文物行政部门"),
            adj(3, "transferred_in", "原国家文化局"),
            adj(4, "handed_to_institution"),
            adj(5, "strengthened"),
        ],
        list(range(1, 6)),
        [
            unit(1, "办公厅"),
            unit(2, "政策法规司"),
            unit(3, "文物保护司", "世界文化遗产司"),
            unit(4, "博物馆司"),
            unit(5, "考古司"),
            unit(6, "人事司"),
            unit(None, "机关党委"),
            unit(None, "离退休干部局"),
        ],
        6,
        [
            staff("机关行政编制", 120),
            staff("两委人员编制", 2, "机关行政编制"),
            staff("部长", 1),
            staff("副部长", 3),
            staff("司局级领导职数", 20),
            staff("机关党委专职副书记", 1, "司局级领导职数"),
        ],
        1,
    ),
    # a document-sharing page: 【】 metadata block, the neighbouring documents' titles above and below
    Case(
        "sharing-2011-water-bureau-metablock.txt",
        "南平市人民政府办公室关于印发南平市水利局主要职责内设机构和人员编制规定的通知",
        "南政办〔2011〕40号",
        "南平市人民政府办公室",
        dt.date(2011, 3, 15),
        "南平市水利局",
        [],
        None,
        [adj(1, "cancelled"), adj(2, "transferred_in"), adj(3, "strengthened")],
        list(range(1, 6)),
        [
            unit(1, "办公室"),
            unit(2, "规划计划科"),
            unit(3, "水资源科", "市节约用水办公室"),
            unit(4, "防汛抗旱科"),
        ],
        4,
        [staff("机关行政编制", 20), staff("局长", 1), staff("副局长", 3), staff("科级领导职数", 6)],
        2,
    ),
    # a page that stops in the middle of duty (四): kept, and reported as truncated
    Case(
        "truncated-2012-transport-dept-page.txt",
        "东川省人民政府办公厅关于印发东川省交通运输厅主要职责内设机构和人员编制规定的通知",
        "东政办〔2012〕19号",
        "东川省人民政府办公厅",
        dt.date(2012, 2, 14),
        "东川省交通运输厅",
        ["东川省地方海事局"],
        None,
        [
            adj(1, "transferred_in", "原省交通厅"),
            adj(2, "transferred_in", "原省民航办公室"),
            adj(3, "strengthened"),
        ],
        [1, 2, 3, 4],
        [],
        None,
        [],
        0,
        truncated=True,
        warnings=["no 内设机构 found", "no 人员编制 found", "text looks truncated: it stops mid-sentence"],
    ),
]


def _parse(name: str):
    return parse_bytes((GENERALISE / name).read_bytes(), source=name)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.split(".")[0])
def test_sanding_notice_of_another_kind(case: Case) -> None:
    parsed = _parse(case.file)
    notice, quality = parsed.notice, parsed.quality
    assert (notice.kind, notice.title, notice.doc_number, notice.issuer, notice.published_on) == (
        "sanding",
        case.title,
        case.doc_number,
        case.issuer,
        case.published_on,
    )
    assert len(parsed.records) == 1
    record = parsed.records[0]
    assert (record.agency, record.aliases, record.rank) == (case.agency, case.aliases, case.rank)
    assert project_adjustments(record.adjustments) == case.adjustments
    assert [d.ordinal for d in record.duties] == case.duties
    assert project_units(record.units) == case.units
    assert record.declared_unit_count == case.declared
    assert project_staffing(record.staffing) == case.staffing
    assert len(record.other_matters) == case.other_matters
    assert quality.truncated is case.truncated
    assert quality.relocated == [] and quality.missing_ordinals == {} and quality.duplicates_removed == 0
    assert quality.warnings == case.warnings
    for item in (*record.adjustments, *record.duties, *record.units, *record.other_matters):
        start, end = item.span
        assert parsed.text[start:end].strip(), "every item points at its text"


def test_hard_wrapped_items_are_rejoined() -> None:
    record = _parse("hardwrap-2010-statistics-bureau.txt").records[0]
    assert record.duties[1].text.endswith("监督检查统计法律法规的实施，确保统计数据真实、准确、及时。")
    assert (
        record.units[0].duties == "负责文电、会务、机要、档案等机关日常运转工作，承担信息、安全、保密工作。"
    )


def test_article_form_keeps_function_shift_in_duties_and_leaves_out_the_closing_article() -> None:
    record = _parse("ministry-2018-hydrology-articles.txt").records[0]
    assert record.duties[7].text.startswith("职能转变。")
    assert [o.ordinal for o in record.other_matters] == [1, 2]
    assert all("负责解释" not in o.text for o in record.other_matters)


def test_page_furniture_stays_out_of_the_items() -> None:
    for name in ("html-2009-culture-dept-gbk.html", "sharing-2011-water-bureau-metablock.txt"):
        parsed = _parse(name)
        record = parsed.records[0]
        last = record.other_matters[-1].text
        assert "下一篇" not in last and "版权所有" not in last and "主办" not in last, name
        assert "发布时间" not in parsed.notice.title and "【" not in parsed.notice.title


def test_unnumbered_other_matter_is_one_item() -> None:
    record = _parse("city-2019-agriculture-digits.txt").records[0]
    assert [o.text for o in record.other_matters] == ["所属事业单位的设置、职责和编制事项另行规定。"]


def test_unit_functions_of_a_second_ministry_with_numbered_unit_headings() -> None:
    # 一、X主要职能 / 二、X（Y）主要职能 / 三、X的主要职责, each with （一）… duties
    parsed = _parse("ministry-2004-statistics-unit-functions.txt")
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


@pytest.mark.parametrize(
    "name", ["news-2019-reform-report-not-a-notice.txt", "index-2012-document-list-not-a-notice.txt"]
)
def test_genre_words_without_a_notice_are_rejected(name: str) -> None:
    # a news item and an index page use the genre's words but define no agency
    with pytest.raises(NoticeRejected) as exc:
        _parse(name)
    assert exc.value.reason_code == "not_a_notice"


# The 2018-on form written other ways: articles labelled by subject, a heading line with no sentence,
# the title's tail in a county's or province's wording. Each must read like the original.
ARTICLE_VARIANTS = {
    "articles labelled 主要职责。/内设机构。/人员编制。": [
        ("主要职责是：", ""),
        ("第三条 水文资源部贯彻", "第三条 主要职责。水文资源部贯彻"),
        ("第四条 水文资源部设", "第四条 内设机构。水文资源部设"),
        ("第五条 水文资源部", "第五条 人员编制。水文资源部"),
    ],
    "article 第三条 主要职责 as a heading line": [
        (
            "第三条 水文资源部贯彻落实党中央关于水文资源工作的方针政策和决策部署，在履行职责过程中坚持和加强党对"
            "水文资源工作的集中统一领导。主要职责是：",
            "第三条 主要职责",
        )
    ],
    "duty list introduced by 主要职责包括：": [("主要职责是：", "主要职责包括：")],
    "duty list introduced by 履行下列职责：": [("主要职责是：", "履行下列职责：")],
    "duty list introduced by 具体职责如下：": [("主要职责是：", "具体职责如下：")],
    "articles grouped in chapters (第二章 主要职责 …)": [
        ("第一条", "第一章 总则\n第一条"),
        ("第三条", "第二章 主要职责\n第三条"),
        ("第四条", "第三章 内设机构\n第四条"),
        ("第五条", "第四章 人员编制\n第五条"),
        ("第六条", "第五章 其他事项\n第六条"),
        ("第七条", "第六章 附则\n第七条"),
    ],
    "title tail 主要职能、内设机构和人员编制规定": [
        ("职能配置、内设机构和人员编制规定", "主要职能、内设机构和人员编制规定")
    ],
    "title tail 主要职责内设机构和人员编制方案": [
        ("职能配置、内设机构和人员编制规定", "主要职责内设机构和人员编制方案")
    ],
}


@pytest.mark.parametrize("edits", ARTICLE_VARIANTS.values(), ids=ARTICLE_VARIANTS.keys())
def test_article_form_variants(edits: list[tuple[str, str]]) -> None:
    text = (GENERALISE / "ministry-2018-hydrology-articles.txt").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    parsed = parse_notice(text)
    record = parsed.records[0]
    assert parsed.notice.kind == "sanding"
    assert (record.agency, record.rank, record.aliases) == ("水文资源部", "正部级", ["国家水文局"])
    assert [d.ordinal for d in record.duties] == list(range(1, 9))
    assert [u.ordinal for u in record.units] == [1, 2, 3, 4, 5, 6, 7, 8, None]
    assert project_staffing(record.staffing)[:4] == [
        staff("机关行政编制", 320),
        staff("部长", 1),
        staff("副部长", 4),
        staff("司局级领导职数", 36),
    ]
    assert [o.ordinal for o in record.other_matters] == [1, 2]
    assert parsed.quality.warnings == []


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


def test_document_number_printed_above_the_title() -> None:
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    title = "江州市人民政府办公室关于印发江州市农业农村局主要职责内设机构和人员编制规定的通知"
    text = text.replace(f"{title}\n江府办〔2019〕12号", f"江府办〔2019〕12号\n{title}")
    notice = parse_notice(text).notice
    assert (notice.title, notice.doc_number) == (title, "江府办〔2019〕12号")


# Adjustment wordings of other provinces, in the regulation of 东川省应急管理厅 (kind, counterpart).
ADJUSTMENTS = [
    ("将原由省民政厅承担的救灾职责划归省应急管理厅。", "transferred_in", "省民政厅"),
    ("省民政厅的救灾职责划入省应急管理厅。", "transferred_in", "省民政厅"),
    ("将森林防火相关职责划归省林业局。", "transferred_out", "省林业局"),
    ("将地质灾害防治的具体工作交由省应急管理厅承担。", "transferred_in", None),
    (
        "将应急管理综合行政执法职责划出，由省应急管理综合行政执法总队承担。",
        "transferred_out",
        "省应急管理综合行政执法总队",
    ),
    ("将矿山救护队伍管理职责移交省消防救援总队。", "transferred_out", "省消防救援总队"),
    ("将防汛抗旱指挥部的职责，整合划入省应急管理厅。", "transferred_in", "防汛抗旱指挥部"),
    (
        "整合原省安全生产监督管理局、省防汛抗旱指挥部办公室的职责。",
        "transferred_in",
        "原省安全生产监督管理局、省防汛抗旱指挥部办公室",
    ),
    ("精简行政审批事项，下放审批权限。", "delegated_out", None),
    ("将烟花爆竹经营许可职责下放到设区的市应急管理部门。", "delegated_out", "设区的市应急管理部门"),
    ("不再保留省安全生产监督管理局。", "cancelled", None),
    # 1990s and later wordings
    ("将农业机械安全监理职能交给省公安厅。", "transferred_out", "省公安厅"),
    ("将饲料工业管理职能转交省畜牧局。", "transferred_out", "省畜牧局"),
    ("将农垦管理职能划转到省农垦总局。", "transferred_out", "省农垦总局"),
    ("将渔政执法职责改由省海洋与渔业局承担。", "transferred_out", "省海洋与渔业局"),
    ("由省发展改革委承担的粮食收储职责，划入省应急管理厅。", "transferred_in", "省发展改革委"),
    ("划入的职能。1.原省经贸委承担的乡镇企业管理职能。", "transferred_in", None),  # a group heading
    ("将有关审批事项委托设区的市应急管理部门实施。", "delegated_out", "设区的市应急管理部门"),
]


@pytest.mark.parametrize(
    ("text", "kind", "counterpart"), ADJUSTMENTS, ids=[t[:10] for t, _, _ in ADJUSTMENTS]
)
def test_adjustment_wordings(text: str, kind: str, counterpart: str | None) -> None:
    assert classify_adjustment(text, "东川省应急管理厅") == (kind, counterpart)


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


def _renumbered(pattern: str, repl) -> str:
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    return re.sub(pattern, repl, text, flags=re.MULTILINE)


_CN_ORD = "一二三四五六七"
NUMBERING = {
    "headings 一．": (r"^([一二三四五])、", lambda m: m.group(1) + "．"),
    "headings 一 (the 、 lost)": (r"^([一二三四五])、", lambda m: m.group(1) + " "),
    "items （1）": (r"^（([一二三四五六七])）", lambda m: f"（{_CN_ORD.index(m.group(1)) + 1}）"),
    "items ⑴": (r"^（([一二三四五六七])）", lambda m: chr(0x2474 + _CN_ORD.index(m.group(1)))),
    "items （一) mismatched": (r"^（([一二三四五六七])）", lambda m: f"（{m.group(1)})"),
    "items (一） mismatched": (r"^（([一二三四五六七])）", lambda m: f"({m.group(1)}）"),
}


@pytest.mark.parametrize(("pattern", "repl"), NUMBERING.values(), ids=NUMBERING.keys())
def test_other_numbering_of_headings_and_items(pattern: str, repl) -> None:
    parsed = parse_notice(_renumbered(pattern, repl))
    record = parsed.records[0]
    assert parsed.notice.kind == "sanding" and record.agency == "青川县市场监督管理局"
    assert [a.ordinal for a in record.adjustments] == list(range(1, 7))
    assert [d.ordinal for d in record.duties] == list(range(1, 8))
    assert [(u.ordinal, u.name) for u in record.units][:2] == [(1, "办公室"), (2, "登记注册股")]
    assert [o.ordinal for o in record.other_matters] == [1, 2]
    assert parsed.quality.warnings == []


def _projection(parsed) -> list:
    return [
        (
            r.agency,
            r.aliases,
            r.rank,
            project_adjustments(r.adjustments),
            [d.ordinal for d in r.duties],
            project_units(r.units),
            r.declared_unit_count,
            project_staffing(r.staffing),
            [o.ordinal for o in r.other_matters],
        )
        for r in parsed.records
    ]


@pytest.mark.parametrize(
    "name",
    [c.file for c in CASES if c.file.endswith(".txt") and "utf16" not in c.file and "hardwrap" not in c.file],
)
@pytest.mark.parametrize("joiner", ["", " "], ids=["no-breaks", "spaces"])
def test_a_page_without_line_breaks_reads_the_same(name: str, joiner: str) -> None:
    # some pages (and text pulled from JSON APIs) lose every line break
    text = (GENERALISE / name).read_text(encoding="utf-8")
    flat = parse_notice(text.replace("\n", joiner))
    assert _projection(flat) == _projection(parse_notice(text))
    assert flat.notice.title == parse_notice(text).notice.title


def test_words_inside_a_duty_do_not_end_it() -> None:
    # 附件 and 根据…设立 end an item only where a letter's attachment line or the preamble stands
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    duty = "负责药品、医疗器械、化妆品的监督管理，审核注册申请及其附件材料。根据上级授权设立分支机构。"
    text = text.replace("负责药品、医疗器械、化妆品的监督管理。", duty)
    parsed = parse_notice(text)
    assert parsed.records[0].duties[3].text == duty
    assert not parsed.quality.truncated


REPLIES = [
    "东川省机构编制委员会关于同意调整东川省林业厅内设机构的批复\n东编〔2020〕8号\n东川省林业厅：\n"
    "经研究，同意你厅对内设机构作如下调整：\n一、将造林处与绿化处合并设立造林绿化处。\n"
    "二、调整后，东川省林业厅设9个内设机构。\n东川省机构编制委员会\n2020年6月1日\n",
    "江州市机构编制委员会关于江州市水利局内设机构调整的批复\n江编〔2021〕5号\n市水利局：\n"
    "经研究，批复如下：\n一、撤销你局的水政科，增设河湖管理科。\n二、调整后，市水利局设6个内设机构。\n"
    "江州市机构编制委员会\n2021年3月2日\n",
]


@pytest.mark.parametrize("text", REPLIES, ids=["同意调整…的批复", "…内设机构调整的批复"])
def test_replies_approving_an_adjustment_are_amendments(text: str) -> None:
    assert detect_kind(normalise(text)) == "amendment"


def test_adjustments_grouped_by_kind_as_in_the_2013_round() -> None:
    # 一、职能转变 （一）取消的职责。1.… （二）下放的职责。1.…: one adjustment per group, its KIND the group's
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    groups = (
        "一、职能转变\n（一）取消的职责。\n1.取消食品生产许可证初审。\n2.取消个体工商户验照制度。\n"
        "（二）下放的职责。\n1.将一般食品经营许可下放。\n（三）整合的职责。\n"
        "1.整合原县工商行政管理局、县质量技术监督局的职责。\n（四）转移的职责。\n"
        "1.将商品条码注册的初审工作交由县标准化协会承担。\n（五）加强的职责。\n1.加强食品安全风险防控。\n"
    )
    text = text[: text.index("一、职责调整")] + groups + text[text.index("二、主要职责") :]
    record = parse_notice(text).records[0]
    assert project_adjustments(record.adjustments) == [
        adj(1, "cancelled"),
        adj(2, "delegated_out"),
        adj(3, "transferred_in", "原县工商行政管理局、县质量技术监督局"),
        adj(4, "transferred_out", "县标准化协会"),
        adj(5, "strengthened"),
    ]
    assert [d.ordinal for d in record.duties] == list(range(1, 8))


@pytest.mark.parametrize(
    "written", ["江府办﹝2019﹞12号", "江府办〖2019〗12号", "江府办〔2019〕第12号", "江府办 [ 2019 ] 12 号"]
)
def test_document_number_brackets_of_other_pages(written: str) -> None:
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    assert parse_notice(text.replace("江府办〔2019〕12号", written)).notice.doc_number == "江府办〔2019〕12号"


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


def test_agency_with_its_other_name_in_brackets_in_the_title() -> None:
    # 江州市农业农村局（江州市乡村振兴局）主要职责…规定: the agency, and its other name as an alias
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    text = text.replace("江州市农业农村局主要职责", "江州市农业农村局（江州市乡村振兴局）主要职责")
    text = text.replace("江州市农业农村局加挂江州市乡村振兴局牌子。", "")
    record = parse_notice(text).records[0]
    assert (record.agency, record.aliases) == ("江州市农业农村局", ["江州市乡村振兴局"])
    assert project_adjustments(record.adjustments)[1] == adj(2, "transferred_out", "市交通运输局")


def _hard_wrapped(text: str, width: int) -> str:
    """The text as a PDF copy gives it: every line cut every `width` characters."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(line[i : i + width] for i in range(0, len(line), width)) if line else out.append("")
    return "\n".join(out)


WRAPPABLE = [
    c.file for c in CASES if c.file.endswith(".txt") and "utf16" not in c.file and "hardwrap" not in c.file
]
WRAPPABLE += ["ministry-2004-statistics-unit-functions.txt"]


@pytest.mark.parametrize("name", WRAPPABLE)
@pytest.mark.parametrize("width", [17, 26, 35])
def test_a_text_hard_wrapped_at_a_fixed_width_reads_the_same(name: str, width: int) -> None:
    text = (GENERALISE / name).read_text(encoding="utf-8")
    wrapped = parse_notice(_hard_wrapped(text, width))
    original = parse_notice(text)
    assert _projection(wrapped) == _projection(original)
    assert (wrapped.notice.title, wrapped.notice.doc_number, wrapped.notice.published_on) == (
        original.notice.title,
        original.notice.doc_number,
        original.notice.published_on,
    )


def test_a_notice_that_is_not_wrapped_is_left_as_it_is() -> None:
    # lines of one length that end sentences are a list, not a wrapped paragraph
    lines = [f"（{n}）负责全省有关工作的组织协调和监督管理工作。" for n in "一二三四五六七八九"]
    text = "\n".join(["二、主要职责", *lines])
    assert normalise(text) == text


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


def test_a_page_cut_at_the_top_still_names_the_agency() -> None:
    # no title: the agency from 第二条 X是国务院组成部门, or from 设立X; a heading is never the title
    text = (GENERALISE / "ministry-2018-hydrology-articles.txt").read_text(encoding="utf-8")
    article_form = parse_notice(text.split("\n", 1)[1].replace("规范水文资源部的职能配置", ""))
    assert (article_form.records[0].agency, article_form.records[0].rank) == ("水文资源部", "正部级")
    county = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    parsed = parse_notice(county[county.index("一、职责调整") :])
    assert parsed.notice.title != "一、职责调整"
    assert [a.ordinal for a in parsed.records[0].adjustments] == list(range(1, 7))


def test_signs_and_ranks_in_adjustments_are_not_the_agencys() -> None:
    # 不再加挂X牌子, a sign that hung on another agency, a merged body's rank: none describes the agency
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    text = text.replace("，为县人民政府工作部门，正科级。", "，为县人民政府工作部门。").replace(
        "（六）加强食品安全风险防控和市场秩序监管。",
        "（六）加强食品安全风险防控和市场秩序监管。\n（七）不再加挂县物价局牌子。\n"
        "（八）原挂在县经济商务局的县盐务管理局牌子，改挂在县市场监督管理局。\n"
        "（九）将原县粮食局（副科级）的职责划入县市场监督管理局。",
    )
    record = parse_notice(text).records[0]
    assert record.aliases == ["青川县食品药品监督管理局", "青川县质量技术监督局"]
    assert record.rank is None
    assert [a.ordinal for a in record.adjustments] == list(range(1, 10))


SIGNS = [
    "江州市农业农村局加挂“江州市乡村振兴局”“江州市农村工作办公室”牌子。",
    "江州市农业农村局加挂江州市乡村振兴局牌子和江州市农村工作办公室牌子。",
    "江州市农业农村局加挂江州市乡村振兴局、江州市农村工作办公室两块牌子。",
    "江州市农业农村局加挂“江州市乡村振兴局”牌子、加挂“江州市农村工作办公室”牌子。",
]


@pytest.mark.parametrize("sentence", SIGNS, ids=["quoted", "和", "两块", "、加挂"])
def test_two_signs_written_other_ways(sentence: str) -> None:
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    record = parse_notice(text.replace("江州市农业农村局加挂江州市乡村振兴局牌子。", sentence)).records[0]
    assert record.aliases == ["江州市乡村振兴局", "江州市农村工作办公室"]


def test_a_notice_issuing_two_regulations_gives_one_record_each() -> None:
    parsed = _parse("county-2010-two-regulations.txt")
    notice = parsed.notice
    assert (notice.kind, notice.doc_number, notice.issuer, notice.published_on) == (
        "sanding",
        "石政办发〔2010〕45号",
        "石门县人民政府办公室",
        dt.date(2010, 9, 15),
    )
    got = [
        (
            r.agency,
            r.rank,
            project_adjustments(r.adjustments),
            [d.ordinal for d in r.duties],
            project_units(r.units),
            r.declared_unit_count,
            [s.count for s in r.staffing],
            len(r.other_matters),
        )
        for r in parsed.records
    ]
    assert got == [
        (
            "石门县发展和改革局",
            "正科级",
            [adj(1, "cancelled"), adj(2, "transferred_in", "原县物价局")],
            [1, 2, 3],
            [unit(1, "办公室"), unit(2, "规划股"), unit(3, "价格股", "县价格监督检查局")],
            3,
            [12, 1, 3, 3],
            0,
        ),
        (
            "石门县教育局",
            "正科级",
            [adj(1, "strengthened")],
            [1, 2],
            [unit(1, "办公室"), unit(2, "基础教育股")],
            2,
            [9, 1, 2, 2],
            1,
        ),
    ]
    assert parsed.quality.warnings == [] and parsed.quality.missing_ordinals == {}
    for record in parsed.records:  # spans point into the whole notice
        for item in (*record.adjustments, *record.duties, *record.other_matters):
            assert parsed.text[item.span[0] : item.span[1]] == item.text
        for u in record.units:
            assert parsed.text[u.span[0] : u.span[1]].startswith(u.name)


def test_a_joint_covering_letter_signed_on_two_lines() -> None:
    text = (GENERALISE / "ministry-2018-hydrology-articles.txt").read_text(encoding="utf-8")
    letter = (
        "中共中央办公厅 国务院办公厅关于印发《水文资源部职能配置、内设机构和人员编制规定》的通知\n厅字〔2018〕66号\n"
        "各省、自治区、直辖市党委和人民政府，中央和国家机关各部委：\n"
        "《水文资源部职能配置、内设机构和人员编制规定》已经党中央、国务院批准，现予印发。\n"
        "中共中央办公厅\n国务院办公厅\n2018年8月1日\n（此件公开发布）\n"
    )
    parsed = parse_notice(letter + text)
    notice = parsed.notice
    assert (notice.title, notice.doc_number, notice.issuer, notice.published_on) == (
        "中共中央办公厅 国务院办公厅关于印发《水文资源部职能配置、内设机构和人员编制规定》的通知",
        "厅字〔2018〕66号",
        "中共中央办公厅 国务院办公厅",
        dt.date(2018, 8, 1),
    )
    assert [d.ordinal for d in parsed.records[0].duties] == list(range(1, 9))
