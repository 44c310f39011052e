"""The parser's fast paths find what the patterns' own scans find. Each tries a pattern only where a
literal it needs stands (parse/anchors.py, parse/lines.py, the literal gates beside the patterns in
vocab); these tests draw texts from the patterns' own words and compare with a plain scan, so a
pattern changed without its anchors or gate fails here."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from yange.parse import functions, lines, screen, staffing
from yange.parse.adjust import adjustment_shaped
from yange.parse.anchors import finditer_at
from yange.parse.vocab import adjustments, agencies, genre, markers, numerals
from yange.parse.vocab import lineage as cue
from yange.parse.vocab import metadata as metadata_vocab


def _texts(*words: str, size: int = 24) -> st.SearchStrategy[str]:
    """Texts run together from the patterns' words, separators and filler."""
    filler = (
        "\n",
        "。",
        "，",
        "；",
        "：",
        " ",
        "\t",
        "（",
        "）",
        "、",
        "甲",
        "甲" * 12,
        "甲" * 25,
        "一",
        "2",
    )
    return st.lists(st.sampled_from(words + filler), max_size=size).map("".join)


def _spans(matches) -> list:  # noqa: ANN001 - an iterator of matches
    return [(m.span(), m.groups()) for m in matches]


CUE_WORDS = tuple({w for words in adjustments.KIND_CUE_WORDS for w in words}) + (
    "从",
    "由",
    "原由",
    "将",
    "的",
    "职责",
    "承担",
    "负责",
    "事业单位",
    "中心",
    "省某局",
    "给",
    "至",
)


@settings(max_examples=400, deadline=None)
@given(_texts(*CUE_WORDS))
def test_adjustment_cues_are_searched_only_where_their_words_stand(text: str) -> None:
    for (_kind, pattern), words in zip(adjustments.KIND_CUES, adjustments.KIND_CUE_WORDS, strict=True):
        if pattern.search(text) is not None:
            assert any(word in text for word in words), pattern.pattern


@settings(max_examples=400, deadline=None)
@given(_texts(*adjustments.ADJUSTMENT_OPENERS, "职责", "职能", "划归", "划入", "划给", "下放的", "交由"))
def test_adjustment_shape_gate(text: str) -> None:
    assert adjustment_shaped(text) == (adjustments.ADJUSTMENT_SHAPE.match(text) is not None)


@settings(max_examples=300, deadline=None)
@given(_texts("年", "月", "日", "二〇一〇", "五", "二十九", "2010", "5", "29"))
def test_dates_found_at_their_year(text: str) -> None:
    for pattern in (numerals.CN_DATE, re.compile(r"(\d\d{3})年(\d{1,2})月(\d{1,2})日")):
        assert _spans(finditer_at(pattern, text, ("年",), before=4)) == _spans(pattern.finditer(text))


@settings(max_examples=300, deadline=None)
@given(
    _texts(
        "年", "月", "日", "二〇一〇", "主要职责", "主要职能", "职能配置", "内设机构和人员编制规定",
        "机构职能编制规定", "》", "\n根据", "规定根据", "设立", "特此通知", "\n附件：", "附", "件",
    )
)  # fmt: skip
def test_item_boundaries_found_at_their_anchors(text: str) -> None:
    pattern = markers.ITEM_BOUNDARY
    assert _spans(finditer_at(pattern, text, markers.ITEM_BOUNDARY_ANCHORS)) == _spans(pattern.finditer(text))


@settings(max_examples=300, deadline=None)
@given(
    _texts(
        "关于", "同意", "调整", "划转", "职责", "职责调整", "的通知", "的批复", "内设机构", "编制", "有关事项"
    )
)
def test_amendment_titles_found_at_their_anchors(text: str) -> None:
    pattern = genre.AMENDMENT_TITLE
    assert _spans(finditer_at(pattern, text, genre.AMENDMENT_TITLE_ANCHORS)) == _spans(pattern.finditer(text))


