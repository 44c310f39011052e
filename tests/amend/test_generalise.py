"""Amendment notices beyond the first fixtures: other issuers, numbering, numerals and page shapes.

The notices in fixtures/generalise/ were written for these tests in the genre (derived, not real
documents; see its README). Every expected effect below was read off the notice text by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.records import AgencyRecord
from tests.amend.amend_factories import Expected, duty, expect, observed, staff, unit
from yange.amend import derive_version
from yange.parse import parse_bytes, parse_notice
from yange.parse.amendment import parse_amendment_body

GEN = Path(__file__).parent / "fixtures" / "generalise"

BH_T, BH_P = "北海省交通运输厅", "北海省公安厅"
MWR, MEM = "水利部", "应急管理部"
MCT, NPPA = "文化和旅游部", "国家新闻出版署"
NDRC, MARA, SAMR = "国家发展和改革委员会", "农业农村部", "国家市场监督管理总局"
MNR, NFGA = "自然资源部", "国家林业和草原局"
DH_ECO, DH_FOR = "东海省生态环境厅", "东海省林业局"
NJ = "南江省民政厅"
XC = "西川市市场监督管理局"
NS_J, NS_H, NS_M = "南山省司法厅", "南山省卫生健康委员会", "南山省医疗保障局"
BJ_H, BJ_C = "北江市住房和城乡建设局", "北江市城市管理局"
MOF, DH_COM = "商务部", "东海省商务厅"
DH_AG, DH_W, DH_EM = "东海省农业农村厅", "东海省水利厅", "东海省应急管理厅"


def both_ends(
    giver: str,
    receiver: str,
    ordinal: int,
    kind: str,
    subject: str | None,
    counts: dict[str, int] | None = None,
) -> list[Expected]:
    """A transfer read from one clause: the giver's `_out` effect and the receiver's `_in` effect."""
    return [
        expect(giver, ordinal, f"{kind}_out", subject, to=receiver, counts=counts),
        expect(receiver, ordinal, f"{kind}_in", subject, to=giver, counts=counts),
    ]


WATER = [
    # 一、…职责及其内设的防汛抗旱司12名行政编制、2名司局级领导职数划入…: a duty and its unit's staff.
    *both_ends(MWR, MEM, 1, "duty_transferred", "水旱灾害防治指导职责"),
    *both_ends(MWR, MEM, 1, "staffing_transferred", "防汛抗旱司", {"行政编制": 12, "司局级领导职数": 2}),
    # 二、staff alone, in Chinese numerals, with a purpose clause after the receiver.
    *both_ends(MWR, MEM, 2, "staffing_transferred", None, {"行政编制": 8}),
    # 三、a rename without 将.
    expect(MWR, 3, "unit_renamed", "水旱灾害防御司", old="水旱灾害防御司", new="水旱灾害防御协调司"),
    # 四、不再保留X及其办公室: the body itself is the record.
    expect("国家抗旱指挥部", 4, "body_abolished", "国家抗旱指挥部"),
]

# name -> (expected effects, stated totals, date)
CASES: dict[str, tuple[list[Expected], dict[str, dict[str, int]], dt.date]] = {
    # Web page: 发布时间/来源 line above the title, the document's date in brackets under it; two
    # addressees; totals of two agencies in one sentence.
    "central-2019-water-emergency-page-derived.txt": (
        WATER,
        {
            MWR: {"内设机构": 18, "机关行政编制": 454, "司局级领导职数": 73},
            MEM: {"内设机构": 21, "机关行政编制": 532, "司局级领导职数": 89},
        },
        dt.date(2019, 3, 18),
    ),
    # （一） numbering, 你委, 相应划转 staff in Chinese numerals, rename + wording edit in one item,
    # a supervision move, a sign added, totals with 一百二十一.
    "central-2021-ndrc-agriculture-derived.txt": (
        [
            *both_ends(NDRC, MARA, 1, "duty_transferred", "农业投资项目管理职责"),
            *both_ends(NDRC, MARA, 1, "staffing_transferred", None, {"行政编制": 3}),
            expect(NDRC, 2, "unit_renamed", "农村经济司", old="农村经济司", new="乡村振兴司"),
            expect(
                NDRC,
                2,
                "duty_text_amended",
                "乡村振兴司",
                old="承担农业投资项目管理工作",
                new="配合开展乡村振兴相关规划衔接工作",
            ),
            *both_ends(NDRC, SAMR, 3, "supervision_transferred", "中国价格协会"),
            expect(NDRC, 4, "alias_added", "国家粮食安全协调办公室"),
        ],
        {NDRC: {"机关行政编制": 906, "司局级领导职数": 121}},
        dt.date(2021, 6, 30),
    ),
    # Provincial 关于调整…内设机构的通知 addressed to 省民政厅/你厅: only merges and renames.
    "nanjiang-2022-civil-affairs-units-derived.txt": (
        [
            expect(NJ, 1, "unit_added", "社会事务和区划地名处"),
            expect(NJ, 1, "unit_removed", "社会事务处", new="社会事务和区划地名处"),
            expect(NJ, 1, "unit_removed", "区划地名处", new="社会事务和区划地名处"),
            expect(NJ, 2, "unit_renamed", "福利慈善处", old="福利慈善处", new="慈善事业促进处"),
            expect(
                NJ,
                2,
                "duty_text_amended",
                "慈善事业促进处",
                old="指导福利彩票发行管理工作",
                new="指导慈善事业促进和福利彩票管理工作",
            ),
            expect(NJ, 3, "unit_renamed", "救灾处", old="救灾处", new="社会救助处"),
        ],
        {NJ: {"内设机构": 12, "正处级领导职数": 12, "处级领导职数": 36}},
        dt.date(2022, 8, 12),
    ),
    # 1. numbering; a sign dropped and one added on two agencies; 不再保留…及其办公室; 交由B承担 with
    # staff following (随之划转); totals with 处级领导职数 for both.
    "donghai-2020-ecology-forestry-signs-derived.txt": (
        [
            expect(DH_ECO, 1, "alias_removed", "东海省核与辐射安全监督局"),
            expect(DH_FOR, 2, "alias_added", "东海省自然保护地管理局"),
            expect("东海省环境保护委员会", 3, "body_abolished", "东海省环境保护委员会"),
            *both_ends(DH_ECO, DH_FOR, 4, "supervision_transferred", "东海省环境科学学会"),
            *both_ends(DH_ECO, DH_FOR, 5, "duty_transferred", "自然保护地监督管理职责"),
            *both_ends(DH_ECO, DH_FOR, 5, "staffing_transferred", None, {"行政编制": 4}),
        ],
        {
            DH_ECO: {"机关行政编制": 102, "处级领导职数": 41},
            DH_FOR: {"机关行政编制": 68, "处级领导职数": 27},
        },
        dt.date(2020, 5, 20),
    ),
    # 一、职责调整 / 二、机构调整 / 三、编制调整 headings over （一）（二） sub-items: effects carry the
    # top-level number; the third item has no sub-items and its totals follow in the same line.
    "central-2020-culture-tourism-nested-derived.txt": (
        [
            *both_ends(MCT, NPPA, 1, "duty_transferred", "动漫游戏产业规划职责"),
            expect(MCT, 1, "duty_transferred_out", "对外文化交流具体事务性工作", to="所属事业单位"),
            expect(MCT, 2, "unit_removed", "科技教育司", new="政策法规司"),
            expect(MCT, 2, "unit_added", "数字文化司", new="负责推进文化和旅游领域数字化建设"),
            *both_ends(
                MCT, NPPA, 3, "staffing_transferred", "科技教育司", {"行政编制": 15, "司局级领导职数": 2}
            ),
        ],
        {MCT: {"内设机构": 14, "机关行政编制": 480, "司局级领导职数": 62}},
        dt.date(2020, 7, 9),
    ),
    # A city-level 批复: two units removed (joined by 和) and one added in one item, two renames in one
    # item, 科级领导职数.
    "xichuan-2024-market-units-reply-derived.txt": (
        [
            expect(XC, 1, "unit_removed", "广告监督管理科"),
            expect(XC, 1, "unit_removed", "网络交易监督管理科"),
            expect(XC, 1, "unit_added", "网络市场监管科"),
            expect(
                XC,
                2,
                "unit_renamed",
                "价格监督检查科",
                old="价格监督检查科",
                new="价格监督检查和反不正当竞争科",
            ),
            expect(XC, 2, "unit_renamed", "消费者权益保护科", old="消费者权益保护科", new="消费环境建设科"),
        ],
        {XC: {"内设机构": 15, "机关行政编制": 90, "科级领导职数": 26}},
        dt.date(2024, 1, 15),
    ),
    # Central, both agencies in the title (国家林业和草原局 has 和 inside), staff in Chinese numerals
    # before the category (十二名行政编制、两名司局级领导职数), signs without quotes.
    "central-2023-natural-resources-forestry-derived.txt": (
        [
            *both_ends(MNR, NFGA, 1, "duty_transferred", "海洋生态保护修复职责"),
            *both_ends(
                MNR, NFGA, 1, "staffing_transferred", "海洋生态修复司", {"行政编制": 12, "司局级领导职数": 2}
            ),
            expect(NFGA, 2, "alias_removed", "国家公园管理局"),
            expect(MNR, 3, "alias_added", "国家海洋局"),
        ],
        {
            MNR: {"机关行政编制": 615, "司局级领导职数": 103},
            NFGA: {"机关行政编制": 309, "司局级领导职数": 55},
        },
        dt.date(2023, 9, 24),
    ),
    # Two sentences per item (a duty, then its staff; a supervision move, then a unit removed), a unit
    # added to the receiver whose name ends in 总队.
    "beihai-2019-transport-staff-derived.txt": (
        [
            *both_ends(BH_T, BH_P, 1, "duty_transferred", "高速公路路政管理职责"),
            *both_ends(BH_T, BH_P, 1, "staffing_transferred", None, {"行政编制": 25}),
            *both_ends(BH_T, BH_P, 2, "supervision_transferred", "北海省公路学会"),
            expect(BH_T, 2, "unit_removed", "路政管理处"),
            expect(
                BH_P,
                3,
                "unit_added",
                "高速公路交通警察总队",
                new="负责全省高速公路交通安全管理和路政执法工作",
            ),
        ],
        {
            BH_T: {"内设机构": 13, "机关行政编制": 105, "正处级领导职数": 13},
            BH_P: {"机关行政编制": 1230},
        },
        dt.date(2019, 11, 5),
    ),
    # 撤销X处、Y处，组建Z处 (a merge under a new name), （一） numbering, totals after the last item
    # without a number, 厅级领导职数1正4副, a parenthetical sub-count.
    "nanshan-2019-justice-units-derived.txt": (
        [
            expect(NS_J, 1, "unit_added", "律师公证工作处"),
            expect(NS_J, 1, "unit_removed", "律师工作处", new="律师公证工作处"),
            expect(NS_J, 1, "unit_removed", "公证工作处", new="律师公证工作处"),
            expect(NS_J, 2, "unit_renamed", "法治宣传处", old="法治宣传处", new="普法与依法治理处"),
            expect(NS_J, 3, "unit_added", "行政复议与应诉处"),
        ],
        {
            NS_J: {
                "内设机构": 14,
                "机关行政编制": 105,
                "正厅级领导职数": 1,
                "副厅级领导职数": 4,
                "正处级领导职数": 18,
            }
        },
        dt.date(2019, 3, 1),
    ),
    # A page: breadcrumb, 发布日期 with a dashed date, print/close links; agencies written 省X (the place
    # name left out); staff as "A相应划转行政编制2名至B"; a sign dropped.
    "nanshan-2021-health-page-derived.txt": (
        [
            *both_ends(NS_H, NS_M, 1, "duty_transferred", "药品和医用耗材招标采购职责"),
            *both_ends(NS_H, NS_M, 2, "staffing_transferred", None, {"行政编制": 2}),
            expect(NS_H, 3, "alias_removed", "南山省老龄工作委员会办公室"),
        ],
        {},
        dt.date(2021, 4, 28),
    ),
    # The issuer on its own line above 关于…有关职责调整的通知; a unit added with its rank; a total
    # with a parenthetical; only a date as signature.
    "central-2018-statistics-derived.txt": (
        [
            *both_ends("国家统计局", NDRC, 1, "duty_transferred", "经济普查数据管理职责"),
            expect("国家统计局", 2, "unit_added", "普查中心"),
        ],
        {"国家统计局": {"内设机构": 15, "机关行政编制": 310, "司局级领导职数": 54}},
        dt.date(2018, 12, 3),
    ),
    # City level: headings 一、职能调整 / 二、机构和编制调整 over 1. 2. sub-items; transfers both ways;
    # a unit removed whose duties go to the other agency (其职责并入市城市管理局).
    "beijiang-2022-city-nested-derived.txt": (
        [
            *both_ends(BJ_H, BJ_C, 1, "duty_transferred", "城市供水、燃气行业管理职责"),
            *both_ends(BJ_C, BJ_H, 1, "duty_transferred", "建筑垃圾处置核准职责"),
            expect(BJ_H, 2, "unit_removed", "公用事业科"),
            *both_ends(BJ_H, BJ_C, 2, "duty_transferred", "公用事业科职责"),
            *both_ends(BJ_H, BJ_C, 2, "staffing_transferred", None, {"行政编制": 5}),
        ],
        {},
        dt.date(2022, 6, 6),
    ),
    # A government page's metadata block (成文日期 is the document's date, 发布日期 the page's); a duty
    # handed to 所属事业单位; a unit added; a no-change clause (所需编制…调剂解决) kept as `other`.
    "central-2023-ecology-gov-page-derived.txt": (
        [
            expect(
                "生态环境部",
                1,
                "duty_transferred_out",
                "应对气候变化国际谈判具体事务性工作",
                to="所属事业单位",
            ),
            expect("生态环境部", 2, "unit_added", "海洋生态环境司", new="负责全国海洋生态环境监管工作"),
            expect("生态环境部", 2, "other"),
        ],
        {"生态环境部": {"内设机构": 22, "机关行政编制": 478, "司局级领导职数": 91}},
        dt.date(2023, 9, 24),
    ),
    # A 批复 whose title says 关于同意调整…: a merge (合并设立), a rename, a unit folded into another.
    "donghai-2020-agriculture-reply-derived.txt": (
        [
            expect(DH_AG, 1, "unit_added", "种植业和农药管理处"),
            expect(DH_AG, 1, "unit_removed", "种植业管理处", new="种植业和农药管理处"),
            expect(DH_AG, 1, "unit_removed", "农药管理处", new="种植业和农药管理处"),
            expect(DH_AG, 2, "unit_renamed", "科技教育处", old="科技教育处", new="科技教育与人才处"),
            expect(DH_AG, 3, "unit_removed", "农产品加工处", new="乡村产业发展处"),
        ],
        {DH_AG: {"内设机构": 20, "正处级领导职数": 20, "副处级领导职数": 28}},
        dt.date(2020, 11, 30),
    ),
    # All items on one line, each opening with a heading (一、职责调整。…); 省X short names.
    "donghai-2019-water-inline-derived.txt": (
        [
            *both_ends(DH_W, DH_EM, 1, "duty_transferred", "水旱灾害防治职责"),
            *both_ends(DH_W, DH_EM, 2, "staffing_transferred", None, {"行政编制": 8}),
        ],
        {DH_W: {"机关行政编制": 95}},
        dt.date(2019, 2, 14),
    ),
    # A page: breadcrumb and 相关文章/上一篇/下一篇 lines naming other notices; the title broken after
    # 关于调整; a receiver with 和 nowhere but 国家国际发展合作署.
    "central-2023-mofcom-broken-title-page-derived.txt": (
        both_ends(MOF, "国家国际发展合作署", 1, "duty_transferred", "对外援助具体执行职责"),
        {MOF: {"机关行政编制": 500}},
        dt.date(2023, 9, 24),
    ),
    # 你厅 throughout: 你厅承担的…，交由…承担; a unit renamed then given a sign (对外加挂) in one sentence;
    # a unit removed with its leader post; 内设机构由14个减为13个 as the stated total.
    "donghai-2022-commerce-you-derived.txt": (
        [
            *both_ends(DH_COM, "东海省投资促进中心", 1, "duty_transferred", "招商引资具体服务工作"),
            expect(DH_COM, 2, "unit_renamed", "外资管理处", old="外资管理处", new="外商投资管理处"),
            expect(DH_COM, 2, "alias_added", "东海省外商投诉中心"),
            expect(DH_COM, 3, "unit_removed", "口岸处"),
            expect(DH_COM, 3, "other", "减少", counts={"正处级领导职数": 1}),
        ],
        {DH_COM: {"内设机构": 13}},
        dt.date(2022, 3, 8),
    ),
    # A circular to 国务院有关部委 (no main agency): transfers between several pairs, a restatement
    # (不再由A承担) and a no-change line (内设机构数不变) kept as `other` on the agency they name.
    "central-2019-several-ministries-derived.txt": (
        [
            *both_ends("公安部", SAMR, 1, "duty_transferred", "消防产品质量监督管理职责"),
            *both_ends("交通运输部", "中国船级社", 2, "duty_transferred", "船舶检验职责"),
            expect("交通运输部", 2, "other"),
            *both_ends("国家卫生健康委员会", MEM, 3, "duty_transferred", "职业安全健康监督管理职责"),
            *both_ends("国家卫生健康委员会", MEM, 3, "staffing_transferred", None, {"行政编制": 5}),
            expect(MEM, 4, "other"),
        ],
        {},
        dt.date(2019, 1, 10),
    ),
    # An unnumbered 批复: the acknowledgement (…请示收悉。) is not a clause; two 同意 clauses in one
    # sentence, one with 你局将….
    "donghai-2021-forestry-unnumbered-reply-derived.txt": (
        [
            expect(DH_FOR, None, "unit_renamed", "造林处", old="造林处", new="生态修复处"),
            expect(DH_FOR, None, "unit_added", "自然保护地处"),
        ],
        {},
        dt.date(2021, 3, 2),
    ),
}


def _sorted(effects: list[Expected]) -> list[Expected]:
    return sorted(effects, key=repr)


@pytest.mark.parametrize("name", sorted(CASES))
def test_effects_and_totals(name: str) -> None:
    effects, totals, _ = CASES[name]
    records, quality = parse_amendment_body((GEN / name).read_text(encoding="utf-8"))
    assert _sorted(observed(records)) == _sorted(effects)
    assert {r.agency: r.stated_totals for r in records if r.stated_totals} == totals
    assert quality.warnings == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_through_parse_notice(name: str) -> None:
    effects, totals, date = CASES[name]
    parsed = parse_notice((GEN / name).read_text(encoding="utf-8"), source=name)
    assert parsed.notice.kind == "amendment"
    assert parsed.notice.published_on == date
    assert _sorted(observed(parsed.records)) == _sorted(effects)
    assert {r.agency: r.stated_totals for r in parsed.records if r.stated_totals} == totals
    for record in parsed.records:
        for e in record.effects:
            assert parsed.text[e.span[0] : e.span[1]] == e.text


def test_html_page_gives_the_same_effects_as_its_text() -> None:
    """The HTML version: navigation, 发布时间 line, <h1> title, date paragraph, footer furniture."""
    name = "central-2019-water-emergency-page-derived.txt"
    effects, totals, date = CASES[name]
    parsed = parse_bytes((GEN / name.replace(".txt", ".html")).read_bytes(), source="page.html")
    assert parsed.notice.kind == "amendment"
    assert parsed.notice.published_on == date
    assert _sorted(observed(parsed.records)) == _sorted(effects)
    assert {r.agency: r.stated_totals for r in parsed.records if r.stated_totals} == totals
    # The footer (主办：… 版权所有) is not an item's clause, nor a sign of a page cut short.
    assert parsed.quality.warnings == []
    assert not parsed.quality.truncated


def test_merge_adds_the_new_unit_before_removing_the_merged_ones() -> None:
    """Order matters when applied: the merged units' duties need the new unit to go to."""
    records, _ = parse_amendment_body(
        (GEN / "nanjiang-2022-civil-affairs-units-derived.txt").read_text(encoding="utf-8")
    )
    item_one = [(e.type, e.subject) for e in records[0].effects if e.ordinal == 1]
    assert item_one == [
        ("unit_added", "社会事务和区划地名处"),
        ("unit_removed", "社会事务处"),
        ("unit_removed", "区划地名处"),
    ]


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


