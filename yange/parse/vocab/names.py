"""How names end: agencies, the bodies a transfer names, internal units; and the words for "this agency".

One home for every "a name ends in…" cue; an agency's own endings are in `yange.names`, which storage
shares. The patterns elsewhere (receivers, givers, signatures, staffing categories, list separators)
are built from these, so a new ending is added once.
"""

from __future__ import annotations

import re

from yange.names import AGENCY_END, AGENCY_ENDINGS

# A body a transfer may name besides an agency: a department, a unit, a command, a team.
BODY_ENDINGS = (*AGENCY_ENDINGS, "部门", "机构", "单位", "指挥部", "总队", "支队", "队", "站")
BODY_END = "(?:" + "|".join(sorted(BODY_ENDINGS, key=len, reverse=True)) + ")"
# Endings only an agency has, never an internal unit (units end in 司/局/处/室/科/中心).
AGENCY_ONLY_END = re.compile(r"(?:部|厅|委员会|委|署|院|总局|政府)$")
# Signature lines and issuers: a name ending like an agency.
ISSUER_SUFFIX = re.compile(AGENCY_END + "$")

# Endings of an internal unit's name in a 三定 units section (办公室 before 室, 委员会 before 会; 股 for
# county-level bureaus: 登记注册股; 办 for 综合办, 政工办).
UNIT_SUFFIXES = (
    "办公室", "委员会", "机关党委", "中心", "处", "室", "局", "司", "厅", "科", "所", "站", "队", "部", "组", "股", "办",
)  # fmt: skip
UNIT_SUFFIX_ALT = "|".join(UNIT_SUFFIXES)
# Their last characters, for lookbehinds that split a list of units (A处和B处).
UNIT_END_CHARS = "".join(sorted({w[-1] for w in UNIT_SUFFIXES}))
# The unit endings an amendment names (增设…处, 撤销…队): 司/局/处/室/科/股 of agencies, 中心, and the
# 总队/支队/大队, 站 and 所 of public-security, market and transport bodies.
UNIT_END = r"(?:司|局|处|室|科|股|中心|办公室|队|站|所)"
# Endings only a unit has, never an agency: 城市管理处 starts like a place but is a unit.
UNIT_ONLY_END = re.compile(r"(?:司|处|科|股|(?<!办公)室)$")

# What a short form of a name may open with in place of the place's name: its level (省水利厅 for 西南省
# 水利厅, 区X局 for 揭阳市揭东区X局) or 原 for a former body.
LEVEL_PREFIX_CHARS = "原省市县区"

# Words that stand for the agency itself: 本部, 我厅, 该局 in its regulation; 你部 in a reply to it.
SELF_REFERENCE = re.compile(r"(?:本|我|该|你)(?:部|厅|局|委|署|办|院|会|行|室|中心)")

# The fixed tail of a regulation's title; the agency is the run of text just before it (see
# metadata.regulation_titles, which backs up from the tail: searching from the tail keeps it linear).
# Variants: 主要职能、内设机构… (some county notices), …人员编制方案 (a few provinces' word for it),
# 职能配置、内设机构和人员编制方案 (the 1994 round).
# Written as its first character, then the rest with a lookbehind on that character, so that a scan
# stops only where 主, 职 or 机 stands (see numerals.after_boundary); the same matches as
# (?:主要职责|主要职能|职能配置)、?内设机构和人员编制(?:规定|方案)|机构职能编制规定.
REGULATION_TAIL_FIRST = "主职机"
REGULATION_TAIL_REST = (
    r"(?:(?<=主)要(?:职责|职能)|(?<=职)能配置)、?内设机构和人员编制(?:规定|方案)|(?<=机)构职能编制规定"
)
REGULATION_TAIL = rf"[{REGULATION_TAIL_FIRST}](?:{REGULATION_TAIL_REST})"
