"""Amendment notices beyond the first fixtures: other issuers, numbering, numerals and page shapes,
read whole (fixtures/generalise, derived; every expected effect in amend_generalise.CASES was read off
the notice text by hand)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.amend.amend_factories import expect, observed
from tests.amend.amend_generalise import (
    BH_P,
    BH_T,
    CASES,
    DHB,
    GEN,
    HEAD,
    in_order,
)
from yange.parse import parse_bytes, parse_notice
from yange.parse.amendment import parse_amendment_body


@pytest.mark.parametrize("name", sorted(CASES))
def test_effects_and_totals(name: str) -> None:
    case = CASES[name]
    effects, totals = case.effects, case.totals
    records, quality = parse_amendment_body((GEN / name).read_text(encoding="utf-8"))
    assert in_order(observed(records)) == in_order(effects)
    assert {r.agency: r.stated_totals for r in records if r.stated_totals} == totals
    assert quality.warnings == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_through_parse_notice(name: str) -> None:
    case = CASES[name]
    effects, totals, date = case.effects, case.totals, case.published_on
    parsed = parse_notice((GEN / name).read_text(encoding="utf-8"), source=name)
    assert parsed.notice.kind == "amendment"
    assert parsed.notice.published_on == date
    assert in_order(observed(parsed.records)) == in_order(effects)
    assert {r.agency: r.stated_totals for r in parsed.records if r.stated_totals} == totals
    for record in parsed.records:
        for e in record.effects:
            assert parsed.text[e.span[0] : e.span[1]] == e.text


def test_html_page_gives_the_same_effects_as_its_text() -> None:
    """The HTML version: navigation, 发布时间 line, <h1> title, date paragraph, footer furniture."""
    name = "central-2019-water-emergency-page-derived.txt"
    case = CASES[name]
    effects, totals, date = case.effects, case.totals, case.published_on
    parsed = parse_bytes((GEN / name.replace(".txt", ".html")).read_bytes(), source="page.html")
    assert parsed.notice.kind == "amendment"
    assert parsed.notice.published_on == date
    assert in_order(observed(parsed.records)) == in_order(effects)
    assert {r.agency: r.stated_totals for r in parsed.records if r.stated_totals} == totals
    # The footer (主办：… 版权所有) is not an item's clause, nor a sign of a page cut short.
    assert parsed.quality.warnings == []
    assert not parsed.quality.truncated


_CN = "一二三四五六七八九十"


# An item that only states totals (调整后… / 内设机构由14个减为13个) gives no effect.
_TOTALS_ITEM = r"(调整后|[^\n]{0,12}由[0-9一二三四五六七八九十]+个)?"


_TOP_LEVEL = tuple(
    marker + _TOTALS_ITEM
    for marker in (r"\n([一二三四五六七八九十])、", r"\n（([一二三四五六七八九十])）", r"\n([0-9])\.")
)


def _items_with_effects(text: str) -> set[int]:
    """Numbers of the top-level items (first numbering style at line starts) that are not totals."""
    for pattern in _TOP_LEVEL:
        found = re.findall(pattern, text)
        if found:
            return {_CN.index(n) + 1 if n in _CN else int(n) for n, totals in found if not totals}
    return set()


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_numbered_item_is_silently_dropped(name: str) -> None:
    """Every top-level item, save a totals line, gives at least one effect with its number."""
    text = (GEN / name).read_text(encoding="utf-8")
    records, _ = parse_amendment_body(text)
    items = _items_with_effects(text)
    ordinals = {e.ordinal for r in records for e in r.effects}
    assert items <= ordinals
    assert items or ordinals == {None}  # an unnumbered notice: effects without a number


def test_unknown_clause_in_an_item_becomes_other_with_a_warning() -> None:
    """A sentence no rule reads stays in its item as `other`; the item's other effects still come."""
    text = (GEN / "beihai-2019-transport-staff-derived.txt").read_text(encoding="utf-8")
    text = text.replace("三、北海省公安厅增设", "三、进一步理顺高速公路管理体制机制。北海省公安厅增设")
    records, quality = parse_amendment_body(text)
    item_three = [(r.agency, e.type) for r in records for e in r.effects if e.ordinal == 3]
    assert sorted(item_three) == sorted([(BH_P, "unit_added"), (BH_T, "other")])
    assert len(quality.warnings) == 1 and quality.warnings[0].startswith("item 3:")


_TEXTS = sorted(GEN.glob("*.txt"))


@settings(max_examples=80, deadline=None)
@given(
    which=st.integers(min_value=0, max_value=len(_TEXTS) - 1),
    cuts=st.lists(
        st.tuples(st.integers(min_value=0, max_value=2000), st.integers(min_value=1, max_value=12)),
        max_size=6,
    ),
    inserts=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=2000),
            st.sampled_from(
                list("，。；、“”（）一二十百调整后将划入更名为撤销不再加挂牌子代管名个的从由至合并\n")
            ),
        ),
        max_size=6,
    ),
)
def test_damaged_notices_never_raise(
    which: int, cuts: list[tuple[int, int]], inserts: list[tuple[int, str]]
) -> None:
    """Pages cut or garbled (十二二, a lost quote, a lost marker) still parse; spans stay in the text."""
    text = _TEXTS[which].read_text(encoding="utf-8")
    for at, size in cuts:
        at %= len(text)
        text = text[:at] + text[at + size :]
    for at, ch in inserts:
        at %= len(text) + 1
        text = text[:at] + ch + text[at:]
    records, _ = parse_amendment_body(text)
    for record in records:
        for e in record.effects:
            assert text[e.span[0] : e.span[1]] == e.text


def test_prose_about_the_genre_is_not_an_amendment() -> None:
    """A document that only talks about such notices (this folder's README) gives no records."""
    records, quality = parse_amendment_body((GEN / "README.md").read_text(encoding="utf-8"))
    assert records == []
    assert quality.warnings == ["amendment notice without any effect found"]


def test_document_trailer_after_the_last_item_is_not_a_clause() -> None:
    """（此件公开发布） and the 抄送 list end the body, with no signature between."""
    text = HEAD + "撤销东海部的远洋处。\n（此件公开发布）\n抄送：南山部，北山部。"
    records, quality = parse_amendment_body(text)
    assert observed(records) == [expect(DHB, 1, "unit_removed", "远洋处")]
    assert quality.warnings == []