# Single clauses in shapes other issuers use, each under the same constructed head (东海部/南山部/北山部
# are invented). Expected effects read off the clause.
HEAD = "中央编办关于调整东海部职责机构编制的通知\n东海部、南山部：\n经研究，现就有关事项通知如下：\n一、"
DHB, NSB, BSB = "东海部", "南山部", "北山部"
DUTY = "海洋渔业管理职责"


@pytest.mark.parametrize(
    ("clause", "effects", "totals"),
    [
        # No 将: the giver named before 的.
        ("东海部的海洋渔业管理职责划入南山部。", both_ends(DHB, NSB, 1, "duty_transferred", DUTY), {}),
        # A comma before the verb.
        (
            "将东海部承担的海洋渔业管理职责，划入南山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY),
            {},
        ),
        # Two duties named in full: two transfers.
        (
            "将东海部的海洋渔业管理职责和远洋渔业监管职责划入南山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, NSB, 1, "duty_transferred", "远洋渔业监管职责"),
            {},
        ),
        # 分别: the duties pair with the receivers in order.
        (
            "将东海部的海洋渔业管理、远洋渔业监管职责分别划入南山部和北山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, BSB, 1, "duty_transferred", "远洋渔业监管职责"),
            {},
        ),
        # A duty leaving with no receiver named.
        ("将东海部的海洋渔业管理职责划出。", [expect(DHB, 1, "duty_transferred_out", DUTY)], {}),
        ("东海部不再承担海洋渔业管理职责。", [expect(DHB, 1, "duty_transferred_out", DUTY)], {}),
        # The giver first (从A划出…，划入B).
        (
            "从东海部划出行政编制5名，划入南山部。",
            both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 5}),
            {},
        ),
        # 交由B承担 without 将, then the staff of a unit 一并划转 in the same sentence.
        (
            "东海部的远洋渔业监管职责交由南山部承担，东海部远洋处的行政编制6名、处级领导职数2名一并划转。",
            both_ends(DHB, NSB, 1, "duty_transferred", "远洋渔业监管职责")
            + both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 6, "处级领导职数": 2}),
            {},
        ),
        # A body moved under another agency with 划归…管理.
        (
            "将东海部所属的东海渔业研究所划归南山部管理。",
            both_ends(DHB, NSB, 1, "supervision_transferred", "东海渔业研究所"),
            {},
        ),
        # Merged with a comma: 合并，组建.
        (
            "将东海部的渔业司与远洋处合并，组建渔业渔政司。",
            [
                expect(DHB, 1, "unit_added", "渔业渔政司"),
                expect(DHB, 1, "unit_removed", "渔业司", new="渔业渔政司"),
                expect(DHB, 1, "unit_removed", "远洋处", new="渔业渔政司"),
            ],
            {},
        ),
        # A unit folded into another.
        ("将东海部的远洋处并入渔业司。", [expect(DHB, 1, "unit_removed", "远洋处", new="渔业司")], {}),
        # Totals without 调整后: the figure restated as changed; and 上述调整后; and 设N个内设机构.
        (
            "东海部内设机构由12个调整为13个，机关行政编制由120名调整为115名。",
            [],
            {DHB: {"内设机构": 13, "机关行政编制": 115}},
        ),
        (
            "上述调整后，东海部内设机构十个，机关行政编制一百名，司局级领导职数二十名。",
            [],
            {DHB: {"内设机构": 10, "机关行政编制": 100, "司局级领导职数": 20}},
        ),
        (
            "调整后，东海部设12个内设机构，机关行政编制为118名。",
            [],
            {DHB: {"内设机构": 12, "机关行政编制": 118}},
        ),
        ("核定东海部机关行政编制100名。", [], {DHB: {"机关行政编制": 100}}),
        (
            "东海部机关行政编制增加至120名，司局级领导职数增加到25名。",
            [],
            {DHB: {"机关行政编制": 120, "司局级领导职数": 25}},
        ),
        # …but staff moved with 调整到 is a transfer, not a total.
        (
            "将东海部行政编制5名调整到南山部。",
            both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 5}),
            {},
        ),
        # Quoted unit names; a new name that repeats the agency's.
        (
            "将“渔业处”更名为“渔业渔政处”。",
            [expect(DHB, 1, "unit_renamed", "渔业处", old="渔业处", new="渔业渔政处")],
            {},
        ),
        (
            "将东海部机关服务中心更名为东海部机关事务服务中心。",
            [expect(DHB, 1, "unit_renamed", "机关服务中心", old="机关服务中心", new="机关事务服务中心")],
            {},
        ),
        # Wording added (no old text) and deleted (empty new text).
        (
            "在东海部渔业司职责中增加“负责远洋渔业国际合作”。",
            [expect(DHB, 1, "duty_text_amended", "渔业司", new="负责远洋渔业国际合作")],
            {},
        ),
        (
            "删去东海部渔业司职责中的“负责渔船检验”。",
            [expect(DHB, 1, "duty_text_amended", "渔业司", old="负责渔船检验", new="")],
            {},
        ),
        # A body abolished and where its duties go (to an agency, or to a unit of one).
        (
            "不再保留东海渔业委员会，其职责划入南山部。",
            [expect("东海渔业委员会", 1, "body_abolished", "东海渔业委员会")]
            + both_ends("东海渔业委员会", NSB, 1, "duty_transferred", "东海渔业委员会职责"),
            {},
        ),
        (
            "不再保留东海渔业委员会办公室，具体工作由东海部渔业司承担。",
            [expect("东海渔业委员会办公室", 1, "body_abolished", "东海渔业委员会办公室")]
            + both_ends("东海渔业委员会办公室", DHB, 1, "duty_transferred", "东海渔业委员会办公室职责"),
            {},
        ),
        # A bracketed aside that makes its own change.
        (
            "将东海部的海洋渔业管理职责划入南山部（南山部加挂“南山渔政局”牌子）。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY) + [expect(NSB, 1, "alias_added", "南山渔政局")],
            {},
        ),
        # A duty to a unit of another agency: the agency receives it; the unit that held it is dropped.
        (
            "将东海部渔业司的海洋渔业管理职责划入南山部渔政司。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY),
            {},
        ),
        # 下放 to lower governments as a class: the duty leaves, no record for the receivers.
        (
            "将东海部的海洋渔业管理职责下放至沿海各市。",
            [expect(DHB, 1, "duty_transferred_out", DUTY, to="沿海各市")],
            {},
        ),
        # A sub-unit removed by its full name; a follow-up that changes nothing named (相应调整…).
        ("撤销东海部渔业司远洋处。", [expect(DHB, 1, "unit_removed", "渔业司远洋处")], {}),
        (
            "将东海部的海洋渔业管理职责划入南山部，相应调整南山部有关内设机构职责。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY) + [expect(NSB, 1, "other")],
            {},
        ),
        # Arrangements that change nothing themselves: kept as other, no warning.
        (
            "将东海部的海洋渔业管理职责划入南山部。具体划转编制数另行核定。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY) + [expect(DHB, 1, "other")],
            {},
        ),
        ("本通知自印发之日起执行。", [expect(DHB, 1, "other")], {}),
        # A unit folded into a unit whose name starts like a place (城市…科): still a unit.
        (
            "撤销你部的公用事业科，其职责并入城市管理科。",
            [expect(DHB, 1, "unit_removed", "公用事业科", new="城市管理科")],
            {},
        ),
        # A unit removed, its duties and staff going to another agency.
        (
            "撤销东海部渔业司，其职责和行政编制8名划入南山部。",
            [expect(DHB, 1, "unit_removed", "渔业司")]
            + both_ends(DHB, NSB, 1, "duty_transferred", "渔业司职责")
            + both_ends(DHB, NSB, 1, "staffing_transferred", "渔业司", {"行政编制": 8}),
            {},
        ),
        # 由B承担 as the transfer verb; supervision taken on with no giver; 设置 a unit.
        ("东海部的海洋渔业管理职责由南山部承担。", both_ends(DHB, NSB, 1, "duty_transferred", DUTY), {}),
        ("南山部代管东海渔业研究所。", [expect(NSB, 1, "supervision_transferred_in", "东海渔业研究所")], {}),
        (
            "东海部设置远洋渔业司，负责远洋渔业管理。",
            [expect(DHB, 1, "unit_added", "远洋渔业司", new="负责远洋渔业管理")],
            {},
        ),
        # Two transfers in one sentence, each way.
        (
            "将东海部的海洋渔业管理职责划入南山部，南山部的内河渔业管理职责划入东海部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(NSB, DHB, 1, "duty_transferred", "内河渔业管理职责"),
            {},
        ),
        # 撤销…，设立…: a unit removed and another added, neither lost.
        (
            "撤销东海部渔业处，设立远洋渔业处。",
            [expect(DHB, 1, "unit_removed", "渔业处"), expect(DHB, 1, "unit_added", "远洋渔业处")],
            {},
        ),
        # The staff of a transfer written as 相应核减 / 相应核增 on each side.
        (
            "将东海部的海洋渔业管理职责划入南山部。东海部相应核减行政编制5名，南山部相应核增行政编制5名。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 5}),
            {},
        ),
        # A whole unit moving to another agency: removed from one, added to the other.
        (
            "将东海部的远洋处整体划入南山部。",
            [
                expect(DHB, 1, "unit_removed", "远洋处", to=NSB),
                expect(NSB, 1, "unit_added", "远洋处", to=DHB),
            ],
            {},
        ),
        (
            "将东海部内设的远洋处及其职责、编制整体划入南山部。",
            [
                expect(DHB, 1, "unit_removed", "远洋处", to=NSB),
                expect(NSB, 1, "unit_added", "远洋处", to=DHB),
            ],
            {},
        ),
        # 事业编制 of an institution the giver runs.
        (
            "将东海部所属东海渔业信息中心事业编制20名划入南山部。",
            both_ends(DHB, NSB, 1, "staffing_transferred", "东海渔业信息中心", {"事业编制": 20}),
            {},
        ),
        # Two duties with "，以及".
        (
            "将东海部的海洋渔业管理职责，以及远洋渔业监管职责划入南山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, NSB, 1, "duty_transferred", "远洋渔业监管职责"),
            {},
        ),
        # Staff changed inside one agency, verb after the category: kept as other with the counts.
        (
            "东海部机关行政编制增加5名，用于加强远洋渔业监管。",
            [expect(DHB, 1, "other", "增加", counts={"机关行政编制": 5})],
            {},
        ),
    ],
)
def test_clause_shapes(clause: str, effects: list[Expected], totals: dict[str, dict[str, int]]) -> None:
    records, quality = parse_amendment_body(HEAD + clause)
    assert _sorted(observed(records)) == _sorted(effects)
    assert {r.agency: r.stated_totals for r in records if r.stated_totals} == totals
    assert quality.warnings == []


