"""Vocabulary of amendment notices (关于调整…职责机构编制的通知): named patterns, no logic.

Each constant says what it must and must not match. The parser in `amendment.py` combines them;
keeping the cue words here lets a new variant of the genre be supported by editing data only.
"""

from __future__ import annotations

import re

from yange.names import AGENCY_END, NAME_END_CHARS
from yange.parse.vocab.names import UNIT_END, UNIT_END_CHARS
from yange.parse.vocab.numerals import DATE, NUM

# Where the numbered body ends: the closing formula, the signature date or an attachment.
TEXT_END = re.compile(
    r"特此通知|特此批复|此复|附件[:：]|\n\s*[（(]?(?:[0-9]{4}|[二〇零○一二三四五六七八九]{4})年"
)

# The agency named in the title: 关于调整A职责机构编制的通知, 关于A职责调整的通知,
# 关于调整A内设机构的通知. Lazy, so that "机构编制" in the title's tail is not swallowed.
TITLE_AGENCY = re.compile(
    r"关于(?:调整|印发)?(?P<agency>[^，。\n]{2,40}?)(?:的)?(?:主要)?(?:职责|职能|内设机构|机构编制|编制)"
)

# The addressee line of the covering letter: "商务部：" on its own, before the body. Must not match a
# "通知如下：" clause, hence the ban on verbs. Several addressees are separated by 、.
ADDRESSEE = re.compile(r"(?:^|\n)\s*(?P<agency>[^\n：:，。]{2,60}?)\s*[：:]\s*(?:\n|$|根据|经|为)")

# Whole agency name: a run of Han characters (plus brackets of an alias) ending in a suffix.
AGENCY_NAME = re.compile(r"[\u4e00-\u9fff（）()“”]{1,40}?" + AGENCY_END)

# Words that may trail a giver before 的 (将A承担的X职责) and must be cut from the name.
GIVER_TRAIL = re.compile(r"(?:承担|负责|管理|行使|履行|所属|内设|原有|现有)+$")
# Words that may trail a receiver (划入B承担, 交由B负责具体实施) and must be cut from the name.
# 管理 is not a trailing verb here: it ends many names (国家市场准入管理局 must stay whole).
RECEIVER_TRAIL = re.compile(
    r"(?:统一)?(?:承担|负责|行使|履行|办理)[^，。；]*$|(?<=["
    + NAME_END_CHARS
    + r"])(?:统一)?(?:管理|领导|主管)$"
)

# The transfer verbs. 划入/划给/划转给/划转至/交由/移交/调整到 all send the object to the receiver.
# 划出 alone (no receiver) is not here: it is a removal without a counterpart, handled as such.
TRANSFER_VERB = re.compile(
    r"(?:整体|一并)?(?:划入|划给|划转给|划转至|划转到|调整到|调整至|调整由|交由|交给|移交给?|移交至|划归"
    r"|下放至|下放给|下放到)"
)
TRANSFER = re.compile(r"将(?P<what>.+?)" + TRANSFER_VERB.pattern + r"(?P<receiver>[^，。；]+)")
# The same without 将, from the start of a clause: "水利部的…职责划入应急管理部". The parser takes it only
# when the object names its giver (…的, a known agency, 你部).
TRANSFER_BARE = re.compile(r"(?P<what>[^，。；]+?)" + TRANSFER_VERB.pattern + r"(?P<receiver>[^，。；]+)")
# The giver first and the receiver after 至: "A相应划转行政编制2名至B".
TRANSFER_SPLIT = re.compile(
    r"(?P<giver>[^，。；]{2,40}?)(?:相应|同时|一并)?(?:划转|划出|调出)(?P<what>[^，。；]*?(?:名|职数|职责|职能))"
    r"(?:至|到|给)(?P<receiver>[^，。；]+)"
)
# The giver first: "从A划出行政编制5名，划入B".
TRANSFER_FROM = re.compile(
    r"从(?P<giver>[^，。；]{2,40}?)(?:划出|调出|划转|调剂)(?P<what>[^，。；]*?)[，,]?"
    r"(?:划入|划给|调入|划转给|划转至|调整到|调剂给)(?P<receiver>[^，。；]+)"
)
# A duty leaving with no receiver named: "将A的X职责划出", "A不再承担X职责".
DUTY_LEAVES = (
    re.compile(r"将(?P<what>[^，。；]+?)(?:予以)?(?:划出|移出)$"),
    re.compile(
        r"(?P<giver>[^，。；]{2,40}?)不再(?:承担|履行|负责)(?P<what>[^，。；]*(?:职责|职能|工作|事项))$"
    ),
)

