"""Variants of the genre built from the clean derived notice: other numbering styles, other
heading words, a page cut short, the three kinds of notice, and random genre-shaped text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import ordinals
from yange.errors import NoticeRejected
from yange.parse import detect_kind, normalise, parse_notice

_CN = "一二三四五六七八九十"


def _renumber(text: str, fmt: str) -> str:
    """(三) -> fmt.format(n=3, cn="三"): the same notice numbered in another style."""
    return re.sub(
        r"^\(([一二三四五六七八九十]+)\)",
        lambda m: fmt.format(n=_CN.index(m.group(1)) + 1, cn=m.group(1)),
        text,
        flags=re.MULTILINE,
    )


NUMBERING = [
    "({cn})",  # ASCII brackets, as the fixture has them
    "（{cn}）",  # full-width brackets
    "{n}.",  # Arabic 1.
    "{n}．",  # Arabic with a full-width point
    "{n}、",  # Arabic with an enumeration comma
]


@pytest.mark.parametrize("fmt", NUMBERING)
def test_numbering_styles_give_the_same_records(clean_text: str, fmt: str) -> None:
    base = parse_notice(clean_text).records[0]
    record = parse_notice(_renumber(clean_text, fmt)).records[0]
    for section in ("adjustments", "duties", "units", "other_matters"):
        assert ordinals(record, section) == ordinals(base, section), section
    assert [a.kind for a in record.adjustments] == [a.kind for a in base.adjustments]
    assert [u.name for u in record.units] == [u.name for u in base.units]
    assert [d.text for d in record.duties] == [d.text for d in base.duties]


def test_heading_words_of_other_eras(clean_text: str) -> None:
    # 职能转变 for 职责调整, 机构设置 for 内设机构, 人员编制和领导职数, a bare 其他, as some write them
    text = (
        clean_text.replace("一、职责调整", "一、职能转变")
        .replace("三、内设机构", "三、机构设置")
        .replace("四、人员编制", "四、人员编制和领导职数")
        .replace("五、其他事项", "五、其他")
    )
    record = parse_notice(text).records[0]
    assert ordinals(record, "adjustments") == list(range(1, 8))
    assert len(record.units) == 9
    assert len(record.staffing) == 7 and ordinals(record, "other_matters") == [1, 2]


def test_title_with_book_marks(clean_text: str) -> None:
    text = clean_text.replace(
        "关于印发西南省水利厅主要职责内设机构和人员编制规定的通知",
        "关于印发《西南省水利厅主要职责内设机构和人员编制规定》的通知",
        1,
    )
    parsed = parse_notice(text)
    assert (
        parsed.notice.title
        == "西南省人民政府办公厅关于印发《西南省水利厅主要职责内设机构和人员编制规定》的通知"
    )
    assert parsed.records[0].agency == "西南省水利厅"


def test_regulation_only_with_a_site_suffix_title(clean_text: str) -> None:
    body = clean_text[clean_text.index("西南省水利厅主要职责内设机构和人员编制规定\n根据") :]
    parsed = parse_notice("西南省水利厅主要职责内设机构和人员编制规定_西南省人民政府门户网站\n" + body)
    assert parsed.notice.title == "西南省水利厅主要职责内设机构和人员编制规定"
    assert parsed.notice.doc_number is None
    assert parsed.records[0].agency == "西南省水利厅"


def test_function_shift_as_its_own_article(articles_text: str) -> None:
    # some 2018-on regulations give 职能转变 an article of its own, with numbered items: adjustments
    text = articles_text.replace(
        "第四条 东海省生态环境厅设下列内设机构：",
        "第四条 职能转变。东海省生态环境厅应当切实履行监管责任。\n（一）取消建设项目环境影响评价资质审批。\n"
        "（二）加强生态环境保护统筹协调。\n第五条 东海省生态环境厅设下列内设机构：",
    ).replace("第五条 东海省生态环境厅机关行政编制", "第六条 东海省生态环境厅机关行政编制")
    parsed = parse_notice(text)
    record = parsed.records[0]
    assert [(a.ordinal, a.kind) for a in record.adjustments] == [(1, "cancelled"), (2, "strengthened")]
    assert len(record.units) == 7 and record.staffing
    assert not any("not read" in w for w in parsed.quality.warnings)


def test_truncated_page_keeps_what_it_has(clean_text: str) -> None:
    cut = clean_text.index("承担水土流失综合防治工作，组织编制") + len("承担水土流失综合防治工作，组织编制")
    parsed = parse_notice(clean_text[:cut])
    record = parsed.records[0]
    assert parsed.quality.truncated is True
    assert any("truncated" in w for w in parsed.quality.warnings)
    assert ordinals(record, "units") == [1, 2, 3, 4, 5, 6]  # the unit cut mid-sentence is kept
    assert record.units[-1].duties.endswith("组织编制")
    assert ordinals(record, "duties") == list(range(1, 8))
    assert record.staffing == [] and record.other_matters == []
    assert "no 人员编制 found" in parsed.quality.warnings


def test_complete_notices_are_not_flagged_truncated(
    clean_text: str, fujian_text: str, mofcom_text: str
) -> None:
    for text in (clean_text, fujian_text, mofcom_text):
        assert parse_notice(text).quality.truncated is False


KINDS = [
    # (text builder, expected kind)
    ("fujian", "sanding"),  # a full 三定 whose adjustments say 划入 stays sanding
    ("mofcom", "functions"),
    ("clean", "sanding"),
]


@pytest.mark.parametrize(("which", "kind"), KINDS)
def test_detect_kind(which: str, kind: str, request: pytest.FixtureRequest) -> None:
    text = request.getfixturevalue(f"{which}_text")
    assert detect_kind(normalise(text)) == kind
    assert parse_notice(text).notice.kind == kind


# Derived: an amendment notice in the genre (no 主要职责/内设机构 sections restated).
AMENDMENT = """西南省机构编制委员会关于调整西南省水利厅职责机构编制的通知
西编〔2012〕15号
西南省水利厅：
经研究，现就调整你厅职责机构编制有关事项通知如下：
一、将你厅的农村水电管理职责划入西南省能源局。
二、撤销防汛抗旱处，其职责并入建设与管理处。
三、调整后，你厅内设机构7个，机关行政编制63名。
西南省机构编制委员会
2012年4月6日
"""


def test_amendment_detected_and_handed_to_the_amendment_parser() -> None:
    assert detect_kind(normalise(AMENDMENT)) == "amendment"
    try:
        parsed = parse_notice(AMENDMENT)
    except NoticeRejected as exc:  # only while the amendment parser is absent
        assert exc.reason_code == "not_a_notice"
        return
    assert parsed.notice.kind == "amendment"
    assert parsed.notice.doc_number == "西编〔2012〕15号"
    assert str(parsed.notice.published_on) == "2012-04-06"
    assert "西南省水利厅" in [r.agency for r in parsed.records]


# Random text made of the genre's own pieces: markers, headings, unit names, cue words, dates.
PIECES = [
    "一、职责调整",
    "二、主要职责",
    "三、内设机构",
    "四、人员编制",
    "五、其他事项",
    "（一）",
    "（二）",
    "（三）",
    "（十）",
    "(一)",
    "1.",
    "第三条",
    "取消",
    "从原省农业厅划入",
    "交由事业单位",
    "加强",
    "办公室",
    "规划处（节水办）",
    "机关党委",
    "负责",
    "机关行政编制为",
    "十五名",
    "（含",
    "）",
    "厅长1名",
    "。",
    "，",
    "\n",
    "设8个内设机构",
    "二〇〇九年八月十二日",
    "关于印发",
    "主要职能",
    "的通知",
    "《",
    "》",
    "〔2009〕",
    "号",
    "加挂",
    "牌子",
    "正厅级",
    " ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_genre_shaped_noise_never_crashes(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        parsed = parse_notice(text)
    except NoticeRejected:
        return
    for record in parsed.records:
        for item in (*record.adjustments, *record.duties, *record.other_matters):
            assert parsed.text[item.span[0] : item.span[1]] == item.text


def test_sharing_site_text_layout(clean_text: str) -> None:
    # derived: a sharing site's plain-text layout, with a neighbouring document's title first, the
    # metadata run together with • separators, 正文 glued to the title, doc number and date in brackets
    letter, body = clean_text.split("西南省人民政府办公厅\n二〇〇九年八月十二日\n", 1)
    lines = letter.splitlines()
    title = lines[0]
    page = (
        "西南省各级人民政府行政机构设置和编制管理办法\n"
        f"{title}\n"
        f"{title}文章属性•【制定机关】西南省人民政府•【公布日期】2009.08.12•【字号】西政办[2009]88号"
        f"•【施行日期】2009.08.12•【效力等级】地方规范性文件•【主题分类】行政机构设置和编制管理正文{title}"
        "(西政办[2009]88号2009年8月12日)" + "".join(lines[2:]) + "\n" + body
    )
    parsed = parse_notice(page)
    n = parsed.notice
    assert (n.title, n.doc_number, n.issuer, str(n.published_on)) == (
        title,
        "西政办〔2009〕88号",
        "西南省人民政府",
        "2009-08-12",
    )
    assert [r.agency for r in parsed.records] == ["西南省水利厅"]
    assert ordinals(parsed.records[0], "units") == [1, 2, 3, 4, 5, 6, 7, 8, None]


def test_news_item_citing_an_amendment_is_not_one() -> None:
    # derived: a news report that cites an amendment notice by its title
    news = (
        "本报讯 近日，东海省机构编制委员会印发《关于调整东海省交通运输厅职责机构编制的通知》，"
        "将东海省交通运输厅的港口行政管理职责划入东海省港航管理局。\n"
    )
    assert detect_kind(normalise(news)) != "amendment"
    with pytest.raises(NoticeRejected):
        parse_notice(news)


TRUNCATIONS = [
    # (where the page stops, truncated?)
    ("机关行政编制为六十五名（含离退", True),  # mid staffing, after the last item
    ("两部门要进一步加强协调与配合。\n(二)所属事业单位的设置", True),  # mid last item
    ("(二)所属事业单位的设置、职责和编制事项另行规定。", False),  # complete
]


@pytest.mark.parametrize(("stop", "truncated"), TRUNCATIONS)
def test_truncation_points(clean_text: str, stop: str, truncated: bool) -> None:
    text = clean_text[: clean_text.index(stop) + len(stop)]
    assert parse_notice(text).quality.truncated is truncated


def test_footer_after_a_complete_notice_is_not_truncation(clean_text: str) -> None:
    page = clean_text + "版权所有 西南省人民政府 网站标识码 0000000001\n"
    assert parse_notice(page).quality.truncated is False


def test_functions_notice_with_duty_headings(mofcom_text: str) -> None:
    # the same kind of notice with X主要职责 headings instead of X主要职能
    parsed = parse_notice(mofcom_text.replace("主要职能", "主要职责"))
    assert parsed.notice.kind == "functions"
    assert [r.agency for r in parsed.records] == [r.agency for r in parse_notice(mofcom_text).records]


def test_units_listed_in_one_sentence(clean_text: str) -> None:
    # some county notices only name their units: 设A、B、C等N个内设机构。
    start = clean_text.index("根据上述职责，省水利厅设8个内设机构：")
    end = clean_text.index("四、人员编制")
    text = (
        clean_text[:start]
        + "根据上述职责，省水利厅设办公室、规划计划处、水资源处、建设与管理处等4个内设机构。\n"
        + clean_text[end:]
    )
    record = parse_notice(text).records[0]
    assert [(u.ordinal, u.name, u.duties) for u in record.units] == [
        (None, "办公室", ""),
        (None, "规划计划处", ""),
        (None, "水资源处", ""),
        (None, "建设与管理处", ""),
    ]
    assert record.declared_unit_count == 4


def test_functions_page_repeating_its_attachment(mofcom_text: str) -> None:
    once = parse_notice(mofcom_text)
    attachment = mofcom_text[mofcom_text.index("附 件") :]
    twice = parse_notice(mofcom_text + "\n" + attachment)
    assert [r.agency for r in twice.records] == [r.agency for r in once.records]
    assert [[d.text for d in r.duties] for r in twice.records] == [
        [d.text for d in r.duties] for r in once.records
    ]
    assert [len(r.other_matters) for r in twice.records] == [len(r.other_matters) for r in once.records]
    assert twice.quality.duplicates_removed > once.quality.duplicates_removed


def test_page_repeating_the_whole_regulation(clean_text: str) -> None:
    once, twice = parse_notice(clean_text), parse_notice(clean_text + clean_text)
    for section in ("adjustments", "duties", "units", "other_matters"):
        assert ordinals(twice.records[0], section) == ordinals(once.records[0], section)
    assert twice.records[0].staffing == once.records[0].staffing
    assert twice.quality.duplicates_removed >= 24  # every numbered item of the copy


def test_headings_without_numbers(clean_text: str) -> None:
    # a page that dropped the heading numbers: 职责调整 / 主要职责 / … alone on their lines
    text = re.sub(
        r"^[一二三四五]、(职责调整|主要职责|内设机构|人员编制|其他事项)$",
        r"\1",
        clean_text,
        flags=re.MULTILINE,
    )
    base, record = parse_notice(clean_text).records[0], parse_notice(text).records[0]
    for section in ("adjustments", "duties", "units", "other_matters"):
        assert ordinals(record, section) == ordinals(base, section), section
    assert record.staffing == base.staffing


def test_joint_covering_letter_of_the_2018_form(articles_text: str) -> None:
    # derived: two issuers before the title, the regulation's name in 《》, a signature date line
    letter = (
        "中共东海省委办公厅　东海省人民政府办公厅关于印发《东海省生态环境厅职能配置、内设机构和人员编制规定》的通知\n"
        "东委办发〔2018〕88号\n各市委、市人民政府，省委各部委，省直各单位：\n"
        "《东海省生态环境厅职能配置、内设机构和人员编制规定》已经省委、省政府批准，现予印发。\n"
        "中共东海省委办公厅\n东海省人民政府办公厅\n2018年12月28日\n"
    )
    parsed = parse_notice(letter + articles_text)
    n = parsed.notice
    assert n.title.startswith("中共东海省委办公厅 东海省人民政府办公厅关于印发《")
    assert (n.doc_number, str(n.published_on)) == ("东委办发〔2018〕88号", "2018-12-28")
    assert n.issuer is not None and "东海省人民政府办公厅" in n.issuer
    assert parsed.records[0].agency == "东海省生态环境厅"
    assert ordinals(parsed.records[0], "duties") == list(range(1, 10))
