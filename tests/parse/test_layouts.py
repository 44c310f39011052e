"""Page layouts that must not change what is read: hard wraps, a page without line breaks, other
numbering of headings and items, article-form variants (fixtures/generalise, derived)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import (
    project_adjustments,
    project_staffing,
    project_units,
    staff,
)
from tests.parse.generalise_fixtures import CASES, GENERALISE, parse_fixture
from yange.parse import normalise, parse_notice


def test_hard_wrapped_items_are_rejoined() -> None:
    record = parse_fixture("hardwrap-2010-statistics-bureau.txt").records[0]
    assert record.duties[1].text.endswith("监督检查统计法律法规的实施，确保统计数据真实、准确、及时。")
    assert (
        record.units[0].duties == "负责文电、会务、机要、档案等机关日常运转工作，承担信息、安全、保密工作。"
    )


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


_FUJIAN_OFFICE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "real"
    / "109_fujian-2009-shengzhengfu-bangongting-sanding.txt"
)


@pytest.mark.parametrize(
    ("heading", "cut"),
    [
        ("二、主要职责", "二、主要\n职责"),
        ("一、职责调整", "一、职责\n调整"),
        ("一、职责调整", "一、\n职责调整"),
    ],
    ids=["主要/职责", "职责/调整", "一、/职责调整"],
)
def test_a_heading_cut_by_a_page_break_is_one_heading(heading: str, cut: str) -> None:
    text = _FUJIAN_OFFICE.read_text(encoding="utf-8")
    whole, broken = parse_notice(text).records[0], parse_notice(text.replace(heading, cut)).records[0]
    assert (len(broken.duties), [a.kind for a in broken.adjustments]) == (6, ["strengthened"] * 3)
    assert [d.text for d in broken.duties] == [d.text for d in whole.duties]