# Receivers listed after 分别: split where an agency name ends (国家发展和改革委员会 keeps its 和).
RECEIVER_LIST_SPLIT = re.compile(r"(?<=[" + NAME_END_CHARS + r"])(?:和|及|、)")

# A receiver that is not an agency: the duty leaves but nobody is recorded as receiving it.
# Whole receiver only: 国家市场准入管理局 contains 市场 but is an agency.
NON_AGENCY_RECEIVER = re.compile(
    r"^(?:所属|有关|相关|其他)?(?:事业单位|社会组织|行业协会(?:商会)?|市场|部门|地方(?:政府)?|下级(?:部门)?)$"
    # Lower governments as a class: 沿海各市, 各设区市, 市县, 县级人民政府.
    r"|各|(?:市县|市、县|设区市|县级|基层)"
)

# Several duties named in full in one object: "X职责和Y职责" (not "X和Y职责", whose parts share the word).
DUTY_LIST_SPLIT = re.compile(r"(?<=职责|职能)[，,]?(?:以及|和|及|、)(?=[^，。；]{2,}(?:职责|职能)$)")

# "A的X职责由B承担": a transfer written with 由; the object must name a duty and its giver.
TRANSFER_BY = re.compile(
    r"(?P<what>[^，。；]+?(?:职责|职能|工作|事项))(?:改由|调整由|由)(?P<receiver>[^，。；]+?)(?:承担|负责|履行|行使)$"
)

# A duty in the transferred object: it names 职责/职能/工作 (or 管理/执法 …) rather than only staff.
DUTY_WORD = re.compile(r"职责|职能|工作|事项|管理|执法|审批|监督|指导")

# Staff counts, both orders: "10名行政编制" and "行政编制10名". The category ends in 编制 or 职数.
# An explicit list, not "any Han run ending in 编制": 相应划转行政编制 must yield 行政编制.
STAFF_CATEGORY_ALTERNATIVES = (
    r"(?:机关)?(?:行政|事业|工勤人员事业|工勤|政法专项|机关事业)?编制|"
    r"(?:[正副]?(?:部|司局|厅局|厅|局|县处|处|乡科|科)级)?领导职数"
)
STAFF_CATEGORY = r"(?:" + STAFF_CATEGORY_ALTERNATIVES + r")"
COUNT_BEFORE = re.compile(r"(?P<n>" + NUM + r")名(?P<cat>" + STAFF_CATEGORY + r")")
COUNT_AFTER = re.compile(r"(?P<cat>" + STAFF_CATEGORY + r")(?:为|共)?(?P<n>" + NUM + r")名")

# The unit whose staff moves with a duty: "及其内设的反垄断局10名…", "商务部反垄断局10名…".
# The unit name may not contain 的/及/其/和/与, so it starts after "及其内设的".
UNIT_BEFORE_COUNT = re.compile(r"(?P<unit>(?:(?![的及其和与])[\u4e00-\u9fff]){2,20}?" + UNIT_END + r")$")
# What joins a duty to the unit whose staff moves with it: "…职责及其内设的X司".
UNIT_JOINER = re.compile(r"(?:及其|以及|连同|及|和|与|、|，)*(?:内设的|所属的|内设|所属)?$")