def test_merge_rename_and_wording_apply_to_a_base() -> None:
    """The provincial units notice applied to an invented base version of 南江省民政厅."""
    base = AgencyRecord(
        agency=NJ,
        duties=[duty(1, "拟订全省民政事业发展规划。")],
        units=[
            unit(1, "社会事务处", "负责婚姻登记管理工作。"),
            unit(2, "区划地名处", "负责行政区划和地名管理工作。"),
            unit(3, "福利慈善处", "指导福利彩票发行管理工作，推动慈善事业发展。"),
            unit(4, "救灾处", "组织救灾工作。"),
        ],
        declared_unit_count=13,
        staffing=[staff("正处级领导职数", 12)],
    )
    records, _ = parse_amendment_body(
        (GEN / "nanjiang-2022-civil-affairs-units-derived.txt").read_text(encoding="utf-8")
    )
    derived = derive_version(base, records[0], agency=NJ)
    units = {u.name: u.duties for u in derived.record.units}
    assert units == {
        "慈善事业促进处": "指导慈善事业促进和福利彩票管理工作，推动慈善事业发展。",
        "社会救助处": "组织救灾工作。",
        "社会事务和区划地名处": "负责婚姻登记管理工作；负责行政区划和地名管理工作。",
    }
    assert derived.unapplied == []
    assert derived.record.declared_unit_count == 12  # 13 + 1 added - 2 merged away, as stated


