"""normalise(): each named step on the variations that differ between sources."""

from __future__ import annotations

import doctest
import importlib

import pytest

from yange.parse.normalise import STEPS, normalise

CASES = [
    # (step, raw, normalised)
    ("fold_width", "ＡＢＣ１２３％", "ABC123%"),  # full-width letters and digits
    ("fold_width", "职责：（一）负责，。；", "职责：（一）负责，。；"),  # Chinese punctuation kept
    ("fold_width", "甲\u3000乙\xa0丙\ufeff", "甲 乙 丙"),  # odd spaces, BOM inside text
    ("fold_width", "㈠取消", "（一）取消"),  # parenthesised ideograph
    ("fullwidth_parens", "(一)取消(含司机)", "（一）取消（含司机）"),  # ASCII brackets around Chinese
    ("fullwidth_parens", "(WTO) f(x)", "(WTO) f(x)"),  # ...but not around Latin text
    ("doc_number_brackets", "商办发［2003］9号", "商办发〔2003〕9号"),
    ("doc_number_brackets", "闽政办[2010]175号", "闽政办〔2010〕175号"),
    ("doc_number_brackets", "西政办【2009】88号", "西政办〔2009〕88号"),
    ("doc_number_brackets", "国办发 (2008) 11 号", "国办发〔2008〕11号"),
    ("doc_number_brackets", "（2009）年度", "（2009）年度"),  # no issuer in front: untouched
    ("date_zeros", "二○一○年五月", "二〇一〇年五月"),  # ○ (white circle) for 〇
    ("date_zeros", "二OO三年", "二〇〇三年"),  # Latin O for 〇
    ("date_zeros", "2010年", "2010年"),  # Arabic years untouched
    ("squeeze_spaces", "主要职能 \t  一、承担", "主要职能 一、承担"),  # runs of spaces to one
    ("squeeze_spaces", "协议。   （一）部机关", "协议。（一）部机关"),  # none next to punctuation
    ("squeeze_spaces", "  甲\n\n  \n乙  ", "甲\n乙"),  # blank lines and line edges
    (
        "join_broken_lines",
        "（七）指导工作。\n参与起草规划；按规定负责。",
        "（七）指导工作。参与起草规划；按规定负责。",
    ),
    ("join_broken_lines", "（六）负责统计。\n（七）承办其他事项。", "（六）负责统计。\n（七）承办其他事项。"),
    (
        "join_broken_lines",
        "十、承办其他事项。\n外贸发展中心主要职能",
        "十、承办其他事项。\n外贸发展中心主要职能",
    ),
    ("join_broken_lines", "现予印发。\n二〇〇九年八月十二日", "现予印发。\n二〇〇九年八月十二日"),
    ("join_broken_lines", "各部门：\n《规定》已经批准，现予印发。", "各部门：\n《规定》已经批准，现予印发。"),
    (
        "join_broken_lines",
        "省政府办公厅关于印发省水利厅\n主要职责内设机构和人员编制规定的通知",  # a title over two lines
        "省政府办公厅关于印发省水利厅主要职责内设机构和人员编制规定的通知",
    ),
]


@pytest.mark.parametrize(("step", "raw", "expected"), CASES)
def test_step(step: str, raw: str, expected: str) -> None:
    assert STEPS[step](raw) == expected


def test_unknown_step_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="fold_width"):
        normalise("x", steps=["no_such_step"])


def test_normalise_is_idempotent(clean_text: str, fujian_text: str, mofcom_text: str) -> None:
    for text in (clean_text, fujian_text, mofcom_text):
        once = normalise(text)
        assert normalise(once) == once


@pytest.mark.parametrize("name", ["yange.parse.normalise", "yange.parse.adjust"])
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