# A whole unit moving to another agency: "将A的X处整体划入B", "将A内设的X处及其职责、编制划入B".
UNIT_MOVED = re.compile(
    r"(?:内设的?|所属的?)?(?P<unit>[\u4e00-\u9fff（）()]{2,30}?" + UNIT_END + r")"
    r"(?:及其(?:职责|人员|编制|[、和])*)?(?:整体)?"
)

# Internal units: renamed, added, removed, merged.
# "撤销X处、Y处，组建Z处": the removed units form a new one (a merge).
FORMED_AFTER = re.compile(
    r"[，,](?:并|同时)?(?:组建|合并组建|合并设立)(?P<unit>[\u4e00-\u9fff（）()]{2,30}?"
    + UNIT_END
    + r")(?=[，,。；;]|$)"
)
# A name that starts with a place or the centre names an agency, not a unit: 市城市管理局, 国家…局.
REGION_PREFIXED = re.compile(r"(?:[\u4e00-\u9fff]{0,6}?(?:省|市|县|自治区|自治州)|国家|国务院|中央)(?!场)")
# The place part of an agency's name: 南山省, 北江市.
PLACE_PREFIX = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:省|市|县|区|州)")
RENAME = re.compile(
    r"(?:将)?(?:(?P<agency>[^，。；“”]{2,40}?)的)?(?:内设机构)?[“\"]?(?P<old>[^，。；“”的]{2,30}?)[”\"]?更名为"
    r"[“\"]?(?P<new>[^，。；“”]{2,30})"
)
UNIT_ADDED = re.compile(
    r"(?:在(?P<agency>[^，。；]{2,40}?))?(?:增设|新设|新增设立|设立|设置|组建|建立)[“\"]?(?P<unit>[\u4e00-\u9fff（）()]{2,30}?"
    + UNIT_END
    + r")[”\"]?(?:[，,](?P<duties>负责[^。；]+))?"
)
UNIT_REMOVED = re.compile(
    r"撤销(?:(?P<agency>[^，。；]{2,40}?)的)?(?:内设机构)?(?P<unit>[\u4e00-\u9fff（）()]{2,30}?"
    + UNIT_END
    # the whole name: 撤销渔业司远洋处 removes 远洋处 of 渔业司, not 渔业司
    + r")(?=[，,。；;、和及与（(]|$|其|相应|并|同时|设立|组建)"
    r"(?:[，,]其职责(?:并入|划入|由)(?P<into>[\u4e00-\u9fff]{2,30}?" + UNIT_END + r"))?"
)
# Units merged: 将X处和Y处合并为Z处 (合并设立/整合为); the enumeration is split where a unit name ends
# (社会事务和区划地名处 keeps its 和). A unit folded into another: 将X处并入Y处.
_UNIT = r"(?:(?![的])[\u4e00-\u9fff（）()])"
MERGE = re.compile(
    r"将?(?:(?P<agency>[^，。；“”]{2,40}?)的)?(?:内设机构)?(?P<units>[^，。；“”]{4,80}?)"
    r"(?:合并为|合并设立为?|合并组建为?|整合为|合并成立|合并[，,]?(?:组建|设立|成立)为?)(?P<new>[^，。；“”]{2,30}?"
    + UNIT_END
    + r")(?=[，,。；;]|$)"
)
MERGE_SPLIT = re.compile(r"(?<=[" + UNIT_END_CHARS + r"])(?:以及|、|和|及|与)")
MERGE_INTO = re.compile(
    r"将(?:(?P<agency>[^，。；“”]{2,40}?)的)?(?:内设机构)?(?P<unit>" + _UNIT + r"{2,30}?" + UNIT_END + r")"
    r"(?:整体)?并入(?P<into>" + _UNIT + r"{2,30}?" + UNIT_END + r")(?=[，,。；;]|$)"
)