def test_duty_leaving_without_receiver_applies_to_the_giver_only() -> None:
    records, _ = parse_amendment_body(HEAD + "将东海部的海洋渔业管理职责划出。")
    base = AgencyRecord(agency=DHB, duties=[duty(1, "负责海洋渔业管理工作。"), duty(2, "负责远洋渔业监管。")])
    derived = derive_version(base, records[0], agency=DHB)
    assert [d.text for d in derived.record.duties] == ["负责远洋渔业监管。"]
    assert derived.unapplied == []


@pytest.mark.parametrize(
    ("clause", "agency", "unit"),
    [
        ("东海部渔业司加挂远洋渔业办公室牌子。", DHB, "渔业司"),  # the agency named before its unit
        ("在渔业司加挂远洋渔业办公室牌子。", DHB, "渔业司"),  # the unit alone: the notice's agency
        ("东海部的渔业司加挂远洋渔业办公室牌子。", DHB, "渔业司"),
        ("东海部加挂远洋渔业办公室牌子。", DHB, None),  # the agency itself
    ],
)
def test_sign_on_a_unit_names_the_unit(clause: str, agency: str, unit: str | None) -> None:
    records, quality = parse_amendment_body(HEAD + clause)
    assert [(r.agency, e.type, e.subject, e.unit) for r in records for e in r.effects] == [
        (agency, "alias_added", "远洋渔业办公室", unit)
    ]
    assert quality.warnings == []


