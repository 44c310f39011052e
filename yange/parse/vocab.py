"""Vocabulary of the 三定 genre: cue words, unit suffixes, headings and the regexes built from them.

Everything that is *language* rather than *logic* lives here as a named constant, so that a notice
from a province or era not seen before usually needs a new word here, not new code. Each pattern says
what it must match and what it must not, and why.
"""

from __future__ import annotations

import re

# --- numerals ---------------------------------------------------------------------------------

# Chinese numeral characters used in ordinals, counts and dates. 〇/○/零 appear in years (二○一○).
CN_DIGITS = "零〇○一二三四五六七八九十百千两"
_CN = f"[{CN_DIGITS}]"
# A count: Arabic or Chinese numerals (编制二十五名 as well as 25名).
COUNT = rf"(?:\d+|{_CN}+)"

# --- numbered item markers ---------------------------------------------------------------------

# （十三） / (十三) after normalisation both read （十三）. Must not match （含…） or （地区）.
PAREN_MARKER = re.compile(rf"（({_CN}{{1,4}})）")
# 一、 at a line start or after a sentence end / space / colon. Must NOT match 统一、 or 多、双边:
# the character before must not be a CJK ideograph, which the lookbehind alternatives guarantee.
TOP_MARKER = re.compile(rf"(?:(?<=^)|(?<=[\n。；：:\s”）】]))({_CN}{{1,3}})、", re.MULTILINE)
# 第十三条 opening an article (2018-on form). Only at a line start or after a sentence end.
ARTICLE_MARKER = re.compile(rf"(?:(?<=^)|(?<=[\n。；：\s]))第({_CN}{{1,4}})条\s*", re.MULTILINE)
# 1. / 1． / 1、 sub-items, only after a sentence end or line start (never inside 2010-05-29 or 1.5).
DIGIT_MARKER = re.compile(r"(?:(?<=^)|(?<=[\n。；：\s]))(\d{1,2})[.．、](?!\d)", re.MULTILINE)
# （1） items, which some county notices use for a section's items; tried only when a section has
# neither （一） nor 1. items (elsewhere （1） numbers sub-items). Only after a line start or sentence end.
ARABIC_PAREN_MARKER = re.compile(r"(?:(?<=^)|(?<=[\n。；：\s]))（(\d{1,2})）", re.MULTILINE)

# The same markers without the condition on what precedes them, tried only at a section's very start.
BARE_MARKERS: dict[str, re.Pattern[str]] = {
    DIGIT_MARKER.pattern: re.compile(r"(\d{1,2})[.．、](?!\d)"),
    ARABIC_PAREN_MARKER.pattern: re.compile(r"（(\d{1,2})）"),
}

# 第二章 主要职责: a chapter heading line of regulations written in chapters; it belongs to no article.
CHAPTER_LINE = re.compile(rf"(?:(?<=^)|(?<=\n))第{_CN}{{1,3}}章[^\n。]{{0,20}}(?=\n|$)")

# --- section headings ----------------------------------------------------------------------------

# Top-level section names of a 三定 regulation, mapped to the contract's SECTION (None: preamble-like
# parts whose content is read elsewhere, e.g. 人员编制 for staffing).
SECTION_HEADINGS: dict[str, str | None] = {
    "职责调整": "adjustments",
    "职能转变": "adjustments",
    "职能调整": "adjustments",
    # both names in one heading, as some provinces wrote it in the 2009 round
    "职能转变和职责调整": "adjustments",
    "职责调整和职能转变": "adjustments",
    "职责调整与职能转变": "adjustments",
    "主要职责": "duties",
    "主要职能": "duties",
    "内设机构": "units",
    "机构设置": "units",
    "内设机构及其职责": "units",
    "内设机构及职责": "units",
    "内设机构和职责": "units",
    # one heading for units and staff: the staffing passage follows the units (see STAFFING_LINE)
    "内设机构和人员编制": "units",
    "内设机构与人员编制": "units",
    "内设机构及人员编制": "units",
    "机构设置和人员编制": "units",
    "机构设置与人员编制": "units",
    "人员编制": "staffing",
    "人员编制和领导职数": "staffing",
    "人员编制与领导职数": "staffing",
    "人员编制及领导职数": "staffing",
    "编制和领导职数": "staffing",
    "其他事项": "other_matters",
    "其他": "other_matters",  # only as a heading line of its own: see HEADING
    # 附则 (本规定由…负责解释) closes the other matters but holds no numbered item of its own
    "附则": "preamble",
}
# 一、职责调整 / 二、主要职责: a top marker directly followed by a heading word. The heading is the
# whole thing up to the next marker or sentence, so 主要职责 must not match 主要职责是 in a sentence.
# Bare 编制 is not a heading word (三、编制全省规划 is a numbered function), and 其他 is one only on
# a line of its own (四、其他).
# The number may be followed by 、 or, on some pages, by a point (一．职责调整, folded to 一.) or
# only a space (一 职责调整, where a copy lost the 、).
HEADING = re.compile(
    rf"(?:(?<=^)|(?<=[\n。；：\s”）]))({_CN}{{1,2}})(?:、|\.(?!\d)|(?=[ \t]))\s*("
    + "|".join(sorted((w for w in SECTION_HEADINGS if w != "其他"), key=len, reverse=True))
    + r"|其他(?=\s*(?:\n|$|（)))"
    # not a heading when the words run on into a sentence: 主要职责是… / 内设机构的…
    + r"(?![是的和与及为由等])",
    re.MULTILINE,
)