# A bracketed aside at the end of a clause that makes a change of its own: "（B加挂C牌子）".
ASIDE = re.compile(
    r"[（(](?P<inner>[^（）()]{4,80}?(?:加挂|牌子|更名为|划入|撤销|增设|代管)[^（）()]*)[）)]\s*$"
)

# A heading inside an item (一、职责调整 / 二、机构调整), standing alone on its line: not an effect.
ITEM_HEADING = re.compile(r"[\u4e00-\u9fff、和]{0,10}(?:调整|变动|变更|事项|设置|划转|情况)")

# Page furniture after the notice on a web page, or the document's trailer: the body ends there.
PAGE_FURNITURE = re.compile(
    r"\n\s*(?:主办(?:单位)?[:：]|承办(?:单位)?[:：]|版权所有|Copyright|©|网站标识码|[^\n]{0,20}ICP备|联系我们|网站地图"
    r"|[【\[]?打印|[【\[]?关闭|分享到|扫一扫|相关链接|相关文章|上一篇|下一篇"
    # and the document's own trailer: 抄送 list, （此件公开发布）
    r"|抄送[:：]|[（(]此件|因篇幅问题)"
)

# A literal edit of a unit's duty wording: 将其职责表述中“…”修改为“…” (also 调整为/改为, and
# 将X处职责中的“…”). The quotes are required: without them the edit is not literal.
QUOTE_OPEN = '“"「『'
QUOTE_CLOSE = '”"」』'
_WHO = r"(?P<who>其|[^，。；“”]{2,40}?)(?:的)?(?:职责|主要职责|职能)(?:表述)?中(?:的)?"
_QUOTED_OLD = r"[“\"「『](?P<old>[^”\"」』]+)[”\"」』]"
_QUOTED_NEW = r"[“\"「『](?P<new>[^”\"」』]*)[”\"」』]"
WORDING = re.compile(r"将" + _WHO + _QUOTED_OLD + r"\s*(?:修改为|调整为|改为|修改成)\s*" + _QUOTED_NEW)
# Wording added (在其职责中增加“…”: no old text) or deleted (删去其职责中的“…” / 将…中的“…”删去: empty new).
WORDING_ADDED = re.compile(r"在" + _WHO + r"(?:增加|增写|加入|补充|增加表述)" + _QUOTED_NEW)
WORDING_DELETED = (
    re.compile(r"(?:删去|删除)" + _WHO + _QUOTED_OLD),
    re.compile(r"将" + _WHO + _QUOTED_OLD + r"\s*(?:删去|删除)"),
)

# Signs (牌子) and bodies.
# 加挂…牌子 (a sign) and 对外称… (an outward name) are both aliases. "不再" must be tried first, or
# the adding pattern would read "A不再加挂X牌子" as A不再 adding X.
ALIAS_REMOVED = (
    re.compile(r"(?P<agency>[^，。；“”]{2,40}?)不再加挂(?P<sign>.+?)牌子"),
    re.compile(r"(?P<agency>[^，。；“”]{2,40}?)不再对外称(?P<sign>[^，。；]+)"),
)
ALIAS_ADDED = (
    re.compile(r"(?:在)?(?P<agency>(?:[^，。；“”]{2,40}?)?)(?:加挂|挂)(?P<sign>.+?)牌子"),
    re.compile(r"(?P<agency>[^，。；“”]{2,40}?)(?:改为)?对外称(?P<sign>[^，。；]+)"),
)
BODY_ABOLISHED = re.compile(
    r"不再(?:保留|设立|单设)(?P<body>[^，。；]+?)(?:及其办事机构|及其办公室)?(?=[，。；]|$)"
)
# Where an abolished body's or removed unit's duties go: "，其职责划入B", "，具体工作由B承担".
DUTIES_GO = re.compile(
    r"[，,](?:其|原)?(?P<what>职责|职能|工作|具体工作|相关工作|日常工作|[^，。；]{0,20}?职责[^，。；]{0,16}?)"
    r"(?:整体)?(?:并入|划入|划给|划转至|交由|由)(?P<into>[^，。；]+?)(?:承担|负责|履行|行使)?(?=[，,。；;]|$)"
)

