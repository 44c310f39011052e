"""Amendment notices parse to CONTRACT §2b: one record per affected agency, each clause's effects.

The fixtures are notices written for these tests in the genre (derived, not real documents); the
expected effects below were read off their text by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.amend.amend_factories import FIXTURES, Expected, expect, observed
from yange.parse import detect_kind, normalise, parse_notice
from yange.parse.amendment import amendment_date, main_agency, parse_amendment_body

FJ = "福建省对外贸易经济合作厅"
FJ_DRC = "福建省发展和改革委员会"
FJ_PORT = "福建省人民政府口岸与海防办公室"
DH_T = "东海省交通运输厅"
DH_E = "东海省应急管理厅"
DH_P = "东海省港航管理局"
MOF = "商务部"
MAA = "国家市场准入管理局"

EXPECTED: dict[str, list[Expected]] = {
    # Fujian seed agency: a unit renamed and its wording edited in one item, a unit merged into another,
    # a duty moving with its unit's staff to an agency never seen before, a unit added, totals.
    "fujian-2012-foreign-trade-amend-derived.txt": [
        expect(FJ, 1, "unit_renamed", "信息化处", old="信息化处", new="电子商务处"),
        expect(
            FJ,
            1,
            "duty_text_amended",
            "电子商务处",
            old="电子政务、电子商务的运用和推广工作",
            new="电子商务的推广应用和统计分析工作",
        ),
        expect(FJ, 2, "unit_removed", "机场办事处", new="大通关协调处"),
        expect(
            FJ,
            3,
            "duty_transferred_out",
            "负责全省国家级开发区和省级开发区的综合协调、指导和日常管理职责",
            to=FJ_DRC,
        ),
        expect(
            FJ,
            3,
            "staffing_transferred_out",
            "开发区管理处",
            to=FJ_DRC,
            counts={"行政编制": 5, "正处级领导职数": 1},
        ),
        expect(FJ, 4, "unit_added", "外资管理处", new="负责外商投资企业设立、变更的审核和外商投资统计工作"),
        expect(
            FJ_DRC,
            3,
            "duty_transferred_in",
            "负责全省国家级开发区和省级开发区的综合协调、指导和日常管理职责",
            to=FJ,
        ),
        expect(
            FJ_DRC,
            3,
            "staffing_transferred_in",
            "开发区管理处",
            to=FJ,
            counts={"行政编制": 5, "正处级领导职数": 1},
        ),
    ],
    # Fujian again, on the 2012 derived regulation: a duty leaving with two units' staff, a sign dropped,
    # two units removed in one clause; the receiver is new.
    "fujian-2013-foreign-trade-port-amend-derived.txt": [
        expect(
            FJ,
            1,
            "duty_transferred_out",
            "起草并组织实施口岸工作政策、规划和协调口岸查验机构的职责",
            to=FJ_PORT,
        ),
        expect(
            FJ,
            1,
            "staffing_transferred_out",
            "口岸管理处、大通关协调处",
            to=FJ_PORT,
            counts={"行政编制": 12, "正处级领导职数": 2},
        ),
        expect(FJ, 2, "alias_removed", "福建省人民政府口岸工作办公室"),
        expect(FJ, 3, "unit_removed", "口岸管理处"),
        expect(FJ, 3, "unit_removed", "大通关协调处"),
        expect(
            FJ_PORT,
            1,
            "duty_transferred_in",
            "起草并组织实施口岸工作政策、规划和协调口岸查验机构的职责",
            to=FJ,
        ),
        expect(
            FJ_PORT,
            1,
            "staffing_transferred_in",
            "口岸管理处、大通关协调处",
            to=FJ,
            counts={"行政编制": 12, "正处级领导职数": 2},
        ),
    ],
    # Two invented agencies that both have earlier versions, plus one new agency and one abolished body;
    # Chinese numerals, a staff follow-up clause (相应划转), and a wording edit that the base will lack.
    "donghai-2021-transport-emergency-amend-derived.txt": [
        expect(DH_T, 1, "duty_transferred_out", "道路运输安全生产综合监督管理职责", to=DH_E),
        expect(DH_T, 1, "staffing_transferred_out", None, to=DH_E, counts={"行政编制": 3}),
        expect(DH_T, 2, "duty_transferred_out", "港口行政管理职责", to=DH_P),
        expect(
            DH_T,
            2,
            "staffing_transferred_out",
            "港口管理处",
            to=DH_P,
            counts={"行政编制": 4, "正处级领导职数": 1},
        ),
        expect(DH_T, 3, "alias_removed", "东海省港口管理局"),
        expect(DH_T, 4, "supervision_transferred_out", "东海省公路学会", to=DH_E),
        expect(DH_T, 6, "duty_text_amended", "综合规划处", old="负责水运规划", new="负责内河水运规划"),
        expect(DH_E, 1, "duty_transferred_in", "道路运输安全生产综合监督管理职责", to=DH_T),
        expect(DH_E, 1, "staffing_transferred_in", None, to=DH_T, counts={"行政编制": 3}),
        expect(DH_E, 4, "supervision_transferred_in", "东海省公路学会", to=DH_T),
        expect(DH_E, 5, "unit_renamed", "救灾处", old="救灾处", new="救灾和物资保障处"),
        expect(
            DH_E,
            5,
            "duty_text_amended",
            "救灾和物资保障处",
            old="组织协调重大灾害救助工作",
            new="组织协调重大灾害救助和救灾物资储备工作",
        ),
        expect(DH_E, 7, "unit_removed", "防汛抗旱处"),
        expect(DH_E, 9, "alias_added", "东海省地震局"),
        expect(DH_E, 10, "other", "核增", counts={"行政编制": 2}),
        expect(DH_P, 2, "duty_transferred_in", "港口行政管理职责", to=DH_T),
        expect(
            DH_P,
            2,
            "staffing_transferred_in",
            "港口管理处",
            to=DH_T,
            counts={"行政编制": 4, "正处级领导职数": 1},
        ),
        expect("东海省安全生产委员会办公室", 8, "body_abolished", "东海省安全生产委员会办公室"),
    ],
    # Central style: the giver named without 的 before its unit (商务部反垄断局10名…), 你部, a body
    # abolished, a supervision move, totals in Chinese numerals.
    "central-2023-market-access-amend-derived.txt": [
        expect(MOF, 1, "duty_transferred_out", "经营者集中审查职责", to=MAA),
        expect(
            MOF,
            2,
            "staffing_transferred_out",
            "反垄断局",
            to=MAA,
            counts={"行政编制": 10, "司局级领导职数": 1},
        ),
        expect(MOF, 3, "unit_renamed", "反垄断局", old="反垄断局", new="公平贸易局"),
        expect(
            MOF,
            3,
            "duty_text_amended",
            "公平贸易局",
            old="承担经营者集中审查工作",
            new="配合开展公平贸易审查工作",
        ),
        expect(MOF, 4, "unit_added", "数字贸易司", new="负责拟订数字贸易发展规划和政策并组织实施"),
        expect(MOF, 6, "supervision_transferred_out", "中国国际经济贸易研究会", to=MAA),
        expect(MAA, 1, "duty_transferred_in", "经营者集中审查职责", to=MOF),
        expect(
            MAA,
            2,
            "staffing_transferred_in",
            "反垄断局",
            to=MOF,
            counts={"行政编制": 10, "司局级领导职数": 1},
        ),
        expect(MAA, 6, "supervision_transferred_in", "中国国际经济贸易研究会", to=MOF),
        expect("国务院经营者集中审查工作办公室", 5, "body_abolished", "国务院经营者集中审查工作办公室"),
    ],
    # MOFCOM seed units: a duty between two units of the seed, a duty handed to 事业单位 (no receiving
    # record), an outward name (对外称) dropped, a supervision move, a sign added with 在….
    "mofcom-2005-units-amend-derived.txt": [
        expect(
            "外贸发展中心",
            1,
            "duty_transferred_out",
            "中国贸易指南的日常运营并向企业提供信息资料的职能",
            to="中国国际电子商务中心",
        ),
        expect(
            "中国国际电子商务中心",
            1,
            "duty_transferred_in",
            "中国贸易指南的日常运营并向企业提供信息资料的职能",
            to="外贸发展中心",
        ),
        expect(
            "中国国际电子商务中心", 4, "supervision_transferred_in", "援外培训中心", to="国际经济合作事务局"
        ),
        expect(
            "外商投资促进中心", 2, "duty_transferred_out", "编印对外宣传材料的具体事务性工作", to="事业单位"
        ),
        expect("机关服务中心", 3, "alias_removed", "机关服务局"),
        expect(
            "国际经济合作事务局", 4, "supervision_transferred_out", "援外培训中心", to="中国国际电子商务中心"
        ),
        expect("配额许可证事务局", 5, "alias_added", "进出口许可证事务局"),
    ],
}

TOTALS: dict[str, dict[str, dict[str, int]]] = {
    "fujian-2012-foreign-trade-amend-derived.txt": {
        FJ: {"内设机构": 22, "机关行政编制": 166, "正处级领导职数": 25}
    },
    "fujian-2013-foreign-trade-port-amend-derived.txt": {
        FJ: {"内设机构": 14, "机关行政编制": 156, "正处级领导职数": 23}
    },
    # Two agencies' totals in one sentence, separated by ；.
    "donghai-2021-transport-emergency-amend-derived.txt": {
        DH_T: {"内设机构": 12, "机关行政编制": 85},
        DH_E: {"内设机构": 14, "机关行政编制": 98, "正处级领导职数": 16},
    },
    "central-2023-market-access-amend-derived.txt": {
        MOF: {"内设机构": 21, "机关行政编制": 504, "司局级领导职数": 79}
    },
    "mofcom-2005-units-amend-derived.txt": {},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_effects(name: str) -> None:
    records, quality = parse_amendment_body((FIXTURES / name).read_text(encoding="utf-8"))
    assert sorted(observed(records), key=repr) == sorted(EXPECTED[name], key=repr)
    assert quality.warnings == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stated_totals(name: str) -> None:
    records, _ = parse_amendment_body((FIXTURES / name).read_text(encoding="utf-8"))
    assert {r.agency: r.stated_totals for r in records if r.stated_totals} == TOTALS[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_effect_points_at_its_clause(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    records, _ = parse_amendment_body(text)
    for record in records:
        for e in record.effects:
            assert text[e.span[0] : e.span[1]] == e.text
            # The clause names what the effect is about, unless it refers back to it (其).
            assert (
                e.subject is None
                or "将其" in e.text
                or e.subject.replace("“", "")[:4]
                in text[e.span[0] : e.span[1]].replace("“", "").replace("”", "")
            )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_end_to_end_through_parse_notice(name: str) -> None:
    """The main parser detects the genre, normalises, and hands the text to the amendment parser."""
    parsed = parse_notice((FIXTURES / name).read_text(encoding="utf-8"), source=name)
    assert parsed.notice.kind == "amendment"
    assert parsed.notice.published_on is not None
    assert parsed.notice.published_on == amendment_date(parsed.text)
    assert sorted(observed(parsed.records), key=repr) == sorted(EXPECTED[name], key=repr)
    for record in parsed.records:
        for e in record.effects:
            assert parsed.text[e.span[0] : e.span[1]] == e.text


def test_one_record_per_agency_giver_first() -> None:
    records, _ = parse_amendment_body(
        (FIXTURES / "donghai-2021-transport-emergency-amend-derived.txt").read_text()
    )
    names = [r.agency for r in records]
    assert len(names) == len(set(names))
    assert names[0] == DH_T


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The date under the title wins over the page's 发布时间 line and over the signature.
        (
            "发布时间：2023年10月8日\n中央编办关于调整商务部职责机构编制的通知\n（2023年9月24日）\n正文\n2023年9月20日",
            dt.date(2023, 9, 24),
        ),
        # No bracketed date: the signature date at the end.
        ("关于调整某厅内设机构的通知\n某厅：\n一、……\n某委员会\n二〇一二年三月十六日", dt.date(2012, 3, 16)),
        # Only a page date: that is not the notice's date.
        ("发布日期：2020年1月2日\n关于调整某厅内设机构的通知", None),
        # ASCII brackets and Chinese numerals in the bracketed date.
        ("关于调整某局职责的通知\n(二〇二一年六月八日)\n", dt.date(2021, 6, 8)),
    ],
)
def test_amendment_date(text: str, expected: dt.date | None) -> None:
    assert amendment_date(text) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("中央编办关于调整商务部职责机构编制的通知\n", MOF),  # title names the agency
        ("关于调整东海省交通运输厅和东海省应急管理厅职责机构编制的通知", DH_T),  # two agencies: the first
        ("关于国家发展和改革委员会职责调整的通知", "国家发展和改革委员会"),  # 和 inside a name is no break
        (
            "关于调整有关事项的函\n东海省林业局：\n根据工作需要",
            "东海省林业局",
        ),  # no agency in the title: addressee
    ],
)
def test_main_agency(head: str, expected: str) -> None:
    assert main_agency(head) == expected


def test_self_reference_means_the_addressed_agency() -> None:
    text = "关于调整东海省林业局内设机构的通知\n东海省林业局：\n一、将你局的内设机构造林处更名为生态修复处。"
    records, _ = parse_amendment_body(text)
    assert observed(records) == [
        expect("东海省林业局", 1, "unit_renamed", "造林处", old="造林处", new="生态修复处")
    ]


def test_clause_not_understood_is_kept_as_other_and_warned() -> None:
    text = "关于调整东海省林业局职责的通知\n东海省林业局：\n一、进一步理顺森林防火工作机制。\n二、将你局的内设机构造林处更名为生态修复处。"
    records, quality = parse_amendment_body(text)
    kinds = [(e.ordinal, e.type) for e in records[0].effects]
    assert kinds == [(1, "other"), (2, "unit_renamed")]
    assert len(quality.warnings) == 1 and "item 1" in quality.warnings[0]


def test_numbering_gap_is_reported() -> None:
    text = "关于调整东海省林业局职责的通知\n东海省林业局：\n一、东海省林业局不再加挂“东海省森林公安局”牌子。\n三、撤销东海省林业局的造林处。"
    records, quality = parse_amendment_body(text)
    assert [e.ordinal for e in records[0].effects] == [1, 3]
    assert quality.missing_ordinals == {"adjustments": [2]}


def test_several_signs_in_one_clause() -> None:
    text = "关于调整东海省林业局职责的通知\n一、东海省林业局不再加挂“东海省森林公安局”、“东海省湿地保护中心”牌子。"
    records, _ = parse_amendment_body(text)
    assert [e.subject for e in records[0].effects] == ["东海省森林公安局", "东海省湿地保护中心"]


def test_detected_as_amendments() -> None:
    for name in EXPECTED:
        assert detect_kind(normalise((FIXTURES / name).read_text(encoding="utf-8"))) == "amendment", name
    fujian_sanding = (FIXTURES.parents[1] / "golden" / "fujian-2010-foreign-trade-sanding.txt").read_text(
        encoding="utf-8"
    )
    assert detect_kind(normalise(fujian_sanding)) == "sanding"


LIN = "东海省林业局"
RENAME_LIN = expect(LIN, 1, "unit_renamed", "造林处", old="造林处", new="生态修复处")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ASCII brackets, everything on one line.
        (
            "关于调整东海省林业局内设机构的通知 东海省林业局： 现就有关事项通知如下：(一)将你局的内设机构造林处更名为生态修复处。(二)撤销你局的防火处。特此通知。",
            [RENAME_LIN, expect(LIN, 2, "unit_removed", "防火处")],
        ),
        # 1. numbering; the issuer and date lines after the last item are a signature, not an effect.
        (
            "关于调整东海省林业局内设机构的通知\n东海省林业局：\n1.将你局的内设机构造林处更名为生态修复处。\n2.撤销你局的防火处。\n东海省机构编制委员会\n2020年1月1日",
            [RENAME_LIN, expect(LIN, 2, "unit_removed", "防火处")],
        ),
        # No numbering at all, 同意将…, signature run into the body by normalisation.
        (
            "关于调整东海省林业局内设机构的通知东海省林业局：经研究，同意将你局的内设机构造林处更名为生态修复处。东海省机构编制委员会2020年1月1日",
            [expect(LIN, None, "unit_renamed", "造林处", old="造林处", new="生态修复处")],
        ),
        # Staff named after the receiver in the same sentence (…，A行政编制3名随之划转), 划给.
        (
            "东海省机构编制委员会关于东海省林业局职责调整的通知\n东海省林业局、东海省自然资源厅：\n一、将东海省林业局的湿地保护管理职责划给东海省自然资源厅，东海省林业局行政编制3名随之划转。",
            [
                expect(LIN, 1, "duty_transferred_out", "湿地保护管理职责", to="东海省自然资源厅"),
                expect(
                    LIN, 1, "staffing_transferred_out", None, to="东海省自然资源厅", counts={"行政编制": 3}
                ),
                expect("东海省自然资源厅", 1, "duty_transferred_in", "湿地保护管理职责", to=LIN),
                expect(
                    "东海省自然资源厅", 1, "staffing_transferred_in", None, to=LIN, counts={"行政编制": 3}
                ),
            ],
        ),
    ],
)
def test_variants_of_the_genre(text: str, expected: list[Expected]) -> None:
    records, quality = parse_amendment_body(text)
    assert observed(records) == expected
    assert quality.warnings == []


ITEMS = [
    "将东海省林业局的湿地保护管理职责划入东海省自然资源厅。",
    "东海省林业局不再加挂“东海省森林公安局”牌子。",
    "将东海省林业局的内设机构造林处更名为生态修复处。",
    "撤销东海省林业局的防火处。",
    "将东海省林业局5名行政编制划入东海省自然资源厅。",
]


@settings(max_examples=40, deadline=None)
@given(
    order=st.permutations(range(len(ITEMS))),
    keep=st.lists(st.booleans(), min_size=len(ITEMS), max_size=len(ITEMS)),
)
def test_items_shuffled_or_dropped_never_crash_nor_duplicate(order: list[int], keep: list[bool]) -> None:
    """Whatever items a notice keeps, in whatever order, each gives its own effects exactly once."""
    chosen = [i for i in order if keep[i]]
    numerals = "一二三四五"
    body = "\n".join(f"{numerals[n]}、{ITEMS[i]}" for n, i in enumerate(chosen))
    records, _ = parse_amendment_body(f"关于调整东海省林业局职责的通知\n东海省林业局：\n{body}")
    effects = [(e.ordinal, e.text) for r in records for e in r.effects]
    assert sorted({ordinal for ordinal, _ in effects if ordinal}) == list(range(1, len(chosen) + 1))
    assert {text for _, text in effects} == {ITEMS[i].rstrip("。") for i in chosen}
    assert all(r.agency in {LIN, "东海省自然资源厅"} for r in records)
