"""Real notices from city, county, provincial and central sites (tests/fixtures/real, sources in
sources.jsonl there), each asserted as a careful reader sees it: the agency, the genre, how many duties
and which units, the staffing quotas, the kinds of adjustment or effect; or, for the look-alikes, that
it is rejected and why. Most excerpts are cut by their sites, so they are also reported truncated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from yange.errors import NoticeRejected
from yange.parse import parse_bytes

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


@dataclass(frozen=True)
class Real:
    """What a reader sees in one file; a `rejected` case names the words its reason must contain."""

    file: str
    kind: str = "sanding"
    agency: str = "未识别机构"
    aliases: tuple[str, ...] = ()
    rank: str | None = None
    duties: int = 0
    units: tuple[str, ...] = ()
    declared_units: int | None = None
    adjustments: tuple[str, ...] = ()
    staffing: dict[str, int] = field(default_factory=dict)  # every row here, maybe more
    included: dict[str, str] = field(default_factory=dict)  # category -> the row it is counted in
    effects: dict[str, tuple[str, ...]] = field(default_factory=dict)  # agency -> effect types
    totals: dict[str, int] = field(default_factory=dict)
    truncated: bool = True
    rejected: str | None = None
    warning: str | None = None  # a quality warning the report must hold


SANDING = [
    # one line, no line breaks; an unnumbered 职责调整 run of three 划归 clauses
    Real(
        file="101_changchun-2009-shizhengfu-bangongting-sanding.txt",
        agency="长春市人民政府办公厅",
        duties=6,
        adjustments=("transferred_out",) * 3,
    ),
    # page 3 of a paginated entry: units (十二)-(十五) without their heading, 离退休干部科 glued to its
    # duties, two staffing pools in one sentence
    Real(
        file="103_city-zhengfu-bangongshi-p3-neishe-bianzhi-63-jinrongban.txt",
        agency="市政府办公室",
        units=("人事科", "秘书科", "机要通信科", "车队", "离退休干部科"),
        staffing={"机关行政编制": 63, "离退休干部工作人员编制": 6, "金融办人员编制": 3, "正科级领导职数": 19},
        included={"离退休干部工作人员编制": "机关行政编制"},
    ),
    # 1998 round, page 4: units (九)(十) and 机关党委, ending with the cut heading 四、人员编制和; the
    # excerpt never names its agency (a provincial 民政厅 by its 厅机关 and 全省民政系统, the province unknown)
    Real(
        file="105_province-minzhengting-1998round-p4-neishe.txt",
        units=("计划财务处", "人事教育处", "机关党委"),
        warning="agency not named in the text; it speaks of itself only as 厅机关",
    ),
    # 2018-on article form under an information-disclosure block; agency in full from the heading line
    Real(
        file="107_jieyang-jiedong-2019-gongxin-keji-ju-articles.txt",
        agency="揭阳市揭东区工业信息化和科技局",
        aliases=("区商务局",),
        rank="正科级",
        duties=5,
    ),
    Real(
        file="109_fujian-2009-shengzhengfu-bangongting-sanding.txt",
        agency="福建省人民政府办公厅",
        aliases=("福建省海防委员会办公室", "福建省突发公共事件应急委员会办公室"),
        rank="正厅级",
        duties=6,
        adjustments=("strengthened",) * 3,
    ),
    # traditional characters, headings without ordinals; the office is named only in its duty (二)
    # 起草或审核以市政府、市政府办公室名义发布的公文 (the city, 鄂州, only in the page's address)
    Real(
        file="111_ezhou-shizhengfu-bangongshi-sanding-trad-noheadnum.txt",
        agency="市政府办公室",
        duties=11,
        adjustments=("strengthened", "strengthened", "strengthened", "transferred_out", "strengthened"),
    ),
    # starts mid-duties (七); 15 处室 declared, two shown; 均为正科级 is the units' rank, not the agency's
    Real(
        file="113_city-zhengfu-bangongshi-p1-zhize-neishe-15chushi-zhengkeji.txt",
        agency="市政府办公室",
        duties=12,
        units=("秘书处", "行政处"),
        declared_units=15,
    ),
    # traditional, county-level 股 units opened by 市衛健局設下列內設機構: (no heading, no article number)
    Real(
        file="115_countylevelcity-weijianju-neishe-gu-trad.txt",
        agency="市卫健局",
        units=(
            "办公室",
            "人事股",
            "规划发展与信息化股",
            "财务股审计股",
            "行政审批法规股",
            "体制改革股",
            "疾病预防控制股",
        ),
    ),
    # the same document as 101 from an encyclopedia mirror, in traditional characters
    Real(
        file="123_changchun-2009-bangongting-trad-baike-variant.txt",
        agency="长春市人民政府办公厅",
        duties=8,
        adjustments=("transferred_out",) * 3,
    ),
    # only the establishing sentence and the staffing paragraph survive
    Real(
        file="125_mlr-2008-guotu-ziyuanbu-sanding-opening-plus-bianzhi-snippet.txt",
        agency="国土资源部",
        staffing={
            "机关行政编制": 366,
            "离退休干部工作人员编制": 43,
            "部长": 1,
            "副部长": 4,
            "司局级领导职数": 57,
        },
        included={"两委人员编制": "机关行政编制", "总规划师": "司局级领导职数"},
        truncated=False,
    ),
    # a 调整方案（摘要） restating a vertically managed bureau's structure
    Real(
        file="127_zhongwei-qixiang-xitong-jigou-bianzhi-tiaozheng-fangan-zhaiyao.txt",
        agency="中卫市气象局",
        rank="正处级",
        staffing={"局长": 1, "副局长": 1, "市局机关内设机构科级领导职数": 6},
    ),
    # traditional with OCR slips (台 for 含); two units named on lines of their own, one with a stray space
    Real(
        file="131_zhejiang-2000-canshishi-wenshiguan-sanding-trad-ocr-typos.txt",
        agency="浙江省人民政府参事室",
        rank="正厅级",
        duties=9,
        units=("秘书一处", "秘书二处"),
        declared_units=2,
        staffing={"机关编制": 7, "后勤服务人员编制": 1, "省文史研究馆事业编制": 9},
        included={"后勤服务人员编制": "机关编制"},
    ),
    # an encyclopedia item: only 职能调整, glued to the wrapper's colon; 划给 out, 划入 the agency in
    Real(
        file="141_jinzhai-county-weishengju-zhize-tiaozheng-baike.txt",
        agency="金寨县卫生局",
        adjustments=("cancelled", "transferred_out", "transferred_in", *("strengthened",) * 6),
    ),
    # a domain registry's fields; the establishing sentence and ten duties on one line
    Real(
        file="143_hunan-2014-shengzhengfu-bangongting-zhize-conac-registry-chrome.txt",
        agency="湖南省人民政府办公厅",
        duties=10,
    ),
]

AMENDMENTS = [
    # a change of status (other) and 核减 (other, with its count); the total after it
    Real(
        file="117_hunan-2019-xinfangju-jigou-bianzhi-tiaozheng-amendment.txt",
        kind="amendment",
        agency="湖南省信访局",
        effects={"湖南省信访局": ("other", "other")},
        totals={"机关行政编制": 78},
        truncated=False,
    ),
    # an interpretation of three agencies' 三定 clauses: each item kept for review, nothing transferred
    Real(
        file="133_scopsr-2009-dongman-wangyou-sanding-tiaowen-jieshi-amendment.txt",
        kind="amendment",
        agency="文化部",
        effects={"文化部": ("other",), "广电总局": ("other",), "新闻出版总署": ("other",)},
    ),
    # a reply establishing a unit under its parent, its staff transferred from a state farm
    Real(
        file="145_changshu-kunchenghu-yanghusuo-sheli-pifu-anonymized-amendment.txt",
        kind="amendment",
        agency="常熟市昆承湖景区管理处",
        effects={
            "常熟市昆承湖景区管理处": ("unit_added", "staffing_transferred_in", "other", "other"),
            "国营常熟市水产养殖场": ("staffing_transferred_out",),
        },
    ),
]

LOOKALIKES = [
    Real(file="119_hezuo-bianban-2013-qingshi-guifan-negative.txt", rejected="procedural notice"),
    Real(file="121_xian-2015-sanding-news-negative.txt", rejected="news item"),
    Real(file="129_most-2025-neishe-shuzi-mingming-news-negative-trad.txt", rejected="news item"),
    Real(file="135_kaifaqu-qu-zhineng-tiaozheng-news-negative.txt", rejected="news item"),
    Real(
        file="137_zaozhuang-2014-weijiwei-zujian-news-negative-amendment-lookalike.txt", rejected="news item"
    ),
    Real(
        file="139_state-council-2000-quangang-qu-sheli-pifu-negative.txt", rejected="administrative division"
    ),
]


def _parse(case: Real):  # noqa: ANN202 - a ParsedNotice
    return parse_bytes((REAL / case.file).read_bytes(), source=case.file)


@pytest.mark.parametrize("case", SANDING, ids=lambda c: c.file[:3])
def test_regulation_as_a_reader_sees_it(case: Real) -> None:
    parsed = _parse(case)
    assert parsed.notice.kind == case.kind
    (record,) = parsed.records
    assert (record.agency, tuple(record.aliases), record.rank) == (case.agency, case.aliases, case.rank)
    assert len(record.duties) == case.duties
    assert tuple(u.name for u in record.units) == case.units
    assert record.declared_unit_count == case.declared_units
    assert tuple(a.kind for a in record.adjustments) == case.adjustments
    rows = {s.category: s.count for s in record.staffing}
    assert {k: rows.get(k) for k in case.staffing} == case.staffing
    inside = {s.category: s.included_in for s in record.staffing}
    assert {k: inside.get(k) for k in case.included} == case.included
    assert parsed.quality.truncated is case.truncated
    named = [w for w in parsed.quality.warnings if w.startswith("agency not named")]
    assert named == ([case.warning] if case.warning else [])


@pytest.mark.parametrize("case", AMENDMENTS, ids=lambda c: c.file[:3])
def test_amendment_as_a_reader_sees_it(case: Real) -> None:
    parsed = _parse(case)
    assert parsed.notice.kind == "amendment"
    assert parsed.records[0].agency == case.agency
    assert {r.agency: tuple(e.type for e in r.effects) for r in parsed.records} == case.effects
    assert parsed.records[0].stated_totals == case.totals
    assert parsed.quality.truncated is case.truncated


@pytest.mark.parametrize("case", LOOKALIKES, ids=lambda c: c.file[:3])
def test_lookalike_is_rejected_with_its_reason(case: Real) -> None:
    with pytest.raises(NoticeRejected) as caught:
        _parse(case)
    assert caught.value.reason_code == "not_a_notice"
    assert case.rejected is not None and case.rejected in caught.value.detail


def test_every_real_file_is_asserted_and_has_its_source() -> None:
    sources = {json.loads(line)["file"]: json.loads(line) for line in (REAL / "sources.jsonl").open()}
    files = {p.name for p in REAL.glob("*.txt")}
    assert files == {c.file for c in (*SANDING, *AMENDMENTS, *LOOKALIKES)}
    assert files <= set(sources)
    assert all(s["source"] and s["level"] for s in sources.values())
