"""The sentences by which a notice says one body succeeds another (for agency_lineage).

Each names agencies with names.AGENCY_END, so a name is a run of name characters ending like an agency.
"""

from __future__ import annotations

import re

from yange.parse.vocab.names import AGENCY_END

# One agency name: no punctuation, quotes, brackets or 的 inside (so 关于印发…的通知 is no name); ends like an agency (国家发展和改革委员会
# ends at 委员会, 省市场监督管理局 at 管理局). Lazy, so the first ending closes it unless a longer name
# is needed to reach the next cue.
_NAME = r"[^\s，。；：、“”《》（）()\"的]{2,38}?" + AGENCY_END
# Where a name must stop: punctuation, a list joiner, or the start of the next clause.
_STOP = r"(?=[，。；、（(和及”\"]|$|的|为|作为|加挂)"

# X更名为Z / 将X更名为Z: the same body under a new name. A name may start anywhere, so the pattern is
# tried only on sentences holding its cue (RENAMED_CUE): 2.4 ms -> 0.1 ms on a seed notice.
RENAMED_CUE = "更名为"
RENAMED = re.compile(rf"(?:将)?[“\"]?(?P<old>{_NAME})[”\"]?更名为[“\"]?(?P<new>{_NAME}){_STOP}")
# 组建X / 设立X / 新组建X / 成立X: a body created (the successor of the bodies the sentence abolishes).
# Like the others below, tried only on sentences holding one of its cues (most hold none).
CREATED_CUES = ("组建", "设立", "成立")
CREATED = re.compile(rf"(?:重新组建|新组建|组建|新设立|设立|成立)[“\"]?(?P<name>{_NAME}){_STOP}")
# 不再保留Y、Z: bodies no longer kept; the list runs to the end of the clause. Not 撤销 (said of internal
# units too: 撤销综合处) and not 不再保留X牌子 (a sign taken down, ONE_NAME refuses it).
ABOLISHED_CUE = "不再"
ABOLISHED = re.compile(r"(?:不再保留|不再单设|不再设立)(?P<names>[^，。；]{2,120})")
# 将Y的职责划入X / 将Y的…职责整合划入X / 将Y的职责并入X: a body's duties taken over by another. Cues:
# ABSORBED_LEAD and one of ABSORBED_CUES.
ABSORBED_LEAD = "将"
ABSORBED_CUES = ("划入", "并入", "划归")
ABSORBED = re.compile(
    rf"将[“\"]?(?P<old>{_NAME})[”\"]?的[^，。；]{{0,40}}?(?:职责|职能)(?:整合)?(?:划入|并入|划归)"
    rf"(?:新组建的|新设立的)?[“\"]?(?P<new>{_NAME}){_STOP}"
)
# The items of a list of names: 省工商局、省质监局和省食品药品监管局.
LIST_BREAK = re.compile(r"[、，,]|和|及")
# A sentence: what one reform clause can join (组建X … 不再保留Y within it).
SENTENCE_BREAK = re.compile(r"[。；\n]")
# A name in a list, whole.
ONE_NAME = re.compile(rf"^[“\"]?({_NAME})[”\"]?$")