# Supervision taken on with no giver named: "B代管X", "X由B代管".
SUPERVISION_NEW = (
    re.compile(r"^(?P<receiver>[^，。；]{2,40}?)代管(?P<body>[^，。；]{2,40})$"),
    re.compile(r"^(?P<body>[^，。；]{2,40}?)(?:由|交由)(?P<receiver>[^，。；]{2,40}?)代管$"),
)
# Supervision (代管) moves: "A代管的X改由B代管" and "X改由B代管".
SUPERVISION = re.compile(
    r"(?:(?P<giver>[^，。；]{2,40}?)代管的)?(?P<body>[^，。；]{2,40}?)改由(?P<receiver>[^，。；]{2,40}?)代管"
)
# A body moved under another agency: "将A所属的X研究所划归B管理", "X改由B管理". Not for duties (…职责划归B):
# the parser leaves a body ending in 职责/职能/工作 to the transfer rule.
SUPERVISION_MOVE = re.compile(
    r"将?(?:(?P<giver>[^，。；“”]{2,40}?)(?:所属|管理|主管|代管)?的)?(?P<body>[^，。；“”]{2,40}?)"
    r"(?:划归|改由|调整为由)(?P<receiver>[^，。；]{2,40}?)(?:管理|领导|主管)$"
)

# Clauses that say nothing changes (所需编制内部调剂解决, 职责不变): kept as `other`, not warned about.
NO_CHANGE = re.compile(
    r"^相应调整[^，。；]{0,30}(?:职责|机构|编制)$|"
    r"^(?:所需|相关|上述)?(?:行政)?编制(?:和领导职数)?(?:从|由|在)[^，。；]{0,30}(?:调剂|解决)[^，。；]*$"
    r"|^(?:调整后[，,])?[^，。；]{0,30}?(?:职责|编制|级别|内设机构数?|领导职数|机构规格)(?:保持)?不变$"
    # Arrangements that change nothing themselves: 另行核定, 自印发之日起执行.
    r"|^[^，。；]{0,30}另行(?:核定|明确|通知|下达)$|^(?:本通知|以上调整|上述调整)?自[^，。；]{2,20}起(?:执行|施行|实施)$"
    # "…划入B，不再由A承担": restates the transfer just read.
    r"|^不再由[^，。；]{2,40}?(?:承担|负责|行使|履行)$"
    # the purpose and basis a reply opens with: 为确保…，根据…精神，经研究
    r"|^(?:为了?|根据|按照)[^。；]{0,200}?(?:经研究(?:决定)?|精神|要求)$"
)

# Staff added or taken back inside one agency (核增/核减): no transfer, kept as `other` with counts.
STAFF_CHANGE = re.compile(
    r"(?P<verb>核增|核减|增加|减少|收回)(?P<agency>[^，。；]{0,40}?)(?P<cat>"
    + STAFF_CATEGORY
    + r")(?P<n>"
    + NUM
    + r")名"
)
# The same with the verb after the category: "A机关行政编制增加5名".
STAFF_CHANGE_AFTER = re.compile(
    r"(?:将)?(?P<agency>[^，。；]{0,40}?)(?P<cat>"
    + STAFF_CATEGORY
    + r")(?P<verb>核增|核减|增加|减少)(?P<n>"
    + NUM
    + r")名"
)

