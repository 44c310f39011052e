"""Adjustment KINDs and counterparts, and the shapes that tell items of one section from another.

The phrasings are written for these tests in the genre's wording (derived)."""

from __future__ import annotations

import pytest

from yange.parse.adjust import classify_adjustment, shape_of, unit_name

AGENCY = "东海省商务厅"

KINDS = [
    # (text, kind, counterpart)
    ("取消已由省人民政府公布取消的行政审批事项。", "cancelled", None),
    ("不再承担酒类流通许可职责。", "cancelled", None),
    ("从原省经济贸易委员会划入药品流通行业管理职责。", "transferred_in", "原省经济贸易委员会"),
    (
        "将原省经济贸易委员会的商贸流通管理职责划入省商务厅。",
        "transferred_in",
        "原省经济贸易委员会",
    ),  # into itself
    (
        "将原省经济贸易委员会的商贸流通管理职责划入本厅。",
        "transferred_in",
        "原省经济贸易委员会",
    ),  # 本厅 = itself
    ("将外商投资企业统计职责划入省统计局。", "transferred_out", "省统计局"),  # into another
    ("将国际货运代理企业备案职责划给省交通运输厅。", "transferred_out", "省交通运输厅"),
    ("将拍卖企业监督管理职责交由省市场监督管理局承担。", "transferred_out", "省市场监督管理局"),
    ("将部分加工贸易业务审批职责下放给设区市商务主管部门。", "delegated_out", "设区市商务主管部门"),
    ("将对外劳务合作经营资格核准职责下放到设区市人民政府。", "delegated_out", "设区市人民政府"),
    ("承担商务部下放的外商投资企业设立审批职责。", "delegated_in", "商务部"),
    ("承接国务院有关部门下放的对外贸易经营者备案登记职责。", "delegated_in", "国务院有关部门"),
    ("将展会组织的具体事务性工作交由事业单位承担。", "handed_to_institution", None),
    ("将投资促进的辅助性工作交由省投资促进中心承担。", "handed_to_institution", "省投资促进中心"),
    ("加强内外贸一体化统筹协调职责。", "strengthened", None),
    ("强化对外开放平台建设的指导职责。", "strengthened", None),
    ("进一步研究完善有关工作机制。", "other", None),
]


@pytest.mark.parametrize(("text", "kind", "counterpart"), KINDS)
def test_kind_and_counterpart(text: str, kind: str, counterpart: str | None) -> None:
    assert classify_adjustment(text, AGENCY) == (kind, counterpart)


SHAPES = [
    # (item text, the section its wording belongs to)
    ("办公室综合协调厅机关工作。", "units"),  # NAME + duties, no separator
    ("办公室。负责机关日常运转。", "units"),  # NAME。duties (2018-on form)
    ("规划计划处\n组织编制全省规划。", "units"),  # name on its own line
    ("国际经贸关系处（省政府WTO事务协调办公室）承担WTO事务。", "units"),
    ("对外贸易处贯彻执行对外贸易发展规划。", "units"),  # opens with 对, still a unit name
    ("综合处。组织起草政策。", "units"),  # opens with 综合, still a unit name
    ("机关党委负责机关的党群工作。", "units"),
    ("组织人事处负责机关和直属单位的人事工作。", "units"),  # a name that opens with a verb word
    ("研究室。研究全省经济形势。", "units"),
    ("监督检查处承担执法监督工作。", "units"),
    ("组织实施全省水资源调查评价工作。", "duties"),  # ...but a duty is not a unit
    ("研究提出全省对外开放的政策建议。", "duties"),
    ("取消编报机电产品配额年度方案的职责。", "adjustments"),
    ("从原省口岸和海防管理委员会办公室划入口岸协调职责。", "adjustments"),
    ("承担商务部下放的进出口企业经营资格备案职责。", "adjustments"),
    ("将贸易促进等工作交由事业单位负责。", "adjustments"),
    ("加强多、双边和区域经贸合作。", "adjustments"),
    ("负责全省对外经济合作工作，依法管理和监督境外投资。", "duties"),
    ("贯彻执行对外技术贸易、进出口管制的政策。", "duties"),
    ("承担与对外贸易有关的知识产权工作。", "duties"),  # 承担 without 下放 is a duty
    ("关于反垄断的职责分工：省商务厅负责经营者集中审查。", None),  # other matters have no shape
    ("所属事业单位的设置、职责和编制事项另行规定。", None),
]


@pytest.mark.parametrize(("text", "section"), SHAPES)
def test_shape(text: str, section: str | None) -> None:
    assert shape_of(text) == section


def test_unit_name_never_swallows_the_duties() -> None:
    name, alias, rest = unit_name("开发区管理处负责开发区的指导、协调和管理工作。")  # type: ignore[misc]
    assert (name, alias) == ("开发区管理处", None)
    assert "开发区管理处负责开发区的指导、协调和管理工作。"[rest:].startswith("负责")