@settings(max_examples=300, deadline=None)
@given(
    _texts(
        "一、", "（二）", "主要职能", "主要职责", "的", "是", "办公室", "中心", "职责", "（对外称某局）",
        "\n（一）", "\n一、", "1.", "主要职责内设机构和人员编制规定", "定", "案",
    )
)  # fmt: skip
def test_line_start_patterns_found_at_line_starts(text: str) -> None:
    for pattern, kwargs in (
        (functions._UNIT_HEADING, {"worth": functions._may_open_unit_heading}),
        (functions._BARE_HEADING, {"worth": functions._may_open_bare_heading}),
        (functions._ONE_UNIT_HEADING, {}),
        (agencies.REGULATION_TITLE_LINE, {"line_end": agencies.REGULATION_TITLE_LINE_END}),
    ):
        lines.forget_texts()
        assert _spans(lines.finditer_at_line_starts(pattern, text, **kwargs)) == _spans(
            pattern.finditer(text)
        )


@settings(max_examples=300, deadline=None)
@given(_texts(*agencies.AGENCY_KINDS, "是", "为", "省政府", "国务院", "局", "厅", "水利"))
def test_agency_sentence_searched_from_its_kind_word(text: str) -> None:
    kind = agencies.AGENCY_KIND.search(text)
    fast = agencies.AGENCY_IS.search(text, max(0, kind.start() - agencies.AGENCY_IS_REACH)) if kind else None
    slow = agencies.AGENCY_IS.search(text)
    assert (fast and (fast.span(), fast.groups())) == (slow and (slow.span(), slow.groups()))


@settings(max_examples=300, deadline=None)
@given(_texts("职数", "编制", "处级领导", "正处级9名", "机关行政", ":", "(", ")"))
def test_staffing_labels_found_before_their_colon(text: str) -> None:
    assert _spans(staffing._labels(text)) == _spans(staffing._LABEL.finditer(text))


@settings(max_examples=300, deadline=None)
@given(_texts("机构改革", "实施", "方案", "某县", "深化"))
def test_reform_plan_title_found_on_its_lines(text: str) -> None:
    assert screen._reform_plan_title(text) == (genre.REFORM_PLAN_TITLE.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(
    _texts(
        "版权所有",
        "ICP备",
        "联系我们",
        "网站地图",
        "责任编辑",
        "联系电话",
        "***",
        "*",
        "负责",
        "联系",
        "责任",
    )
)
def test_footer_gate_holds_every_footer_line(text: str) -> None:
    for line in text.split("\n"):
        if metadata_vocab.PAGE_FURNITURE_FOOTER.match(line):
            assert metadata_vocab.PAGE_FOOTER_GATE.search(line, 0, metadata_vocab.PAGE_FOOTER_REACH)


@settings(max_examples=300, deadline=None)
@given(_texts("_", "|", "｜", " - ", "—", "网", "网站", "门户", "平台", "首页", "\u3000"))
def test_site_suffix_searched_near_the_line_end(text: str) -> None:
    first = text.partition("\n")[0]
    near = max(0, len(first.rstrip()) - metadata_vocab.SITE_SUFFIX_REACH)
    assert (metadata_vocab.SITE_SUFFIX.search(first, near) is None) == (
        metadata_vocab.SITE_SUFFIX.search(first) is None
    )


LINEAGE_WORDS = (
    "将",
    "的",
    "职责",
    "职能",
    "整合",
    "划入",
    "并入",
    "划归",
    "新组建的",
    "重新组建",
    "组建",
    "新设立",
    "设立",
    "成立",
    "不再保留",
    "不再单设",
    "不再设立",
    "更名为",
    "省某局",
    "市某委员会",
    "将省某局的职责划入市某委员会",
    "将省某局的",
    "职能整合并入",
    "组建市某委员会",
    "省某局更名为市某局",
    "和",
    "“",
    "”",
)


@settings(max_examples=300, deadline=None)
@given(_texts(*LINEAGE_WORDS))
def test_lineage_gates_hold_wherever_their_patterns_match(text: str) -> None:
    if cue.ABSORBED.search(text):
        assert cue.ABSORBED_LEAD in text and any(word in text for word in cue.ABSORBED_CUES)
    if cue.CREATED.search(text):
        assert any(word in text for word in cue.CREATED_CUES)
    if cue.ABOLISHED.search(text):
        assert cue.ABOLISHED_CUE in text
    if cue.RENAMED.search(text):
        assert cue.RENAMED_CUE in text