# Totals after the change: "调整后，A内设机构21个，机关行政编制504名，司局级领导职数79名".
TOTALS_START = re.compile(
    r"(?:上述|此次|本次|经)?(?:调整|变动)后[，,]?|核定(?=[^，。；]{0,40}?(?:编制|职数|内设机构))"
)
TOTAL_ITEM = re.compile(
    r"(?P<cat>内设机构|" + STAFF_CATEGORY_ALTERNATIVES + r")(?:为|共|设)?(?P<n>" + NUM + r")(?:个|名)"
)
# A figure restated as changed ("机关行政编制由120名调整为115名") is a total too; "设12个内设机构" is
# rewritten to the usual order before reading.
CHANGED_FIGURE = re.compile(
    r"由(?:" + NUM + r")(?:个|名)(?:调整|核定|增加|减少|核减|核增|减|增)(?:为|至)"
    # "机关行政编制增加至120名": the verb right after the category, then 至/为/到 and the figure.
    r"|(?<=编制|职数|机构)(?:调整|核定|增加|减少|核减|核增|减|增)(?:为|至|到)(?=" + NUM + r")"
)
UNITS_FIRST = re.compile(r"设(?P<n>" + NUM + r")个内设机构")
# "厅级领导职数1正4副": one head and four deputies.
LEADERS_PAIR = re.compile(
    r"(?P<level>[部厅局司处科县乡]级)领导职数(?P<a>" + NUM + r")正(?P<b>" + NUM + r")副"
)
# A parenthetical inside a totals line ("（含…）") restates a sub-count: it is not a total.
PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")

PAGE_DATE_LINE = re.compile(r"发布(?:时间|日期)|来源[:：]|浏览|点击|更新时间|成文日期[:：]?$")

# The signature after the last item: the issuing body (optional) and the date, with nothing else. Such a
# clause ends the body; it is not an effect.
SIGNATURE = re.compile(r"(?:[\u4e00-\u9fff]{2,40}?" + AGENCY_END + r")?\s*[（(]?" + DATE.pattern + r"[）)]?")
# The issuer on its own line right above the signature date also ends the body.
SIGNATURE_LINES = re.compile(r"\n\s*[\u4e00-\u9fff]{2,40}?" + AGENCY_END + r"\s*\n\s*[（(]?" + DATE.pattern)

# --- patterns the clause rules use --------------------------------------------------------------

