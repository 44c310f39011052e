"""Adjustment KINDs of a 职责调整 section: the cue words of each, and what an adjustment looks like."""

from __future__ import annotations

import re

from yange.parse.vocab.names import BODY_END

# Cue patterns per KIND, tried in order; the first that matches an adjustment's text wins. Order
# matters: 划给 before 划入 (从A划入 vs 划给B), 交由事业单位 before 交由其他部门, 下放给 (out) before
# 承担…下放的 (in). Each has one capture group for the counterpart agency where the wording gives one.
# What follows the receiving agency of a transfer: an optional verb, then the end of the clause. The
# verb alone is not enough (省市场监督管理局 contains 管理), so the clause must end right after it.
_RECEIVER_END = r"(?:承担|负责|行使|管理)?(?=[。，；]|$)"
# 将…职责划入X: X is the receiver. When X is not the agency itself the duty leaves (transferred_out);
# checked before KIND_CUES, with the agency's name in hand.
TRANSFER_TARGET = re.compile(rf"(?:划入|划归)(?!的)([^，。；、]{{2,30}}?){_RECEIVER_END}")
# A verb a counterpart runs into when the wording is 将A承担的…职责划入 (A, not A承担).
COUNTERPART_TRAILING_VERB = re.compile(r"(?:所)?(?:承担|负责|行使|履行)$")
# The verbs that move a duty between bodies: a sentence with one of them declares a transfer.
TRANSFER_CUE = re.compile(r"划入|划给|划归|划出|划转|交由|交给|移交|下放")
# 从A划入: the duty comes in from A, whatever else the item names after 划入.
TRANSFER_FROM = re.compile(r"从[^，。；]{2,30}?划入")
KIND_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "handed_to_institution",
        # a named institution too: 交由省林业调查规划院承担 (院, 中心, 站, 所; not an enforcement 总队)
        re.compile(
            r"(?:交由|交给)(?:所属|相关|有关)?(事业单位|[^，。；]{0,20}?(?:中心|事业单位|院|站|所))(?=承担|负责|实施|办理|[，。；]|$)"
        ),
    ),
    # 交给 / 转交 / 划转到 in the 1990s rounds; 调整由 / 改由 X 承担 in later ones
    (
        "transferred_out",
        re.compile(
            rf"(?:划给|划转给|划转至|划转到|划出至|移交给?|转交给?|交给|交由|调整由|改由)([^，。；、]{{2,30}}?){_RECEIVER_END}"
        ),
    ),
    # 将…职责划出，由X承担
    ("transferred_out", re.compile(r"划出[，,]?(?:改)?由([^，。；、]{2,30}?)(?:承担|负责|行使)")),
    ("transferred_out", re.compile(r"划出()")),
    ("transferred_in", re.compile(r"从([^，。；]{2,30}?)划入")),
    # 将原由X承担的…职责划入/划归 (the agency itself)
    (
        "transferred_in",
        re.compile(r"(?:原由|^\s*由)([^，。；]{2,30}?)(?:承担|负责|行使)的[^。；]{0,60}?(?:划入|划归)"),
    ),
    ("transferred_in", re.compile(r"将([^，。；]{2,30}?)的[^。；]{0,60}?(?:职责)?(?:划入|划归)")),
    # X的…职责划入 with no 将: X must name a body
    (
        "transferred_in",
        re.compile(rf"^\s*([^，。；的]{{2,30}}?{BODY_END})的[^。；]{{0,60}}?(?:职责)?(?:划入|划归)"),
    ),
    ("transferred_in", re.compile(r"(?:划入|划归)()")),
    # 整合原A、B的职责: duties of other (usually abolished) bodies merged into the agency; the
    # counterpart is the list of bodies as written
    ("transferred_in", re.compile(r"整合([^。；]{2,60}?)的(?:相关|有关)?职责")),
    ("delegated_out", re.compile(rf"下放(?:给|至|到)([^，。；]{{2,30}}?){_RECEIVER_END}")),
    ("delegated_in", re.compile(r"(?:承担|承接)([^，。；的]{2,30}?)下放的")),
    # 2013-round grouping: （二）下放的职责。1.… is duties this agency hands down, not receives
    ("delegated_out", re.compile(r"^\s*下放的(?:职责|事项|审批事项)()")),
    ("delegated_in", re.compile(r"下放的()")),
    ("delegated_out", re.compile(r"下放(?!的)()")),  # 下放审批权限: to lower levels, none named
    ("delegated_out", re.compile(r"委托([^，。；]{2,30}?)(?:实施|承担|办理)")),  # 委托设区的市…实施
    ("cancelled", re.compile(r"^\s*(?:取消|不再)()")),
    ("strengthened", re.compile(r"^\s*(?:加强|强化|深化|推进|增加)()")),
    ("cancelled", re.compile(r"取消()")),
]
# For each KIND_CUES pattern, in the same order, words one of which its every match holds: a cue is
# searched for only in an item holding one (literal tests are far cheaper than the searches, and
# an item holds few cues). Keep in step with the table (tests/parse/test_fast_paths.py checks it).
KIND_CUE_WORDS: list[tuple[str, ...]] = [
    ("交由", "交给"),
    ("划给", "划转", "划出至", "移交", "转交", "交给", "交由", "调整由", "改由"),
    ("划出",),
    ("划出",),
    ("划入",),
    ("划入", "划归"),
    ("划入", "划归"),
    ("划入", "划归"),
    ("划入", "划归"),
    ("整合",),
    ("下放",),
    ("下放的",),
    ("下放的",),
    ("下放的",),
    ("下放",),
    ("委托",),
    ("取消", "不再"),
    ("加强", "强化", "深化", "推进", "增加"),
    ("取消",),
]

# The shape of an adjustment item: how it opens. Used to tell a displaced adjustment from a duty.
# Must not match a main duty such as 承担…的具体工作 (承担 alone is a duty verb).
ADJUSTMENT_SHAPE = re.compile(
    r"^(?:取消|不再|加强|强化|深化|增加|整合"
    r"|将.{0,120}?(?:划入|划给|划出|划转|交由|下放|移交)"
    r"|从.{0,40}?划入"
    r"|(?:承担|承接).{0,30}?下放的"
    # a duty moving with no 将 in front: 外国专家管理有关职责划归市人力资源和社会保障局
    r"|[^。；，]{2,60}?(?:职责|职能)(?:划归|划入|划给|划出|交由|下放))"
)
# What an item must hold for ADJUSTMENT_SHAPE to match it, tested as literals first (adjust.
# adjustment_shaped): one of the words it opens with, or 职责/职能 within its first 62 characters (the
# last alternative: up to 60 characters, then the word). Most items have neither, and the pattern's
# lazy scan for the word costs about 3 µs an item. Keep in step with the pattern.
ADJUSTMENT_OPENERS = ("取消", "不再", "加强", "强化", "深化", "增加", "整合", "将", "从", "承担", "承接")
ADJUSTMENT_DUTY_WORDS_WITHIN = 62
