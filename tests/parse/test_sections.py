"""Table-driven tests of each part of a 三定 parse, on the seeds and the derived variant notices.

Expected values were read off the notices' text by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models import ParsedNotice
from tests.factories import adj, ordinals, project_adjustments, project_staffing, project_units, staff, unit
from tests.parse.conftest import ARTICLES, CENTRAL, CLEAN
from yange.parse import parse_notice
from yange.parse.sanding import aliases_of, declared_units, rank_of

FUJIAN = Path(__file__).parents[1] / "golden" / "fujian-2010-foreign-trade-sanding.txt"


def _parse(path: Path) -> ParsedNotice:
    return parse_notice(path.read_text(encoding="utf-8"), source=path.name)


METADATA = [
    # covering letter with its title, doc number, signature issuer and Chinese-numeral date
    (
        CLEAN,
        "西南省人民政府办公厅关于印发西南省水利厅主要职责内设机构和人员编制规定的通知",
        "西政办〔2009〕88号",
        "西南省人民政府办公厅",
        dt.date(2009, 8, 12),
    ),
    # a page title with a site suffix above the real title; no rank stated
    (
        CENTRAL,
        "国务院办公厅关于印发示例贸易部主要职责内设机构和人员编制规定的通知",
        "国办发〔2008〕77号",
        "国务院办公厅",
        dt.date(2008, 7, 10),
    ),
    # no covering letter: the regulation's own title, dated by its 第八条 本规定自2019年1月20日起施行
    (ARTICLES, "东海省生态环境厅职能配置、内设机构和人员编制规定", None, None, dt.date(2019, 1, 20)),
    # scraped page: 发布日期 junk glued to the title, the letter repeated, ○ in the date
    (
        FUJIAN,
        "福建省人民政府办公厅关于印发福建省对外贸易经济合作厅主要职责内设机构和人员编制规定的通知",
        "闽政办〔2010〕175号",
        "福建省人民政府办公厅",
        dt.date(2010, 5, 29),
    ),
]


@pytest.mark.parametrize(
    ("path", "title", "doc_number", "issuer", "date"), METADATA, ids=lambda v: getattr(v, "stem", None)
)
def test_metadata(
    path: Path, title: str, doc_number: str | None, issuer: str | None, date: dt.date | None
) -> None:
    n = _parse(path).notice
    assert (n.title, n.doc_number, n.issuer, n.published_on, n.kind) == (
        title,
        doc_number,
        issuer,
        date,
        "sanding",
    )


AGENCY = [
    (CLEAN, "西南省水利厅", ["西南省防汛抗旱指挥部办公室"], "正厅级"),  # 设立X（加挂“Y”牌子），正厅级
    (ARTICLES, "东海省生态环境厅", ["东海省核安全局"], "正厅级"),  # 为正厅级，加挂Y牌子 (no quotes)
    (FUJIAN, "福建省对外贸易经济合作厅", ["福建省人民政府口岸工作办公室"], "正厅级"),
    (CENTRAL, "示例贸易部", [], None),
]


@pytest.mark.parametrize(
    ("path", "agency", "aliases", "rank"), AGENCY, ids=lambda v: getattr(v, "stem", None)
)
def test_agency_aliases_rank(path: Path, agency: str, aliases: list[str], rank: str | None) -> None:
    record = _parse(path).records[0]
    assert (record.agency, record.aliases, record.rank) == (agency, aliases, rank)


def test_adjustment_kinds_and_counterparts() -> None:
    record = _parse(CLEAN).records[0]
    assert project_adjustments(record.adjustments) == [
        adj(1, "cancelled"),  # 取消…
        adj(2, "transferred_in", "原省农业厅"),  # 从A划入
        adj(3, "transferred_out", "省水文水资源勘测局"),  # 划给B
        adj(4, "delegated_out", "市、州水行政主管部门"),  # 下放给下级
        adj(5, "delegated_in", "水利部"),  # 承担A下放的
        adj(6, "handed_to_institution"),  # 交由事业单位
        adj(7, "strengthened"),  # 加强
    ]


UNITS = [
    (
        CLEAN,
        [
            unit(1, "办公室"),
            unit(2, "规划计划处"),
            unit(3, "水资源处", "省节约用水办公室"),
            unit(4, "建设与管理处"),
            unit(5, "农村水利处"),
            unit(6, "水土保持处"),
            unit(7, "防汛抗旱处"),
            unit(8, "人事处"),
            unit(None, "机关党委"),
        ],
    ),
    # 2018-on form: NAME。duties, alias in brackets, 机关党委 and 离退休干部处 unnumbered
    (
        ARTICLES,
        [
            unit(1, "办公室"),
            unit(2, "综合处"),
            unit(3, "法规与标准处"),
            unit(4, "大气环境处"),
            unit(5, "人事处", "机关党委办公室"),
            unit(None, "机关党委"),
            unit(None, "离退休干部处"),
        ],
    ),
    # a ministry: 厅/室/司 names, 机关党委 numbered here, 离退休干部局 not
    (
        CENTRAL,
        [
            unit(1, "办公厅"),
            unit(2, "政策研究室"),
            unit(3, "条约法律司", "行政复议办公室"),
            unit(4, "对外贸易司"),
            unit(5, "人事司"),
            unit(6, "机关党委"),
            unit(None, "离退休干部局"),
        ],
    ),
]


@pytest.mark.parametrize(("path", "expected"), UNITS, ids=lambda v: getattr(v, "stem", None))
def test_units(path: Path, expected: list) -> None:
    record = _parse(path).records[0]
    assert project_units(record.units) == expected
    assert all(u.duties and not u.duties.startswith(u.name) for u in record.units)


STAFFING = [
    # Chinese numerals; a 含 with a number is a row, a 含 without one (机关纪委编制) is not
    (
        CLEAN,
        [
            staff("机关行政编制", 65),
            staff("离退休干部工作人员编制", 3, "机关行政编制"),
            staff("厅长", 1),
            staff("副厅长", 4),
            staff("正处级领导职数", 12),
            staff("机关党委专职副书记", 1, "正处级领导职数"),
            staff("副处级领导职数", 10),
        ],
    ),
    (
        ARTICLES,
        [
            staff("机关行政编制", 85),
            staff("厅长", 1),
            staff("副厅长", 4),
            staff("处级领导职数", 24),
            staff("机关党委专职副书记", 1, "处级领导职数"),
        ],
    ),
    # several 含 counts in one bracket, Chinese numerals, 纪检组长
    (
        CENTRAL,
        [
            staff("机关行政编制", 420),
            staff("两委人员编制", 4, "机关行政编制"),
            staff("援派机动编制", 2, "机关行政编制"),
            staff("离退休干部工作人员编制", 30, "机关行政编制"),
            staff("部长", 1),
            staff("副部长", 4),
            staff("纪检组长", 1),
            staff("司局级领导职数", 72),
            staff("机关党委专职副书记", 1, "司局级领导职数"),
            staff("离退休干部局领导职数", 3, "司局级领导职数"),
        ],
    ),
    (
        FUJIAN,
        [
            staff("机关行政编制", 171),
            staff("离退休干部工作人员行政编制", 5, "机关行政编制"),
            staff("厅长", 1),
            staff("副厅长", 5),
            staff("正处级领导职数", 26),
            staff("驻外办事处正处级领导职数", 2, "正处级领导职数"),
            staff("机关党委专职副书记", 1, "正处级领导职数"),
            staff("离退休干部工作处处长", 1, "正处级领导职数"),
            staff("副处级领导职数", 28),
            staff("机关工勤人员事业编制", 26),
            staff("离退休干部工作人员司机编制", 4, "机关工勤人员事业编制"),
        ],
    ),
]


@pytest.mark.parametrize(("path", "expected"), STAFFING, ids=lambda v: getattr(v, "stem", None))
def test_staffing(path: Path, expected: list) -> None:
    assert project_staffing(_parse(path).records[0].staffing) == expected


def test_ministry_adjustments_other_matters_and_appendix() -> None:
    parsed = _parse(CENTRAL)
    record = parsed.records[0]
    assert project_adjustments(record.adjustments) == [
        adj(1, "cancelled"),
        adj(2, "transferred_out", "国务院交通运输主管部门"),
        adj(3, "strengthened"),
    ]
    assert ordinals(record, "other_matters") == [1, 2]
    assert "负责解释" not in record.other_matters[-1].text  # 六、附则 is not an other matter
    assert record.declared_unit_count == 6 and parsed.quality.warnings == []


def test_duties_and_other_matters_of_the_article_form() -> None:
    parsed = _parse(ARTICLES)
    record = parsed.records[0]
    assert ordinals(record, "duties") == list(range(1, 10))
    assert record.duties[7].text.startswith("职能转变。")  # the 职能转变 item stays in the duty list
    division = record.duties[8]  # 有关职责分工 with its numbered sub-items
    assert division.text == "有关职责分工。"
    assert [(d.ordinal, d.text[:12]) for d in division.items] == [
        (1, "与东海省自然资源厅的有关"),
        (2, "与东海省水利厅的有关职责"),
    ]
    # articles after the staffing article are other matters, numbered by article; 第一条 is preamble
    assert ordinals(record, "other_matters") == [6, 7, 8]
    assert parsed.quality.missing_ordinals == {}


def test_fujian_repairs() -> None:
    parsed = _parse(FUJIAN)
    record, q = parsed.records[0], parsed.quality
    assert ordinals(record, "adjustments") == [1, 2, 3, 4, 5, 6, 7]
    assert ordinals(record, "duties") == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13]
    assert ordinals(record, "other_matters") == [1, 3, 4, 5]
    moves = {(r.ordinal, r.from_section, r.to_section) for r in q.relocated}
    assert moves == {
        (6, "units", "adjustments"),
        (3, "units", "duties"),
        (4, "units", "duties"),
        (8, "other_matters", "duties"),
        (9, "other_matters", "duties"),
    }
    assert q.missing_ordinals == {"duties": [10], "units": [4, 8, 9, 14, 17], "other_matters": [2]}
    assert record.declared_unit_count == 22
    assert any("declared 22 units" in w for w in q.warnings)
    # the letter once, plus 11 repeated items (adjustments 1-5 and 7, duties 1, 2, 5, 6, 7)
    assert q.duplicates_removed == 12
    texts = (
        [d.text for d in record.duties]
        + [a.text for a in record.adjustments]
        + [o.text for o in record.other_matters]
    )
    assert len(texts) == len(set(texts))


PREAMBLES = [
    # (preamble sentence, aliases, rank) — derived wordings
    (
        "设立东海省商务厅（加挂“东海省口岸办公室”牌子），为省人民政府组成部门，正厅级。",
        ["东海省口岸办公室"],
        "正厅级",
    ),
    (
        "东海省发展和改革委员会是省政府组成部门，为正厅级，对外保留东海省物价局牌子，加挂东海省粮食局、东海省能源局牌子。",
        ["东海省物价局", "东海省粮食局", "东海省能源局"],
        "正厅级",
    ),
    ("示例市人民政府办公室是市政府工作部门，规格为副省级。", [], "副省级"),
    ("设立示例县水务局，为县人民政府工作部门。", [], None),  # no rank stated
    ("机关服务中心对外称“机关服务局”，为正局级事业单位。", ["机关服务局"], "正局级"),
]


@pytest.mark.parametrize(("head", "aliases", "rank"), PREAMBLES)
def test_aliases_and_rank_from_the_preamble(head: str, aliases: list[str], rank: str | None) -> None:
    assert (aliases_of(head), rank_of(head)) == (aliases, rank)


DECLARED = [
    ("根据上述职责，省外经贸厅设22个内设机构：", 22),
    ("内设机构（司局）25个。", 25),
    ("内设处室9个。", 9),
    ("设置十五个职能处室。", 15),  # Chinese numerals
    ("设办公室、法规处等2个内设机构。", 2),
    ("设下列内设机构：", None),  # no count stated
]


@pytest.mark.parametrize(("sentence", "count"), DECLARED)
def test_declared_unit_count(sentence: str, count: int | None) -> None:
    assert declared_units(sentence, 0, len(sentence)) == count