# A heading line with no number (some pages drop them): the heading word alone on its line.
BARE_HEADING = re.compile(
    r"^\s*("
    + "|".join(sorted((w for w in SECTION_HEADINGS if w != "其他"), key=len, reverse=True))
    + r")\s*$",
    re.MULTILINE,
)

# --- adjustment KINDs ----------------------------------------------------------------------------

# Cue patterns per KIND, tried in order; the first that matches an adjustment's text wins. Order
# matters: 划给 before 划入 (从A划入 vs 划给B), 交由事业单位 before 交由其他部门, 下放给 (out) before
# 承担…下放的 (in). Each has one capture group for the counterpart agency where the wording gives one.
# What follows the receiving agency of a transfer: an optional verb, then the end of the clause. The
# verb alone is not enough (省市场监督管理局 contains 管理), so the clause must end right after it.
_RECEIVER_END = r"(?:承担|负责|行使|管理)?(?=[。，；]|$)"
# 将…职责划入X: X is the receiver. When X is not the agency itself the duty leaves (transferred_out);
# checked before KIND_CUES, with the agency's name in hand.
TRANSFER_TARGET = re.compile(rf"(?:划入|划归)(?!的)([^，。；、]{{2,30}}?){_RECEIVER_END}")
# How the name of a body ends; a counterpart read from 将X的…职责划入 must be one (将全省安全生产的
# 综合监管职责划入 names no body).
_BODY_END = r"(?:厅|局|委员会|委|办公室|办|部|部门|院|署|中心|总队|支队|队|站|所|政府|机构|单位|指挥部)"
# A verb a counterpart runs into when the wording is 将A承担的…职责划入 (A, not A承担).
COUNTERPART_TRAILING_VERB = re.compile(r"(?:所)?(?:承担|负责|行使|履行)$")
# Words that stand for the agency itself in its own regulation: 本部, 我厅, 该局.
SELF_REFERENCE = re.compile(r"^(?:本|我|该|你)(?:部|厅|局|委|办|署|会|院|中心)$")
KIND_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("handed_to_institution", re.compile(r"交由(?:所属|相关|有关)?(事业单位|[^，。；]{0,20}?(?:中心|事业单位))")),
    # 交给 / 转交 / 划转到 in the 1990s rounds; 调整由 / 改由 X 承担 in later ones
    ("transferred_out", re.compile(
        rf"(?:划给|划转给|划转至|划转到|划出至|移交给?|转交给?|交给|交由|调整由|改由)([^，。；、]{{2,30}}?){_RECEIVER_END}")),
    # 将…职责划出，由X承担
    ("transferred_out", re.compile(r"划出[，,]?(?:改)?由([^，。；、]{2,30}?)(?:承担|负责|行使)")),
    ("transferred_out", re.compile(r"划出()")),
    ("transferred_in", re.compile(r"从([^，。；]{2,30}?)划入")),
    # 将原由X承担的…职责划入/划归 (the agency itself)
    ("transferred_in", re.compile(r"(?:原由|^\s*由)([^，。；]{2,30}?)(?:承担|负责|行使)的[^。；]{0,60}?(?:划入|划归)")),
    ("transferred_in", re.compile(r"将([^，。；]{2,30}?)的[^。；]{0,60}?(?:职责)?(?:划入|划归)")),
    # X的…职责划入 with no 将: X must name a body
    ("transferred_in", re.compile(rf"^\s*([^，。；的]{{2,30}}?{_BODY_END})的[^。；]{{0,60}}?(?:职责)?(?:划入|划归)")),
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

