"""The derived amendment notices of fixtures/generalise (README there): their agencies, what a reader
finds in each (CASES, keyword fields), and the constructed head that single clauses are tried under."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tests.amend.amend_factories import Expected, expect

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


@dataclass(frozen=True)
class Notice:
    """What a reader finds in one derived amendment notice."""

    effects: list[Expected]
    totals: dict[str, dict[str, int]]  # agency -> its stated totals
    published_on: dt.date


CASES: dict[str, Notice] = {
    # Web page: 发布时间/来源 line above the title, the document's date in brackets under it; two
    # addressees; totals of two agencies in one sentence.
    "central-2019-water-emergency-page-derived.txt": Notice(
        effects=WATER,
        totals={
            MWR: {"内设机构": 18, "机关行政编制": 454, "司局级领导职数": 73},
            MEM: {"内设机构": 21, "机关行政编制": 532, "司局级领导职数": 89},
        },
        published_on=dt.date(2019, 3, 18),
    ),
    # （一） numbering, 你委, 相应划转 staff in Chinese numerals, rename + wording edit in one item,
    # a supervision move, a sign added, totals with 一百二十一.
    "central-2021-ndrc-agriculture-derived.txt": Notice(
        effects=[
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
        totals={NDRC: {"机关行政编制": 906, "司局级领导职数": 121}},
        published_on=dt.date(2021, 6, 30),
    ),
    # Provincial 关于调整…内设机构的通知 addressed to 省民政厅/你厅: only merges and renames.
    "nanjiang-2022-civil-affairs-units-derived.txt": Notice(
        effects=[
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
        totals={NJ: {"内设机构": 12, "正处级领导职数": 12, "处级领导职数": 36}},
        published_on=dt.date(2022, 8, 12),
    ),
    # 1. numbering; a sign dropped and one added on two agencies; 不再保留…及其办公室; 交由B承担 with
    # staff following (随之划转); totals with 处级领导职数 for both.
    "donghai-2020-ecology-forestry-signs-derived.txt": Notice(
        effects=[
            expect(DH_ECO, 1, "alias_removed", "东海省核与辐射安全监督局"),
            expect(DH_FOR, 2, "alias_added", "东海省自然保护地管理局"),
            expect("东海省环境保护委员会", 3, "body_abolished", "东海省环境保护委员会"),
            *both_ends(DH_ECO, DH_FOR, 4, "supervision_transferred", "东海省环境科学学会"),
            *both_ends(DH_ECO, DH_FOR, 5, "duty_transferred", "自然保护地监督管理职责"),
            *both_ends(DH_ECO, DH_FOR, 5, "staffing_transferred", None, {"行政编制": 4}),
        ],
        totals={
            DH_ECO: {"机关行政编制": 102, "处级领导职数": 41},
            DH_FOR: {"机关行政编制": 68, "处级领导职数": 27},
        },
        published_on=dt.date(2020, 5, 20),
    ),
    # 一、职责调整 / 二、机构调整 / 三、编制调整 headings over （一）（二） sub-items: effects carry the
    # top-level number; the third item has no sub-items and its totals follow in the same line.
    "central-2020-culture-tourism-nested-derived.txt": Notice(
        effects=[
            *both_ends(MCT, NPPA, 1, "duty_transferred", "动漫游戏产业规划职责"),
            expect(MCT, 1, "duty_transferred_out", "对外文化交流具体事务性工作", to="所属事业单位"),
            expect(MCT, 2, "unit_removed", "科技教育司", new="政策法规司"),
            expect(MCT, 2, "unit_added", "数字文化司", new="负责推进文化和旅游领域数字化建设"),
            *both_ends(
                MCT, NPPA, 3, "staffing_transferred", "科技教育司", {"行政编制": 15, "司局级领导职数": 2}
            ),
        ],
        totals={MCT: {"内设机构": 14, "机关行政编制": 480, "司局级领导职数": 62}},
        published_on=dt.date(2020, 7, 9),
    ),
    # A city-level 批复: two units removed (joined by 和) and one added in one item, two renames in one
    # item, 科级领导职数.
    "xichuan-2024-market-units-reply-derived.txt": Notice(
        effects=[
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
        totals={XC: {"内设机构": 15, "机关行政编制": 90, "科级领导职数": 26}},
        published_on=dt.date(2024, 1, 15),
    ),
    # Central, both agencies in the title (国家林业和草原局 has 和 inside), staff in Chinese numerals
    # before the category (十二名行政编制、两名司局级领导职数), signs without quotes.
    "central-2023-natural-resources-forestry-derived.txt": Notice(
        effects=[
            *both_ends(MNR, NFGA, 1, "duty_transferred", "海洋生态保护修复职责"),
            *both_ends(
                MNR, NFGA, 1, "staffing_transferred", "海洋生态修复司", {"行政编制": 12, "司局级领导职数": 2}
            ),
            expect(NFGA, 2, "alias_removed", "国家公园管理局"),
            expect(MNR, 3, "alias_added", "国家海洋局"),
        ],
        totals={
            MNR: {"机关行政编制": 615, "司局级领导职数": 103},
            NFGA: {"机关行政编制": 309, "司局级领导职数": 55},
        },
        published_on=dt.date(2023, 9, 24),
    ),
    # Two sentences per item (a duty, then its staff; a supervision move, then a unit removed), a unit
    # added to the receiver whose name ends in 总队.
    "beihai-2019-transport-staff-derived.txt": Notice(
        effects=[
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
        totals={
            BH_T: {"内设机构": 13, "机关行政编制": 105, "正处级领导职数": 13},
            BH_P: {"机关行政编制": 1230},
        },
        published_on=dt.date(2019, 11, 5),
    ),
    # 撤销X处、Y处，组建Z处 (a merge under a new name), （一） numbering, totals after the last item
    # without a number, 厅级领导职数1正4副, a parenthetical sub-count.
    "nanshan-2019-justice-units-derived.txt": Notice(
        effects=[
            expect(NS_J, 1, "unit_added", "律师公证工作处"),
            expect(NS_J, 1, "unit_removed", "律师工作处", new="律师公证工作处"),
            expect(NS_J, 1, "unit_removed", "公证工作处", new="律师公证工作处"),
            expect(NS_J, 2, "unit_renamed", "法治宣传处", old="法治宣传处", new="普法与依法治理处"),
            expect(NS_J, 3, "unit_added", "行政复议与应诉处"),
        ],
        totals={
            NS_J: {
                "内设机构": 14,
                "机关行政编制": 105,
                "正厅级领导职数": 1,
                "副厅级领导职数": 4,
                "正处级领导职数": 18,
            }
        },
        published_on=dt.date(2019, 3, 1),
    ),
    # A page: breadcrumb, 发布日期 with a dashed date, print/close links; agencies written 省X (the place
    # name left out); staff as "A相应划转行政编制2名至B"; a sign dropped.
    "nanshan-2021-health-page-derived.txt": Notice(
        effects=[
            *both_ends(NS_H, NS_M, 1, "duty_transferred", "药品和医用耗材招标采购职责"),
            *both_ends(NS_H, NS_M, 2, "staffing_transferred", None, {"行政编制": 2}),
            expect(NS_H, 3, "alias_removed", "南山省老龄工作委员会办公室"),
        ],
        totals={},
        published_on=dt.date(2021, 4, 28),
    ),
    # The issuer on its own line above 关于…有关职责调整的通知; a unit added with its rank; a total
    # with a parenthetical; only a date as signature.
    "central-2018-statistics-derived.txt": Notice(
        effects=[
            *both_ends("国家统计局", NDRC, 1, "duty_transferred", "经济普查数据管理职责"),
            expect("国家统计局", 2, "unit_added", "普查中心"),
        ],
        totals={"国家统计局": {"内设机构": 15, "机关行政编制": 310, "司局级领导职数": 54}},
        published_on=dt.date(2018, 12, 3),
    ),
    # City level: headings 一、职能调整 / 二、机构和编制调整 over 1. 2. sub-items; transfers both ways;
    # a unit removed whose duties go to the other agency (其职责并入市城市管理局).
    "beijiang-2022-city-nested-derived.txt": Notice(
        effects=[
            *both_ends(BJ_H, BJ_C, 1, "duty_transferred", "城市供水、燃气行业管理职责"),
            *both_ends(BJ_C, BJ_H, 1, "duty_transferred", "建筑垃圾处置核准职责"),
            expect(BJ_H, 2, "unit_removed", "公用事业科"),
            *both_ends(BJ_H, BJ_C, 2, "duty_transferred", "公用事业科职责"),
            *both_ends(BJ_H, BJ_C, 2, "staffing_transferred", None, {"行政编制": 5}),
        ],
        totals={},
        published_on=dt.date(2022, 6, 6),
    ),
    # A government page's metadata block (成文日期 is the document's date, 发布日期 the page's); a duty
    # handed to 所属事业单位; a unit added; a no-change clause (所需编制…调剂解决) kept as `other`.
    "central-2023-ecology-gov-page-derived.txt": Notice(
        effects=[
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
        totals={"生态环境部": {"内设机构": 22, "机关行政编制": 478, "司局级领导职数": 91}},
        published_on=dt.date(2023, 9, 24),
    ),
    # A 批复 whose title says 关于同意调整…: a merge (合并设立), a rename, a unit folded into another.
    "donghai-2020-agriculture-reply-derived.txt": Notice(
        effects=[
            expect(DH_AG, 1, "unit_added", "种植业和农药管理处"),
            expect(DH_AG, 1, "unit_removed", "种植业管理处", new="种植业和农药管理处"),
            expect(DH_AG, 1, "unit_removed", "农药管理处", new="种植业和农药管理处"),
            expect(DH_AG, 2, "unit_renamed", "科技教育处", old="科技教育处", new="科技教育与人才处"),
            expect(DH_AG, 3, "unit_removed", "农产品加工处", new="乡村产业发展处"),
        ],
        totals={DH_AG: {"内设机构": 20, "正处级领导职数": 20, "副处级领导职数": 28}},
        published_on=dt.date(2020, 11, 30),
    ),
    # All items on one line, each opening with a heading (一、职责调整。…); 省X short names.
    "donghai-2019-water-inline-derived.txt": Notice(
        effects=[
            *both_ends(DH_W, DH_EM, 1, "duty_transferred", "水旱灾害防治职责"),
            *both_ends(DH_W, DH_EM, 2, "staffing_transferred", None, {"行政编制": 8}),
        ],
        totals={DH_W: {"机关行政编制": 95}},
        published_on=dt.date(2019, 2, 14),
    ),
    # A page: breadcrumb and 相关文章/上一篇/下一篇 lines naming other notices; the title broken after
    # 关于调整; a receiver with 和 nowhere but 国家国际发展合作署.
    "central-2023-mofcom-broken-title-page-derived.txt": Notice(
        effects=both_ends(MOF, "国家国际发展合作署", 1, "duty_transferred", "对外援助具体执行职责"),
        totals={MOF: {"机关行政编制": 500}},
        published_on=dt.date(2023, 9, 24),
    ),
    # 你厅 throughout: 你厅承担的…，交由…承担; a unit renamed then given a sign (对外加挂) in one sentence;
    # a unit removed with its leader post; 内设机构由14个减为13个 as the stated total.
    "donghai-2022-commerce-you-derived.txt": Notice(
        effects=[
            *both_ends(DH_COM, "东海省投资促进中心", 1, "duty_transferred", "招商引资具体服务工作"),
            expect(DH_COM, 2, "unit_renamed", "外资管理处", old="外资管理处", new="外商投资管理处"),
            expect(DH_COM, 2, "alias_added", "东海省外商投诉中心"),
            expect(DH_COM, 3, "unit_removed", "口岸处"),
            expect(DH_COM, 3, "other", "减少", counts={"正处级领导职数": 1}),
        ],
        totals={DH_COM: {"内设机构": 13}},
        published_on=dt.date(2022, 3, 8),
    ),
    # A circular to 国务院有关部委 (no main agency): transfers between several pairs, a restatement
    # (不再由A承担) and a no-change line (内设机构数不变) kept as `other` on the agency they name.
    "central-2019-several-ministries-derived.txt": Notice(
        effects=[
            *both_ends("公安部", SAMR, 1, "duty_transferred", "消防产品质量监督管理职责"),
            *both_ends("交通运输部", "中国船级社", 2, "duty_transferred", "船舶检验职责"),
            expect("交通运输部", 2, "other"),
            *both_ends("国家卫生健康委员会", MEM, 3, "duty_transferred", "职业安全健康监督管理职责"),
            *both_ends("国家卫生健康委员会", MEM, 3, "staffing_transferred", None, {"行政编制": 5}),
            expect(MEM, 4, "other"),
        ],
        totals={},
        published_on=dt.date(2019, 1, 10),
    ),
    # An unnumbered 批复: the acknowledgement (…请示收悉。) is not a clause; two 同意 clauses in one
    # sentence, one with 你局将….
    "donghai-2021-forestry-unnumbered-reply-derived.txt": Notice(
        effects=[
            expect(DH_FOR, None, "unit_renamed", "造林处", old="造林处", new="生态修复处"),
            expect(DH_FOR, None, "unit_added", "自然保护地处"),
        ],
        totals={},
        published_on=dt.date(2021, 3, 2),
    ),
}


def in_order(effects: list[Expected]) -> list[Expected]:
    return sorted(effects, key=repr)


# Single clauses in shapes other issuers use, each under the same constructed head (东海部/南山部/北山部
# are invented). Expected effects read off the clause.
HEAD = "中央编办关于调整东海部职责机构编制的通知\n东海部、南山部：\n经研究，现就有关事项通知如下：\n一、"
DHB, NSB, BSB = "东海部", "南山部", "北山部"
DUTY = "海洋渔业管理职责"
