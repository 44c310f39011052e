"""The derived notices of fixtures/generalise (README there), read as the CLI reads a file, and the
facts a reader finds in each of the 三定 ones (CASES, keyword fields; every value read off the text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from models import ParsedNotice
from tests.factories import (
    AdjRow,
    StaffRow,
    UnitRow,
    adj,
    staff,
    unit,
)
from yange.parse import parse_bytes

GENERALISE = Path(__file__).parent / "fixtures" / "generalise"


@dataclass(frozen=True)
class Case:
    """The facts of one 三定 notice, as a reader finds them in its text."""

    file: str
    title: str
    doc_number: str | None
    issuer: str | None
    published_on: dt.date | None
    agency: str
    aliases: list[str]
    rank: str | None
    adjustments: list[AdjRow]
    duties: list[int]
    units: list[UnitRow]
    declared: int | None
    staffing: list[StaffRow]
    other_matters: int
    truncated: bool = False
    warnings: list[str] = field(default_factory=list)


CASES = [
    # 2018-on ministry form: articles, (一) with ASCII brackets, 职能转变 inside the duties, 第七条 附则
    Case(
        file="ministry-2018-hydrology-articles.txt",
        title="水文资源部职能配置、内设机构和人员编制规定",
        doc_number=None,
        issuer=None,
        published_on=None,
        agency="水文资源部",
        aliases=["国家水文局"],
        rank="正部级",
        adjustments=[],
        duties=list(range(1, 9)),
        units=[
            unit(1, "办公厅"),
            unit(2, "政策法规司"),
            unit(3, "规划计划司"),
            unit(4, "水文监测司"),
            unit(5, "水资源调查司"),
            unit(6, "国际合作司", "港澳台办公室"),
            unit(7, "人事司"),
            unit(8, "机关党委"),
            unit(None, "离退休干部局"),
        ],
        declared=8,
        staffing=[
            staff("机关行政编制", 320),
            staff("部长", 1),
            staff("副部长", 4),
            staff("司局级领导职数", 36),
            staff("机关党委专职副书记", 1, "司局级领导职数"),
            staff("机关纪委书记", 1, "司局级领导职数"),
            staff("离退休干部局领导职数", 2, "司局级领导职数"),
        ],
        other_matters=2,
    ),
    # county bureau: 正科级, 股 units, staffing in Chinese numerals, 整合 / 下放至 / 交由…中心承担
    Case(
        file="county-2015-market-bureau-sanding.txt",
        title="青川县人民政府办公室关于印发青川县市场监督管理局主要职责内设机构和人员编制规定的通知",
        doc_number="青政办发〔2015〕32号",
        issuer="青川县人民政府办公室",
        published_on=dt.date(2015, 4, 8),
        agency="青川县市场监督管理局",
        aliases=["青川县食品药品监督管理局", "青川县质量技术监督局"],
        rank="正科级",
        adjustments=[
            adj(1, "transferred_in", "原县工商行政管理局、县质量技术监督局、县食品药品监督管理局"),
            adj(2, "transferred_in", "原县质量技术监督局"),
            adj(3, "cancelled"),
            adj(4, "delegated_out", "乡镇市场监管所"),
            adj(5, "handed_to_institution", "县标准化服务中心"),
            adj(6, "strengthened"),
        ],
        duties=list(range(1, 8)),
        units=[
            unit(1, "办公室"),
            unit(2, "登记注册股"),
            unit(3, "食品安全监管股", "县食品安全委员会办公室"),
            unit(4, "质量计量股"),
            unit(5, "法规股"),
        ],
        declared=5,
        staffing=[staff("机关行政编制", 18), staff("局长", 1), staff("副局长", 3), staff("股级领导职数", 7)],
        other_matters=2,
    ),
    # city bureau: 1. numbering everywhere, 正处级, 划给 / 划出，交由 / 不再承担, an unnumbered other matter
    Case(
        file="city-2019-agriculture-digits.txt",
        title="江州市人民政府办公室关于印发江州市农业农村局主要职责内设机构和人员编制规定的通知",
        doc_number="江府办〔2019〕12号",
        issuer="江州市人民政府办公室",
        published_on=dt.date(2019, 3, 6),
        agency="江州市农业农村局",
        aliases=["江州市乡村振兴局"],
        rank="正处级",
        adjustments=[
            adj(1, "transferred_in", "原市农业委员会"),
            adj(2, "transferred_out", "市交通运输局"),
            adj(3, "transferred_out", "市财政局"),
            adj(4, "cancelled"),
            adj(5, "handed_to_institution", "市农产品质量检测中心"),
            adj(6, "delegated_out", "各县（市、区）农业农村部门"),
            adj(7, "strengthened"),
        ],
        duties=list(range(1, 8)),
        units=[
            unit(1, "办公室"),
            unit(2, "发展规划科"),
            unit(3, "乡村振兴科"),
            unit(4, "种植业管理科", "农药管理科"),
            unit(5, "农产品质量安全监管科"),
            unit(6, "人事科"),
        ],
        declared=6,
        staffing=[
            staff("机关行政编制", 45),
            staff("援派干部编制", 2, "机关行政编制"),
            staff("局长", 1),
            staff("副局长", 4),
            staff("总农艺师", 1),
            staff("科级领导职数", 14),
            staff("机关党委专职副书记", 1, "科级领导职数"),
        ],
        other_matters=1,
    ),
    # no covering letter; units listed 办公室：负责… without numbers, 加挂…牌子 on units; two 加挂 signs
    Case(
        file="county-city-2019-natural-resources-colon-units.txt",
        title="临海市自然资源和规划局主要职责内设机构和人员编制规定",
        doc_number=None,
        issuer=None,
        published_on=None,
        agency="临海市自然资源和规划局",
        aliases=["临海市林业局", "临海市不动产登记局"],
        rank="正科级",
        adjustments=[
            adj(1, "transferred_in", "原市国土资源局"),
            adj(2, "transferred_in", "原市林业局"),
            adj(3, "handed_to_institution", "市自然资源服务中心"),
            adj(4, "strengthened"),
        ],
        duties=list(range(1, 6)),
        units=[
            unit(None, "办公室"),
            unit(None, "国土空间规划股", "规划编审股"),
            unit(None, "审批服务股"),
            unit(None, "林业股", "森林防火办公室"),
            unit(None, "不动产登记股"),
        ],
        declared=None,
        staffing=[
            staff("机关行政编制", 15),
            staff("工勤人员编制", 2),
            staff("局长", 1),
            staff("副局长", 3),
            staff("股级领导职数", 5),
        ],
        other_matters=2,
    ),
    # GBK bytes, lines hard-wrapped mid-item and mid-title
    Case(
        file="hardwrap-2010-statistics-bureau.txt",
        title="西陵省人民政府办公厅关于印发西陵省统计局主要职责内设机构和人员编制规定的通知",
        doc_number="西政办发〔2010〕61号",
        issuer="西陵省人民政府办公厅",
        published_on=dt.date(2010, 8, 20),
        agency="西陵省统计局",
        aliases=[],
        rank=None,
        adjustments=[
            adj(1, "cancelled"),
            adj(2, "handed_to_institution", "省统计信息服务中心"),
            adj(3, "strengthened"),
        ],
        duties=list(range(1, 6)),
        units=[unit(1, "办公室"), unit(2, "法规处"), unit(3, "国民经济核算处"), unit(4, "人事处")],
        declared=4,
        staffing=[staff("机关行政编制", 40), staff("局长", 1), staff("副局长", 3), staff("处级领导职数", 10)],
        other_matters=1,
    ),
    # an HTML page in GBK: nav, header, footer, scripts, a page title with a site suffix, 发布时间 of the page
    Case(
        file="html-2009-culture-dept-gbk.html",
        title="北川省人民政府办公厅关于印发北川省文化厅主要职责内设机构和人员编制规定的通知",
        doc_number="北政办〔2009〕88号",
        issuer="北川省人民政府办公厅",
        published_on=dt.date(2009, 11, 2),
        agency="北川省文化厅",
        aliases=[],
        rank=None,
        adjustments=[
            adj(1, "cancelled"),
            adj(2, "transferred_out", "省文化市场综合执法总队"),
            adj(3, "strengthened"),
        ],
        duties=list(range(1, 6)),
        units=[
            unit(1, "办公室"),
            unit(2, "政策法规处"),
            unit(3, "艺术处"),
            unit(4, "文化市场处"),
            unit(5, "人事处"),
            unit(None, "机关党委"),
        ],
        declared=5,
        staffing=[
            staff("机关行政编制", 60),
            staff("厅长", 1),
            staff("副厅长", 4),
            staff("处级领导职数", 16),
            staff("机关党委专职副书记", 1, "处级领导职数"),
        ],
        other_matters=1,
    ),
    # UTF-16 with a BOM; a ministry of the 2008 round; Chinese-numeral staffing; 六、附则
    Case(
        file="ministry-2008-relics-utf16.txt",
        title="国务院办公厅关于印发文物资源部主要职责内设机构和人员编制规定的通知",
        doc_number="国办发〔2008〕75号",
        issuer="国务院办公厅",
        published_on=dt.date(2008, 7, 10),
        agency="文物资源部",
        aliases=["国家博物馆事业局", "国家考古研究管理局"],
        rank=None,
        adjustments=[
            adj(1, "cancelled"),
            adj(2, "delegated_out", "省级文物行政部门"),
            adj(3, "transferred_in", "原国家文化局"),
            adj(4, "handed_to_institution"),
            adj(5, "strengthened"),
        ],
        duties=list(range(1, 6)),
        units=[
            unit(1, "办公厅"),
            unit(2, "政策法规司"),
            unit(3, "文物保护司", "世界文化遗产司"),
            unit(4, "博物馆司"),
            unit(5, "考古司"),
            unit(6, "人事司"),
            unit(None, "机关党委"),
            unit(None, "离退休干部局"),
        ],
        declared=6,
        staffing=[
            staff("机关行政编制", 120),
            staff("两委人员编制", 2, "机关行政编制"),
            staff("部长", 1),
            staff("副部长", 3),
            staff("司局级领导职数", 20),
            staff("机关党委专职副书记", 1, "司局级领导职数"),
        ],
        other_matters=1,
    ),
    # a document-sharing page: 【】 metadata block, the neighbouring documents' titles above and below
    Case(
        file="sharing-2011-water-bureau-metablock.txt",
        title="南平市人民政府办公室关于印发南平市水利局主要职责内设机构和人员编制规定的通知",
        doc_number="南政办〔2011〕40号",
        issuer="南平市人民政府办公室",
        published_on=dt.date(2011, 3, 15),
        agency="南平市水利局",
        aliases=[],
        rank=None,
        adjustments=[adj(1, "cancelled"), adj(2, "transferred_in"), adj(3, "strengthened")],
        duties=list(range(1, 6)),
        units=[
            unit(1, "办公室"),
            unit(2, "规划计划科"),
            unit(3, "水资源科", "市节约用水办公室"),
            unit(4, "防汛抗旱科"),
        ],
        declared=4,
        staffing=[staff("机关行政编制", 20), staff("局长", 1), staff("副局长", 3), staff("科级领导职数", 6)],
        other_matters=2,
    ),
    # a page that stops in the middle of duty (四): kept, and reported as truncated
    Case(
        file="truncated-2012-transport-dept-page.txt",
        title="东川省人民政府办公厅关于印发东川省交通运输厅主要职责内设机构和人员编制规定的通知",
        doc_number="东政办〔2012〕19号",
        issuer="东川省人民政府办公厅",
        published_on=dt.date(2012, 2, 14),
        agency="东川省交通运输厅",
        aliases=["东川省地方海事局"],
        rank=None,
        adjustments=[
            adj(1, "transferred_in", "原省交通厅"),
            adj(2, "transferred_in", "原省民航办公室"),
            adj(3, "strengthened"),
        ],
        duties=[1, 2, 3, 4],
        units=[],
        declared=None,
        staffing=[],
        other_matters=0,
        truncated=True,
        warnings=["no 内设机构 found", "no 人员编制 found", "text looks truncated: it stops mid-sentence"],
    ),
]


def parse_fixture(name: str) -> ParsedNotice:
    return parse_bytes((GENERALISE / name).read_bytes(), source=name)