def test_unit_sign_and_added_wording_apply_to_the_unit() -> None:
    base = AgencyRecord(
        agency=DHB, units=[unit(1, "渔业司", "负责渔业管理。"), unit(2, "远洋处", "负责远洋渔业。")]
    )
    text = HEAD + "东海部渔业司加挂远洋渔业办公室牌子。\n二、在东海部渔业司职责中增加“负责远洋渔业国际合作”。"
    records, _ = parse_amendment_body(text)
    derived = derive_version(base, records[0], agency=DHB)
    fishery = derived.record.units[0]
    assert (fishery.alias, fishery.duties) == ("远洋渔业办公室", "负责渔业管理；负责远洋渔业国际合作。")
    assert derived.record.aliases == []
    assert derived.unapplied == []


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


def test_sign_after_a_rename_goes_on_the_renamed_unit() -> None:
    records, _ = parse_amendment_body(
        (GEN / "donghai-2022-commerce-you-derived.txt").read_text(encoding="utf-8")
    )
    signs = [(e.subject, e.unit) for r in records for e in r.effects if e.type == "alias_added"]
    assert signs == [("东海省外商投诉中心", "外商投资管理处")]


def test_prose_about_the_genre_is_not_an_amendment() -> None:
    """A document that only talks about such notices (this folder's README) gives no records."""
    records, quality = parse_amendment_body((GEN / "README.md").read_text(encoding="utf-8"))
    assert records == []
    assert quality.warnings == ["amendment notice without any effect found"]