# The shape of an adjustment item: how it opens. Used to tell a displaced adjustment from a duty.
# Must not match a main duty such as 承担…的具体工作 (承担 alone is a duty verb).
ADJUSTMENT_SHAPE = re.compile(
    r"^(?:取消|不再|加强|强化|深化|增加|整合"
    r"|将.{0,120}?(?:划入|划给|划出|划转|交由|下放|移交)"
    r"|从.{0,40}?划入"
    r"|(?:承担|承接).{0,30}?下放的)"
)

# --- units ---------------------------------------------------------------------------------------

# Suffixes an internal unit's name ends with (办公室 before 室, 委员会 before 会).
UNIT_SUFFIXES = (
    "办公室", "委员会", "机关党委", "中心", "处", "室", "局", "司", "厅", "科", "所", "站", "队", "部", "组",
    "股",  # county-level bureaus: 登记注册股, 法规股
    "办",  # 综合办, 政工办 (after 办公室, which is tried first)
)
# Units that carry no ordinal in the units section but are units all the same.
UNNUMBERED_UNITS = re.compile(
    r"(?:(?<=^)|(?<=[\n。；\s]))(机关党委|离退休干部(?:工作)?(?:处|局|办公室)|机关纪委|纪检监察室|派驻纪检组)"
)
# Verbs a unit's duty text (or a main duty) opens with. A unit item is NAME + one of these (or 。).
DUTY_VERBS = (
    "负责", "承担", "拟订", "拟定", "制定", "贯彻", "综合", "组织", "研究", "起草", "协调", "指导", "管理",
    "参与", "监督", "办理", "统筹", "会同", "依法", "牵头", "编制", "开展", "推进", "推动", "建立", "实施",
    "执行", "承办", "审核", "审批", "指导", "规范", "完善", "做好", "归口", "按照", "根据", "受", "对",
)
_VERB_ALT = "|".join(sorted(set(DUTY_VERBS), key=len, reverse=True))
_SUFFIX_ALT = "|".join(UNIT_SUFFIXES)
# NAME (ALIAS)? then a verb or 。/：. The name is short, has no punctuation and does not itself open
# with a duty verb (so 负责全省…中心的建设 is not a unit named 负责全省…中心).
# Verbs that, at an item's very start, mean it is not a unit. 综合 is left out (综合处, 综合规划处) and
# so are one-character verbs (对外贸易处 opens with 对).
_START_VERB_ALT = "|".join(
    v for v in sorted(set(DUTY_VERBS), key=len, reverse=True) if len(v) > 1 and v != "综合"
)
UNIT_SHAPE = re.compile(
    rf"^(?!{_START_VERB_ALT}|将|从|取消|加强|关于)"
    rf"(机关党委|机关纪委|[\u4e00-\u9fffA-Za-z0-9]{{1,20}}?(?:{_SUFFIX_ALT}))"
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
UNIT_LIST_SEPARATOR = re.compile(r"、|(?<=[处室局司厅科股所站队部组心会委）])(?:和|及|以及)")
# 设22个内设机构 / 设下列12个内设机构 / 内设机构（司局）12个 / 内设处室9个 / 设置15个职能处室 /
# 设A、B等2个内设机构 / 设A、B和C3个内设机构.
DECLARED_UNITS = re.compile(
    rf"设(?:立|置)?(?:下列)?({COUNT})个(?:内设机构|职能(?:司局|司|处室|处|局|部门|科室|股室)|处室|科室|股室|机构)"
    rf"|内设(?:机构|处室|科室)(?:（[^）]{{1,6}}）)?({COUNT})个"
    rf"|等({COUNT})个(?:内设机构|职能处室|职能科室|处室|科室|股室)"
    rf"|(?<=[处室局司厅科股所站队部组心会委）])({COUNT})个(?:内设机构|职能处室|职能科室|处室|科室|股室)"
)

# A bracket after a unit's name that is not another name of it: its rank (（正处级）) or a note that it
# shares offices with another unit (（与机关党委合署办公）).
NOT_AN_ALIAS = re.compile(r"^(?:(?:正|副)?(?:厅|局|司|处|科|股|县处|乡科)级|.*合署办公|.*合署)$")

# A sentence that states a staffing count (机关行政编制为18名 / 行政编制一十八名), not opening with an
# item marker: where the staffing passage starts inside a section headed 三、内设机构和人员编制. A page
# may have run it into the last unit's line, so it is found by sentence, not by line.
STAFFING_LINE = re.compile(
    rf"(?:(?<=^)|(?<=[\n。；]))(?!（|\d{{1,2}}[.．、]|{_CN}{{1,3}}、)[^\n。；]{{0,40}}?编制(?:为|共|核定为)?\s*{COUNT}名",
    re.MULTILINE,
)

# --- agency, aliases, rank -----------------------------------------------------------------------

# 加挂“福建省人民政府口岸工作办公室”牌子 / 加挂A、B牌子 / 挂X牌子 / 对外保留X牌子.
# Not 不再加挂X牌子 / 取消X牌子 (a sign taken down), nor 加挂在A的X牌子 (a sign on another agency).
# The names may each be quoted (加挂“A”“B”牌子) and followed by a count (A、B两块牌子).
ALIAS_SIGN = re.compile(r"(?<!不再)(?<!取消)(?:加挂|挂|保留)(?!在)([^。；，]{2,60}?)(?:的)?(?:[两二三四\d]块)?牌子")
# A second sign right after the first (matched where the first ends): 加挂A牌子和B牌子 / A牌子、加挂B牌子.
ALIAS_SIGN_MORE = re.compile(r"(?:和|及|、)(?:加挂|挂)?([^。；，]{2,60}?)(?:[两二三四\d]块)?牌子")
# 对外称“机关服务局” / 对外称机关服务局.
ALIAS_EXTERNAL = re.compile(r"对外称[“\"「]?([^”\"」。；，）)]{2,30})[”\"」]?")
# 正厅级 / 副部级 / 正局级 / 为副部级 / 副省级. Must not match 省级 or 处级以下 (no 正/副 in front).
RANK = re.compile(r"(?:为)?((?:正|副)(?:省部|地厅|县处|乡科|部|厅|局|司|处|科|省|地|县|乡)级)")
# 设立X（加挂…牌子），为…  — the agency the regulation establishes.
ESTABLISH = re.compile(r"设立([^，。；（(]{2,40}?)(?=[（(，,。；]|为)")
# 第二条 X是国务院组成部门 / X为省政府直属机构: the agency when no title or 设立X names it.
AGENCY_IS = re.compile(
    r"(?:(?<=^)|(?<=[\n。\s]))([^\s，。；：、“”《》（）()]{2,40}?)(?:是|为)(?:党中央|国务院|省委|省政府|市委|市政府|县委|县政府|"
    r"[^，。；]{0,12}?)(?:组成部门|直属机构|工作部门|部门管理机构|直属特设机构|工作机关|办事机构|派出机构)",
    re.MULTILINE,
)
# The fixed tail of a regulation's title; the agency is the run of text just before it (see
# metadata.regulation_titles, which backs up from the tail: searching from the tail keeps it linear).
# Variants: 主要职能、内设机构… (some county notices), …人员编制方案 (a few provinces' word for it).
_REGULATION_TAIL = r"(?:主要职责|主要职能|职能配置)、?内设机构和人员编制(?:规定|方案)|机构职能编制规定"
REGULATION_SUFFIX = re.compile(_REGULATION_TAIL)
# A regulation's own title standing on a line of its own (not cited in 《》, not inside 关于印发…的通知):
# a notice that issues several regulations has one such line per agency.
REGULATION_TITLE_LINE = re.compile(rf"^([^\n，。；：、《》“”]{{2,40}}?)(?:{_REGULATION_TAIL})[ \t]*$", re.MULTILINE)
# Characters an agency name in a title cannot contain; backing up from the tail stops at them.
TITLE_STOP = set(" \n《》〈〉“”，。；：:、")


# --- metadata ------------------------------------------------------------------------------------

# The covering letter's title. The prefix (issuer) may not contain punctuation or a book-title mark,
# so a title cited inside 《…》 (根据…《关于印发〈…方案〉的通知》) never starts a match; the title
# itself may hold 《》 (关于印发《X规定》的通知).
NOTICE_TITLE = re.compile(
    r"(?:(?<=^)|(?<=[\n。；：:\s】\]]))"
    r"([^\s《》〈〉“”，。；：:、【】\d\-]{0,30}?关于[^\n。]*?的(?:通知|决定|批复))"
    r"(?![》〉])",
    re.MULTILINE,
)
# 闽政办〔2010〕175号 after bracket normalisation. The prefix is 1-10 ideographs.
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})〔(\d{4})〕(\d{1,4})号")
# 二○一○年五月二十九日 (Chinese numerals; 〇/○/零 all read 0).
CN_DATE = re.compile(rf"({_CN}{{4}})年({_CN}{{1,2}})月({_CN}{{1,3}})日")
# 2010年5月29日 / 2010-05-29 / 2010.05.29 / 2010/5/29.
ARABIC_DATE = re.compile(r"(\d{4})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)\s*(\d{1,2})\s*日?")
# Metadata blocks of document-sharing sites: 【制定机关】… 【字号】… 【公布日期】…
META_FIELD = re.compile(r"【([^】]{2,8})】\s*([^【\n•·|｜]*)")
META_ISSUER = ("制定机关", "发布机关", "发文机关", "颁布机关")
META_DOC_NUMBER = ("字号", "发文字号", "文号")
META_DATE = ("公布日期", "发布日期", "成文日期", "颁布日期")
# Page words that run into a title on sharing sites (…编制管理正文江西省人民政府办公厅关于…): a title's
# issuer prefix starts after the last of them.
TITLE_JUNK = re.compile(r".*(?:正文|标题|题名|名称|全文|原文|文章属性)[:：]?")
# Suffix an issuing body's name ends with (a signature line before the date).
ISSUER_SUFFIX = re.compile(r"(?:部|厅|局|委员会|委|办公厅|办公室|政府|院|署|会)$")
# Lines of page furniture that may follow a complete notice: links to the neighbouring documents,
# print/close buttons. They are not notice text, so a notice ending with them is not cut short.
PAGE_FURNITURE_LINE = re.compile(
    r"^(?:【?(?:上一篇|下一篇|上一条|下一条|上一页|下一页|相关链接|相关文件|相关阅读|打印|关闭|分享到|返回顶部)】?"
    r"|.{0,30}(?:版权所有|ICP备|联系我们|网站地图))"
)
# Page titles carry a site suffix: 关于…的通知_福建省人民政府门户网站 / … - 中国政府网 / …|某网.
SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s-\s|—{1,2}).{0,30}(?:网|网站|门户|平台|首页)\s*$")

