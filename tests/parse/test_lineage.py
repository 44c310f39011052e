"""The lineage a notice states, read from its sentences and records (yange.parse.lineage)."""

from __future__ import annotations

import pytest

from models import Notice, ParsedNotice
from yange.parse.lineage import Succession, successions

# Sentences written for this test in the genre of reform notices (derived).
CASES = [
    # 组建X with 不再保留Y、Z in one sentence: both merged into X
    (
        "组建福建省市场监督管理局，不再保留省工商行政管理局、省质量技术监督局。",
        {
            Succession("省工商行政管理局", "福建省市场监督管理局", "merged_into"),
            Succession("省质量技术监督局", "福建省市场监督管理局", "merged_into"),
        },
    ),
    # 设立X / 成立X with 不再保留Y: the same as 组建
    (
        "设立福建省大数据管理局，不再保留省数字福建建设领导小组办公室。",
        {Succession("省数字福建建设领导小组办公室", "福建省大数据管理局", "merged_into")},
    ),
    (
        "成立福建省应急管理厅，不再保留省安全生产监督管理局。",
        {Succession("省安全生产监督管理局", "福建省应急管理厅", "merged_into")},
    ),
    # X更名为Z
    ("省科学技术厅更名为省科技创新厅。", {Succession("省科学技术厅", "省科技创新厅", "renamed")}),
    # 将Y的职责划入X: duties absorbed; merged when the notice no longer keeps Y
    (
        "将省商务厅的对外援助职责划入省发展改革委。",
        {Succession("省商务厅", "省发展改革委", "duties_absorbed")},
    ),
    (
        "将省物价局的职责整合划入省发展和改革委员会，不再保留省物价局。",
        {Succession("省物价局", "省发展和改革委员会", "merged_into")},
    ),
    # a sign taken down is no body abolished; 撤销 of an internal unit is no lineage
    ("不再保留省口岸办牌子。撤销综合处，组建综合办公室。", set()),
    # two bodies created in one sentence: which one took over is not said
    ("组建省医疗保障局、组建省退役军人事务厅，不再保留省民政厅。", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_successions_from_sentences(text: str, expected: set[Succession]) -> None:
    parsed = ParsedNotice(
        notice=Notice(notice_id="0" * 64, title="关于机构改革的通知"), records=[], text=text
    )
    assert set(successions(parsed)) == expected
