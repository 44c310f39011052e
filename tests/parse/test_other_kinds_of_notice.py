"""Notices of other provinces, ministries, levels and eras, written for these tests (see
fixtures/generalise/README.md): what a reader gets from each whole notice, checked against the parser.

Every expected value in generalise_fixtures.CASES was read off the fixture's text, not copied from
parser output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    adj,
    project_adjustments,
    project_staffing,
    project_units,
    unit,
)
from tests.parse.generalise_fixtures import CASES, GENERALISE, Case, parse_fixture
from yange.errors import NoticeRejected
from yange.parse import detect_kind, normalise, parse_notice


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.split(".")[0])
def test_sanding_notice_of_another_kind(case: Case) -> None:
    parsed = parse_fixture(case.file)
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


def test_article_form_keeps_function_shift_in_duties_and_leaves_out_the_closing_article() -> None:
    record = parse_fixture("ministry-2018-hydrology-articles.txt").records[0]
    assert record.duties[7].text.startswith("职能转变。")
    assert [o.ordinal for o in record.other_matters] == [1, 2]
    assert all("负责解释" not in o.text for o in record.other_matters)


def test_page_furniture_stays_out_of_the_items() -> None:
    for name in ("html-2009-culture-dept-gbk.html", "sharing-2011-water-bureau-metablock.txt"):
        parsed = parse_fixture(name)
        record = parsed.records[0]
        last = record.other_matters[-1].text
        assert "下一篇" not in last and "版权所有" not in last and "主办" not in last, name
        assert "发布时间" not in parsed.notice.title and "【" not in parsed.notice.title


def test_unnumbered_other_matter_is_one_item() -> None:
    record = parse_fixture("city-2019-agriculture-digits.txt").records[0]
    assert [o.text for o in record.other_matters] == ["所属事业单位的设置、职责和编制事项另行规定。"]


@pytest.mark.parametrize(
    "name", ["news-2019-reform-report-not-a-notice.txt", "index-2012-document-list-not-a-notice.txt"]
)
def test_genre_words_without_a_notice_are_rejected(name: str) -> None:
    # a news item and an index page use the genre's words but define no agency
    with pytest.raises(NoticeRejected) as exc:
        parse_fixture(name)
    assert exc.value.reason_code == "not_a_notice"


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


def test_agency_with_its_other_name_in_brackets_in_the_title() -> None:
    # 江州市农业农村局（江州市乡村振兴局）主要职责…规定: the agency, and its other name as an alias
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    text = text.replace("江州市农业农村局主要职责", "江州市农业农村局（江州市乡村振兴局）主要职责")
    text = text.replace("江州市农业农村局加挂江州市乡村振兴局牌子。", "")
    record = parse_notice(text).records[0]
    assert (record.agency, record.aliases) == ("江州市农业农村局", ["江州市乡村振兴局"])
    assert project_adjustments(record.adjustments)[1] == adj(2, "transferred_out", "市交通运输局")


def test_a_page_cut_at_the_top_still_names_the_agency() -> None:
    # no title: the agency from 第二条 X是国务院组成部门, or from 设立X; a heading is never the title
    text = (GENERALISE / "ministry-2018-hydrology-articles.txt").read_text(encoding="utf-8")
    article_form = parse_notice(text.split("\n", 1)[1].replace("规范水文资源部的职能配置", ""))
    assert (article_form.records[0].agency, article_form.records[0].rank) == ("水文资源部", "正部级")
    county = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    parsed = parse_notice(county[county.index("一、职责调整") :])
    assert parsed.notice.title != "一、职责调整"
    assert [a.ordinal for a in parsed.records[0].adjustments] == list(range(1, 7))


def test_a_notice_issuing_two_regulations_gives_one_record_each() -> None:
    parsed = parse_fixture("county-2010-two-regulations.txt")
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
