"""Internal units (内设机构): their name endings, the verbs their duties open with, lists and counts."""

from __future__ import annotations

import re

from yange.parse.vocab.names import UNIT_END_CHARS, UNIT_SUFFIX_ALT
from yange.parse.vocab.numerals import CN, COUNT, after_boundary

# Units that carry no ordinal in the units section but are units all the same.
# Written first character first (numerals.after_boundary): the same matches as
# (?:(?<=^)|(?<=[\n。；\s]))(机关党委|离退休干部(?:工作)?(?:处|局|办公室|科|股)|机关纪委|纪检监察室|派驻纪检组).
UNNUMBERED_UNITS = re.compile(
    "([机离纪派]"
    + after_boundary(r"\n。；\s", "[机离纪派]")
    + r"(?:(?<=机)关党委|(?<=离)退休干部(?:工作)?(?:处|局|办公室|科|股)|(?<=机)关纪委|(?<=纪)检监察室|(?<=派)驻纪检组))"
)
# Verbs a unit's duty text (or a main duty) opens with. A unit item is NAME + one of these (or 。).
DUTY_VERBS = (
    "负责", "承担", "拟订", "拟定", "制定", "贯彻", "综合", "组织", "研究", "起草", "协调", "指导", "管理",
    "参与", "监督", "办理", "统筹", "会同", "依法", "牵头", "编制", "开展", "推进", "推动", "建立", "实施",
    "执行", "承办", "审核", "审批", "指导", "规范", "完善", "做好", "归口", "按照", "根据", "受", "对",
)  # fmt: skip
_VERB_ALT = "|".join(sorted(set(DUTY_VERBS), key=len, reverse=True))
# NAME (ALIAS)? then a verb or 。/：. The name is short, has no punctuation and does not itself open
# with a duty verb (so 负责全省…中心的建设 is not a unit named 负责全省…中心).
# Verbs that, at an item's very start, mean it is not a unit. 综合 is left out (综合处, 综合规划处) and
# so are one-character verbs (对外贸易处 opens with 对).
_START_VERB_ALT = "|".join(
    v for v in sorted(set(DUTY_VERBS), key=len, reverse=True) if len(v) > 1 and v != "综合"
)
UNIT_SHAPE = re.compile(
    rf"^(?!{_START_VERB_ALT}|将|从|取消|加强|关于)"
    rf"(机关党委|机关纪委|[\u4e00-\u9fffA-Za-z0-9]{{1,20}}?(?:{UNIT_SUFFIX_ALT}))"
    r"(?:[（《(〈]([^（）()\n。]{1,30})[）)》〉])?"
    rf"(?=[。：:，\s]|{_VERB_ALT})"
)
# Short unit names that open with a verb-like word: 组织人事处, 研究室, 监督检查处, 规划处, 督查室. Only
# when the name (at most 8 characters) is followed at once by a separator or a verb, which a main
# duty (组织实施全省…) practically never is.
VERB_NAMED_UNIT = re.compile(
    rf"^((?:{_VERB_ALT}|规划|督查|监察)[\u4e00-\u9fff]{{0,6}}?(?:处|室|科|股|局|司|部|办公室|中心))"
    r"(?:[（《(〈]([^（）()\n。]{1,30})[）)》〉])?"
    rf"(?=[。：:\s]|{_VERB_ALT})"
)
# A main duty opens with a verb (or a subject then a verb); used to spot duties among other matters.
DUTY_SHAPE = re.compile(rf"^(?:{_START_VERB_ALT})")

# A units section that only lists names: 设办公室、政策法规处、…等8个内设机构. Group 1 is the list.
UNIT_LIST = re.compile(
    rf"设(?:立|置)?(?:下列)?([^。：]{{2,400}}?)(?:等)?(?:{COUNT}个)?(?:内设机构|职能处室|职能科室|处室|科室|股室)"
)
# The same list after a colon: 设下列8个内设机构：办公厅、政策法规司、…、人事司。 Group 1 is the list.
UNIT_LIST_AFTER_COLON = re.compile(
    rf"设(?:立|置)?(?:下列)?(?:{COUNT}个)?(?:内设机构|职能处室|职能科室|处室|科室|股室)(?:（[^）]{{1,6}}）)?[：:]"
    r"([^。\n：]{2,400})(?=[。\n]|$)"
)
# Separators between the names of such a list: 、 and a last 和/及 (人事司和机关党委).
UNIT_LIST_SEPARATOR = re.compile(rf"、|(?<=[{UNIT_END_CHARS}）])(?:和|及|以及)")
# 设22个内设机构 / 设下列12个内设机构 / 内设机构（司局）12个 / 内设处室9个 / 设置15个职能处室 /
# 设A、B等2个内设机构 / 设A、B和C3个内设机构.
DECLARED_UNITS = re.compile(
    rf"设(?:立|置)?(?:下列)?({COUNT})个(?:内设机构|职能(?:司局|司|处室|处|局|部门|科室|股室)|处室|科室|股室|机构)"
    rf"|内设(?:机构|处室|科室)(?:（[^）]{{1,6}}）)?({COUNT})个"
    rf"|等({COUNT})个(?:内设机构|职能处室|职能科室|处室|科室|股室)"
    rf"|(?<=[{UNIT_END_CHARS}）])({COUNT})个(?:内设机构|职能处室|职能科室|处室|科室|股室)"
)

# A bracket after a unit's name that is not another name of it: its rank (（正处级）) or a note that it
# shares offices with another unit (（与机关党委合署办公）).
NOT_AN_ALIAS = re.compile(r"^(?:(?:正|副)?(?:厅|局|司|处|科|股|县处|乡科)级|.*合署办公|.*合署)$")

# A sentence that states a staffing count (机关行政编制为18名 / 行政编制一十八名), not opening with an
# item marker: where the staffing passage starts inside a section headed 三、内设机构和人员编制. A page
# may have run it into the last unit's line, so it is found by sentence, not by line.
STAFFING_LINE = re.compile(
    rf"(?:(?<=^)|(?<=[\n。；]))(?!（|\d{{1,2}}[.．、]|{CN}{{1,3}}、)[^\n。；]{{0,40}}?编制(?:为|共|核定为)?\s*{COUNT}名",
    re.MULTILINE,
)