# A comma that opens a new clause: "…更名为Y，并将其职责表述中…", "…划入B，同时…".
CLAUSE_COMMA = re.compile(r"[，,](?=并|同时|另|将|撤销|增设|设立|新设|设置|不再|相应|同意|(?:对外)?加挂)")
# What a clause may open with that is not part of it (used with .match(text, pos): no "^",
# which would only match at the start of the whole text).
LEADING_NOISE = re.compile(
    r"(?:[\s，,、]|[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]+、|[0-9]+[.．]|并且?|同时|另外|此外|经研究[，,]?|同意)+"
)
# A short form of a name (省卫生健康委 for 省卫生健康委员会) must not split the full form.
EXTENDS_NAME = re.compile(r"员会|会(?!同)")
# Quote marks a name may carry.
QUOTES = re.compile(r"[“”\"「」『』]")
# What stands between 你部/该局 and the object it gives: 你部承担的X, 该局的X (负责X keeps its verb).
SELF_GIVER_REST = re.compile(r"^(?:(?:承担|负责|管理|所属|原有)的|的)")
# What stands between a giver and the object it gives: 将A承担的X / A所属的X.
GIVER_REST = re.compile(r"^(?:承担|负责|管理|所属|原有)?的?")
# A title broken after 关于 or 关于调整: joined up before the agency is read.
TITLE_BREAK = re.compile(r"(?<=关于调整)\n|(?<=关于)\n")
# A title cited in page furniture (相关文章：…) is not this notice's.
LINK_LINE = re.compile(r"^\s*(?:相关文章|相关链接|上一篇|下一篇|推荐阅读)[:：][^\n]*$", re.MULTILINE)
# 关于调整A等单位…: the others are not part of A's name.
TITLE_OTHERS = re.compile(r"等(?:单位|部门|机构)$")
# 关于同意调整A…: the verbs before the agency's name in a title.
TITLE_VERB_BEFORE = re.compile(r"^(?:同意|调整|明确|划转)+")
# 各有关部门 / 国务院有关部委: a circular to many agencies has no main one.
MANY_ADDRESSEES = re.compile(r"^各|有关|直属|所属")
# A 批复: 你局《关于…的请示》收悉。经研究，同意…: the body starts after the acknowledgement.
REQUEST_RECEIVED = re.compile(r"收悉[。，,]")
# Words a clause puts before a name: 同意将A…, 由B承担.
NAME_LEAD = re.compile(r"^(?:同意|将|在|由|并|同时|对)+")
# 将 opening the rest of a name after its agency.
LEADING_JIANG = re.compile(r"^将")
# "并对外加挂…": words where a sign's holder would stand, naming none.
NO_HOLDER = re.compile(r"^(?:并|同时)?(?:对外)?$")
# Between the names of several signs: “A”、“B” / A和B.
SIGN_LIST_SPLIT = re.compile(r"[”\"」』]?[、和及][“\"「『]?")
# An object that ends like a duty (…职责), not like a body.
DUTY_ENDING = re.compile(r"(?:职责|职能|工作|事项)$")
# What a new unit does, after its name: 负责…, 主要职责是….
UNIT_DUTIES = re.compile(r"(?:负责|承担|主要职责[是为：:])(.+)$")
# Between the duties of a 分别 list.
DUTY_SPLIT = re.compile(r"、|和|及")
# 划入新组建的B: B is the receiver.
NEW_BODY = re.compile(r"^(?:新组建的|新设立的|新组建|新设立)")
# Staff that follow a transfer: 相应划转…, 随之划转.
STAFF_FOLLOWS = re.compile(r"划转|划入|划出|随之|随同|相应")
# Separators at the ends of what stands between two totals (和 inside 文化和旅游部 stays).
TOTALS_SEPARATOR = re.compile(r"^[＿，,、；;\s]*(?:和|及|以及)?|[＿，,、；;\s]+$")
# Words between an agency's name and its totals: A机关行政编制, A的, A共设.
TOTALS_LEAD = re.compile(r"(?:的|机关|共|设|[＿\s])+$")
# Between several addressees.
ADDRESSEE_SPLIT = re.compile(r"[、，,]")
# A clause with no ideograph says nothing.
HAN = re.compile(r"[\u4e00-\u9fff]")
# 东海部渔业司的X职责: the duty is X职责; the unit that held it is in the text.
HOLDING_UNIT = re.compile(r"^[\u4e00-\u9fff]{2,12}?(?:司|处|科|室)的(?=[^，。；]*(?:职责|职能|工作))")
# 撤销A的X处、Y处: the further units of the enumeration.
MORE_UNITS = re.compile(r"(?:、|和|及|与|以及)(?P<unit>[\u4e00-\u9fff（）()]{2,30}?" + UNIT_END + ")")
# 关于A有关职责…: qualifiers after the agency's name in a title.
TITLE_QUALIFIER = re.compile(r"(?:调整|有关|部分|相关)+$")
# The body a new unit belongs to: 同意建立X，为Y的下设机构 / 为Y所属事业单位.
PARENT_BODY = re.compile(r"为(?P<parent>[^，。；]{2,40}?)(?:的)?(?:下设机构|所属(?:事业单位|机构)|内设机构)")
# Where a new unit's staff come from: 所核人员编制均从Y划转.
STAFF_SOURCE = re.compile(r"(?:均|全部)?从(?P<giver>[^，。；]{2,40}?)(?:划转|调剂|调入)")
# The lines that sign a notice above its date (中共湖南省委办公厅 / 湖南省人民政府办公厅 / 2019年3月1日).
SIGNATURE_NAME_LINE = re.compile(r"[^\s，。；：:、“”《》（）()]{2,30}" + AGENCY_END)
