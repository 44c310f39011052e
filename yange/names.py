"""How an agency's name ends: the one home of that vocabulary, for the parser and for storage.

A leaf module (no imports): `storage` may not import `yange.parse`, yet both must agree on what ends
an agency's name, so the endings live here and `yange.parse.vocab.names` builds its patterns from them.
"""

from __future__ import annotations

# Endings of an agency's (or issuing body's) name, longest first so that 国家发展和改革委员会 ends at
# 委员会, not at 委, and 办公厅 is not read as 办 + 公厅. 银行 (中国人民银行), 总会, 所 and 室 end central
# bodies and offices that amendments move duties between.
AGENCY_ENDINGS = (
    "委员会", "办公厅", "办公室", "管理局", "事务局", "监督局", "总局", "总署", "政府", "中心", "银行", "总会",
    "局", "部", "厅", "委", "署", "院", "办", "会", "所", "室",
)  # fmt: skip
AGENCY_END = "(?:" + "|".join(AGENCY_ENDINGS) + ")"
# The last characters of those endings, for lookbehinds that split a list of names (A和B, A、B):
# 国家发展和改革委员会 keeps its 和 because 展 ends no name.
NAME_END_CHARS = "".join(sorted({w[-1] for w in AGENCY_ENDINGS}))

# The bodies that issue a `functions` notice about their own units (商务部, 海关总署, 中国人民银行):
# ministries, commissions, administrations and offices, the shortest name at the front of the notice's
# issuer or title that ends so. Not 厅/委/办/中心 (a provincial or internal body), and 行 alone
# stands for 银行. Tried in this order at each length, so 委员会 wins over nothing shorter.
ISSUING_BODY_ENDINGS = ("部", "委员会", "总局", "总署", "局", "署", "办公室", "院", "行")
ISSUING_BODY_END = "(?:" + "|".join(ISSUING_BODY_ENDINGS) + ")"
