"""Genres at every level, on notices derived for the genre (tests/parse/fixtures/genres, README there):
the 1994 and 1998 forms, the 2018-on article form with transfers declared in articles, one unit's
functions, compound adjustment items, site chrome around a regulation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from yange.parse import parse_notice

GENRES = Path(__file__).resolve().parent / "fixtures" / "genres"


@dataclass(frozen=True)
class Genre:
    file: str
    kind: str = "sanding"
    agency: str = ""
    aliases: tuple[str, ...] = ()
    rank: str | None = None
    doc_number: str | None = None
    published_on: dt.date | None = None
    duties: int = 0
    units: tuple[str, ...] = ()
    adjustments: tuple[tuple[str, str | None], ...] = ()  # (kind, counterpart)
    staffing: dict[str, int] = field(default_factory=dict)  # exactly these rows


CASES = [
    # 一、… duties under X职责, the outward name in ASCII brackets on the next line
    Genre(
        file="mofcom-service-centre-one-unit-derived.txt",
        kind="functions",
        agency="商务部机关服务中心",
        aliases=("商务部机关服务局",),
        duties=4,
    ),
    # the 1994 form under a gov.cn table: 职能转变 with 转变/划出/划入 groups, Chinese-numeral staffing
    Genre(
        file="central-1994-forestry-gov-page-derived.txt",
        agency="林业部",
        doc_number="国办发〔1994〕68号",
        published_on=dt.date(1994, 5, 20),
        duties=4,
        units=("办公厅", "政策法规司"),
        adjustments=(
            ("other", None),
            ("transferred_out", "中国林产工业公司"),
            ("transferred_in", "国家计委"),
        ),
        staffing={"机关行政编制": 420, "部长": 1, "副部长": 4, "司局级领导职数": 44},
    ),
    # the 1998 central form: seven duties, not the seven plus the 职能调整 sub-items
    Genre(
        file="central-1998-forestry-derived.txt",
        agency="国家林业局",
        doc_number="国办发〔1998〕90号",
        published_on=dt.date(1998, 6, 22),
        duties=7,
        units=("办公室", "政策法规司"),
        adjustments=(
            ("transferred_out", "国家轻工业局"),
            ("transferred_in", "国家计划委员会"),
            ("handed_to_institution", None),
        ),
        staffing={"机关行政编制": 400, "局长": 1, "副局长": 4, "司局级领导职数": 40},
    ),
    # 第二条 X（以下简称Y）是县政府工作部门; 第三条 a transfer of its own; 股级职数; 实有15人 is no quota
    Genre(
        file="county-2019-health-article-transfer-derived.txt",
        agency="县卫生健康局",
        rank="正科级",
        duties=3,
        units=("办公室", "医政医管股"),
        adjustments=(("transferred_in", "县发展和改革局"),),
        staffing={"机关行政编制": 12, "局长": 1, "副局长": 3, "股级领导职数": 4},
    ),
    # the transfer declared before the duty list of the same article
    Genre(
        file="county-2019-market-duties-lead-transfer-derived.txt",
        agency="县市场监督管理局",
        rank="正科级",
        duties=2,
        units=("办公室", "登记注册股"),
        adjustments=(("transferred_in", "县卫生健康局"),),
        staffing={"机关行政编制": 15, "股级领导职数": 3},
    ),
    # compound items: the first cue decides (下放 before 交由事业单位); 交由 a named institution
    Genre(
        file="donghai-forestry-compound-items-derived.txt",
        agency="东海省林业厅",
        duties=1,
        units=("办公室", "造林处"),
        adjustments=(
            ("delegated_out", "设区的市林业主管部门"),
            ("handed_to_institution", "省林业调查规划院"),
            ("transferred_out", "省自然资源厅"),
        ),
        staffing={"机关行政编制": 28},
    ),
    # breadcrumb, masked disclosure fields, a table of contents, footer: none of it is read
    Genre(
        file="donghai-city-forestry-chrome-derived.txt",
        agency="东海市林业局",
        rank="正处级",
        duties=2,
        units=("办公室", "造林绿化科", "资源管理科"),
        adjustments=(("cancelled", None), ("transferred_out", "市文化和旅游局")),
        staffing={"机关行政编制": 18, "局长": 1, "副局长": 3, "科级领导职数": 5},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix("-derived.txt"))
def test_genre(case: Genre) -> None:
    parsed = parse_notice((GENRES / case.file).read_text(encoding="utf-8"), source=case.file)
    notice = parsed.notice
    assert (notice.kind, notice.doc_number, notice.published_on) == (
        case.kind,
        case.doc_number,
        case.published_on,
    )
    (record,) = parsed.records
    assert (record.agency, tuple(record.aliases), record.rank) == (case.agency, case.aliases, case.rank)
    assert len(record.duties) == case.duties
    assert tuple(u.name for u in record.units) == case.units
    assert tuple((a.kind, a.counterpart) for a in record.adjustments) == case.adjustments
    assert {s.category: s.count for s in record.staffing} == case.staffing


def test_chrome_page_is_read_without_warnings() -> None:
    """The chrome page parses to the records of its regulation alone, and reports no truncation."""
    parsed = parse_notice((GENRES / "donghai-city-forestry-chrome-derived.txt").read_text(encoding="utf-8"))
    assert not parsed.quality.truncated
    assert parsed.quality.warnings == []


def test_units_worded_like_duties_are_no_extra_duties() -> None:
    """A 1998 notice's units (八)…(十) whose names a copy lost read like duties; numbered on from (七)
    in their own section, they are not duties 8-10 of a regulation that has seven."""
    text = (GENRES / "central-1998-forestry-derived.txt").read_text(encoding="utf-8")
    more_units = "".join(
        f"（{n}）{name}。负责有关工作。\n"
        for n, name in zip("三四五六七", ["造林司", "资源司", "保护司", "计财司", "人事司"], strict=True)
    )
    lost_names = "（八）负责全国森林资源的调查和监测工作。\n（九）组织指导全国植树造林工作。\n（十）承担机关和直属单位的党群工作。\n"
    parsed = parse_notice(text.replace("四、人员编制", more_units + lost_names + "四、人员编制"))
    (record,) = parsed.records
    assert [d.ordinal for d in record.duties] == [1, 2, 3, 4, 5, 6, 7]
    assert [u.ordinal for u in record.units] == list(range(1, 11))
    assert parsed.quality.relocated == []