def test_a_unit_moved_whole_brings_its_duties_to_the_receiver() -> None:
    records, _ = parse_amendment_body(HEAD + "将东海部的远洋处整体划入南山部。")
    by_agency = {r.agency: r for r in records}
    giver = AgencyRecord(
        agency=DHB, units=[unit(1, "渔业司", "负责渔业管理。"), unit(2, "远洋处", "负责远洋渔业。")]
    )
    receiver = AgencyRecord(agency=NSB, units=[unit(1, "综合处", "负责文电。")])
    left = derive_version(giver, by_agency[DHB], agency=DHB)
    joined = derive_version(receiver, by_agency[NSB], agency=NSB, counterparts={DHB: giver})
    assert [u.name for u in left.record.units] == ["渔业司"]
    assert [(u.name, u.duties) for u in joined.record.units] == [
        ("综合处", "负责文电。"),
        ("远洋处", "负责远洋渔业。"),
    ]
    assert left.unapplied == joined.unapplied == []


def test_document_trailer_after_the_last_item_is_not_a_clause() -> None:
    """（此件公开发布） and the 抄送 list end the body, with no signature between."""
    text = HEAD + "撤销东海部的远洋处。\n（此件公开发布）\n抄送：南山部，北山部。"
    records, quality = parse_amendment_body(text)
    assert observed(records) == [expect(DHB, 1, "unit_removed", "远洋处")]
    assert quality.warnings == []


