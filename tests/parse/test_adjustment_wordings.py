"""Adjustment items as notices word them: the KIND and counterpart of each, groups by kind, and the
signs and ranks inside them that are not the agency's."""

from __future__ import annotations

import pytest

from tests.factories import (
    adj,
    project_adjustments,
)
from tests.parse.generalise_fixtures import GENERALISE
from yange.parse import parse_notice
from yange.parse.adjust import classify_adjustment

# Adjustment wordings of other provinces, in the regulation of 东川省应急管理厅 (kind, counterpart).
ADJUSTMENTS = [
    ("将原由省民政厅承担的救灾职责划归省应急管理厅。", "transferred_in", "省民政厅"),
    ("省民政厅的救灾职责划入省应急管理厅。", "transferred_in", "省民政厅"),
    ("将森林防火相关职责划归省林业局。", "transferred_out", "省林业局"),
    ("将地质灾害防治的具体工作交由省应急管理厅承担。", "transferred_in", None),
    (
        "将应急管理综合行政执法职责划出，由省应急管理综合行政执法总队承担。",
        "transferred_out",
        "省应急管理综合行政执法总队",
    ),
    ("将矿山救护队伍管理职责移交省消防救援总队。", "transferred_out", "省消防救援总队"),
    ("将防汛抗旱指挥部的职责，整合划入省应急管理厅。", "transferred_in", "防汛抗旱指挥部"),
    (
        "整合原省安全生产监督管理局、省防汛抗旱指挥部办公室的职责。",
        "transferred_in",
        "原省安全生产监督管理局、省防汛抗旱指挥部办公室",
    ),
    ("精简行政审批事项，下放审批权限。", "delegated_out", None),
    ("将烟花爆竹经营许可职责下放到设区的市应急管理部门。", "delegated_out", "设区的市应急管理部门"),
    ("不再保留省安全生产监督管理局。", "cancelled", None),
    # 1990s and later wordings
    ("将农业机械安全监理职能交给省公安厅。", "transferred_out", "省公安厅"),
    ("将饲料工业管理职能转交省畜牧局。", "transferred_out", "省畜牧局"),
    ("将农垦管理职能划转到省农垦总局。", "transferred_out", "省农垦总局"),
    ("将渔政执法职责改由省海洋与渔业局承担。", "transferred_out", "省海洋与渔业局"),
    ("由省发展改革委承担的粮食收储职责，划入省应急管理厅。", "transferred_in", "省发展改革委"),
    ("划入的职能。1.原省经贸委承担的乡镇企业管理职能。", "transferred_in", None),  # a group heading
    ("将有关审批事项委托设区的市应急管理部门实施。", "delegated_out", "设区的市应急管理部门"),
]


@pytest.mark.parametrize(
    ("text", "kind", "counterpart"), ADJUSTMENTS, ids=[t[:10] for t, _, _ in ADJUSTMENTS]
)
def test_adjustment_wordings(text: str, kind: str, counterpart: str | None) -> None:
    assert classify_adjustment(text, "东川省应急管理厅") == (kind, counterpart)


def test_adjustments_grouped_by_kind_as_in_the_2013_round() -> None:
    # 一、职能转变 （一）取消的职责。1.… （二）下放的职责。1.…: one adjustment per group, its KIND the group's
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    groups = (
        "一、职能转变\n（一）取消的职责。\n1.取消食品生产许可证初审。\n2.取消个体工商户验照制度。\n"
        "（二）下放的职责。\n1.将一般食品经营许可下放。\n（三）整合的职责。\n"
        "1.整合原县工商行政管理局、县质量技术监督局的职责。\n（四）转移的职责。\n"
        "1.将商品条码注册的初审工作交由县标准化协会承担。\n（五）加强的职责。\n1.加强食品安全风险防控。\n"
    )
    text = text[: text.index("一、职责调整")] + groups + text[text.index("二、主要职责") :]
    record = parse_notice(text).records[0]
    assert project_adjustments(record.adjustments) == [
        adj(1, "cancelled"),
        adj(2, "delegated_out"),
        adj(3, "transferred_in", "原县工商行政管理局、县质量技术监督局"),
        adj(4, "transferred_out", "县标准化协会"),
        adj(5, "strengthened"),
    ]
    assert [d.ordinal for d in record.duties] == list(range(1, 8))


def test_signs_and_ranks_in_adjustments_are_not_the_agencys() -> None:
    # 不再加挂X牌子, a sign that hung on another agency, a merged body's rank: none describes the agency
    text = (GENERALISE / "county-2015-market-bureau-sanding.txt").read_text(encoding="utf-8")
    text = text.replace("，为县人民政府工作部门，正科级。", "，为县人民政府工作部门。").replace(
        "（六）加强食品安全风险防控和市场秩序监管。",
        "（六）加强食品安全风险防控和市场秩序监管。\n（七）不再加挂县物价局牌子。\n"
        "（八）原挂在县经济商务局的县盐务管理局牌子，改挂在县市场监督管理局。\n"
        "（九）将原县粮食局（副科级）的职责划入县市场监督管理局。",
    )
    record = parse_notice(text).records[0]
    assert record.aliases == ["青川县食品药品监督管理局", "青川县质量技术监督局"]
    assert record.rank is None
    assert [a.ordinal for a in record.adjustments] == list(range(1, 10))


SIGNS = [
    "江州市农业农村局加挂“江州市乡村振兴局”“江州市农村工作办公室”牌子。",
    "江州市农业农村局加挂江州市乡村振兴局牌子和江州市农村工作办公室牌子。",
    "江州市农业农村局加挂江州市乡村振兴局、江州市农村工作办公室两块牌子。",
    "江州市农业农村局加挂“江州市乡村振兴局”牌子、加挂“江州市农村工作办公室”牌子。",
]


@pytest.mark.parametrize("sentence", SIGNS, ids=["quoted", "和", "两块", "、加挂"])
def test_two_signs_written_other_ways(sentence: str) -> None:
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    record = parse_notice(text.replace("江州市农业农村局加挂江州市乡村振兴局牌子。", sentence)).records[0]
    assert record.aliases == ["江州市乡村振兴局", "江州市农村工作办公室"]