# --- genre detection -----------------------------------------------------------------------------

# A three-fixings regulation (full form or 2018-on form), or one of its section headings.
SANDING_CUE = re.compile(
    r"内设机构和人员编制规定|职能配置|主要职责|内设机构|人员编制|机关行政编制|职责调整"
)
# A functions notice of several units: headings X主要职能 / X职能.
FUNCTIONS_CUE = re.compile(r"主要职能")
# Amendment notice titles: 关于调整…职责机构编制的通知, …职责调整的通知, 关于调整…内设机构的通知.
AMENDMENT_TITLE = re.compile(
    # 关于同意<agency>调整…的批复: a reply may name the agency between 同意 and the verb
    r"关于(?:同意[^。\n《》]{0,30}?)?(?:调整|划转|明确|变更)[^。\n]{0,60}?(?:职责|职能|机构|编制|内设机构|牌子|领导职数)[^。\n]{0,20}?的(?:通知|批复)"
    r"|职责调整(?:有关事项)?的(?:通知|批复)"
    # 关于X内设机构调整的批复: the thing adjusted named before the verb
    r"|关于[^。\n]{0,40}?(?:内设机构|机构编制|职责|职能|领导职数)(?:调整|变更|划转)(?:有关事项)?的(?:通知|批复)"
)

# Sentence-level boundaries that end an item even without a new marker: the signature date of the
# covering letter, the regulation's own title (found by its fixed tail; the caller backs up to the
# title's start), the preamble that establishes the agency.
ITEM_BOUNDARY = re.compile(
    rf"{_CN}{{4}}年{_CN}{{1,2}}月{_CN}{{1,3}}日"
    rf"|(?P<title>{_REGULATION_TAIL})(?![》〉])"
    # the preamble opens a line or follows the regulation's title; 。根据授权设立… inside a duty is not it
    r"|(?:(?<=\n)|(?<=规定))根据[^。]{0,200}?设立"
    r"|特此通知"
    # 附件：… / 附件1 on a line of its own, not 及其附件材料 inside a duty
    r"|(?:(?<=\n)|(?<=[。；]))附\s*件(?=[：:\d\s]|$)"
)