def test_respective_lists_that_do_not_pair_are_kept_for_review() -> None:
    """Three duties 分别 to two agencies: no guess, one `other` effect and a warning."""
    records, quality = parse_amendment_body(
        HEAD + "将东海部的海洋渔业管理、远洋渔业监管和渔船检验职责分别划入南山部和北山部。"
    )
    assert [(r.agency, e.type) for r in records for e in r.effects] == [(DHB, "other")]
    assert len(quality.warnings) == 1 and "分别" in quality.warnings[0]


def test_a_removed_units_duties_arrive_at_the_other_agency() -> None:
    """撤销A的X科，其职责并入B: X goes from A, and B takes X's duties in A's wording."""
    text = (GEN / "beijiang-2022-city-nested-derived.txt").read_text(encoding="utf-8")
    records = {r.agency: r for r in parse_amendment_body(text)[0]}
    housing = AgencyRecord(
        agency=BJ_H,
        duties=[duty(1, "负责城市供水、燃气行业管理。"), duty(2, "负责房地产市场监管。")],
        units=[
            unit(1, "公用事业科", "负责城市供水、燃气、供热行业的日常监管。"),
            unit(2, "房地产科", "负责房地产市场监管。"),
        ],
        staffing=[staff("行政编制", 40)],
    )
    city = AgencyRecord(
        agency=BJ_C, duties=[duty(1, "负责建筑垃圾处置核准。")], staffing=[staff("行政编制", 60)]
    )
    left = derive_version(housing, records[BJ_H], agency=BJ_H, counterparts={BJ_C: city})
    joined = derive_version(city, records[BJ_C], agency=BJ_C, counterparts={BJ_H: housing})
    assert [u.name for u in left.record.units] == ["房地产科"]
    assert "负责城市供水、燃气、供热行业的日常监管。" in [d.text for d in joined.record.duties]
    assert left.unapplied == joined.unapplied == []
