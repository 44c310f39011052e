"""Numbered item markers and section headings: how a notice numbers and names its parts."""

from __future__ import annotations

import re

from yange.parse.vocab.names import REGULATION_TAIL_FIRST, REGULATION_TAIL_REST
from yange.parse.vocab.numerals import CN, CN_DIGITS, after_boundary

# What may stand before a marker that counts (besides a line start): a sentence end, a colon, a space.
_SENTENCE_BEFORE = r"\n。；：\s"
# （十三） / (十三) after normalisation both read （十三）. Must not match （含…） or （地区）.
PAREN_MARKER = re.compile(rf"（({CN}{{1,4}})）")
# 一、 at a line start or after a sentence end / space / colon. Must NOT match 统一、 or 多、双边:
# the character before must not be a CJK ideograph, which the lookbehind guarantees.
TOP_MARKER = re.compile(rf"({CN}" + after_boundary(r"\n。；：:\s”）】", CN) + rf"{CN}{{0,2}})、")
# 第十三条 opening an article (2018-on form). Only at a line start or after a sentence end.
ARTICLE_MARKER = re.compile("第" + after_boundary(_SENTENCE_BEFORE, "第") + rf"({CN}{{1,4}})条\s*")
# 1. / 1． / 1、 sub-items, only after a sentence end or line start (never inside 2010-05-29 or 1.5).
DIGIT_MARKER = re.compile(r"(\d" + after_boundary(_SENTENCE_BEFORE, r"\d") + r"\d?)[.．、](?!\d)")
# （1） items, which some county notices use for a section's items; tried only when a section has
# neither （一） nor 1. items (elsewhere （1） numbers sub-items). Only after a line start or sentence end.
ARABIC_PAREN_MARKER = re.compile("（" + after_boundary(_SENTENCE_BEFORE, "（") + r"(\d{1,2})）")

# The top-level numbering of a text that has no sections (an amendment's body): 一、 in the 中央编办 style,
# （一） in the provincial style, 1. in some 批复. A marker counts only at the text's start or after a line
# or sentence boundary, so 第一、二批 or a 、 inside an enumeration is never an item; the match includes
# the whitespace before the marker.
_CLAUSE_START = r"(?:^|(?<=[\n。；：:]))\s*"
TOP_LEVEL_MARKERS = (
    re.compile(_CLAUSE_START + rf"({CN}{{1,3}})、"),
    re.compile(_CLAUSE_START + rf"[（(]({CN}{{1,3}})[）)]"),
    re.compile(_CLAUSE_START + r"(\d{1,2})[.．、](?!\d)"),
)

# The same markers without the condition on what precedes them, tried only at a section's very start.
BARE_MARKERS: dict[str, re.Pattern[str]] = {
    DIGIT_MARKER.pattern: re.compile(r"(\d{1,2})[.．、](?!\d)"),
    ARABIC_PAREN_MARKER.pattern: re.compile(r"（(\d{1,2})）"),
}

# 第二章 主要职责: a chapter heading line of regulations written in chapters; it belongs to no article.
CHAPTER_LINE = re.compile(rf"^第{CN}{{1,3}}章[^\n。]{{0,20}}(?=\n|$)", re.MULTILINE)

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
    # only as the last words of a page a break cut: see HEADING
    "人员编制和": "staffing",
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
_HEADING_BODY = (
    rf"({CN}{CN}?)(?:、|\.(?!\d)|(?=[ \t]))\s*("
    + "|".join(
        sorted((w for w in SECTION_HEADINGS if w not in ("其他", "人员编制和")), key=len, reverse=True)
    )
    + r"|其他(?=\s*(?:\n|$|（))"
    # a heading a page break cut at the very end of the text: 四、人员编制和
    + r"|人员编制和(?=\s*\Z))"
    # not a heading when the words run on into a sentence: 主要职责是… / 内设机构的…
    + r"(?![是的和与及为由等])"
)
HEADING = re.compile(r"(?:(?<=^)|(?<=[\n。；：\s”）]))" + _HEADING_BODY, re.MULTILINE)
# The same without its condition on the character before, for a scan that checks that character
# itself (HEADING_AFTER): a pattern that opens with a lookbehind is tried at every character.
HEADING_CANDIDATE = re.compile(_HEADING_BODY, re.MULTILINE)
HEADING_AFTER = frozenset("\n。；：”） \t\r\f\v\u3000")

# A heading line with no number (some pages drop them): the heading word alone on its line, perhaps
# with a colon (人员编制及领导职数：), or glued after a wrapper's colon (…介绍如下：职能调整).
BARE_HEADING = re.compile(
    r"(?:^|(?<=[:：]))\s*("
    + "|".join(
        sorted((w for w in SECTION_HEADINGS if w not in ("其他", "人员编制和")), key=len, reverse=True)
    )
    + r")\s*[:：]?\s*$",
    re.MULTILINE,
)
# The sentence that opens a section when the text has no heading for it: 主要职责是： / 主要职责： for the
# duties, 设下列内设机构： / 内设两个职能处室： / 设6个内设机构： for the units. The section starts after it.
DUTIES_OPENER = re.compile(r"主要(?:职责|职能)(?:是|为|包括|如下)?[：:]")
UNITS_OPENER = re.compile(
    rf"(?:设|内设)(?:立|置)?(?:下列|以下)?(?:{CN}{{1,3}}个|\d{{1,3}}个)?"
    r"(?:内设机构|职能处室|职能科室|职能司局|处室|科室|股室)[：:]"
)

# Sentence-level boundaries that end an item even without a new marker: the signature date of the
# covering letter, the regulation's own title (found by its fixed tail; the caller backs up to the
# title's start), the preamble that establishes the agency.
# The pattern opens with the first characters of all of them, and each alternative checks its own with
# a lookbehind, so a scan of the whole notice stops only where one may start (numerals.after_boundary).
ITEM_BOUNDARY = re.compile(
    f"[{CN_DIGITS}{REGULATION_TAIL_FIRST}根特附]"
    rf"(?:(?<={CN}){CN}{{3}}年{CN}{{1,2}}月{CN}{{1,3}}日"
    rf"|(?P<title>{REGULATION_TAIL_REST})(?![》〉])"
    # the preamble opens a line or follows the regulation's title; 。根据授权设立… inside a duty is not it
    r"|(?<=根)据(?:(?<=\n根据)|(?<=规定根据))[^。]{0,200}?设立"
    r"|(?<=特)此通知"
    # 附件：… / 附件1 on a line of its own, not 及其附件材料 inside a duty
    r"|(?<=[\n。；]附)\s*件(?=[：:\d\s]|$))"
)
# Where each ITEM_BOUNDARY alternative starts, as (a literal, how many characters before it): the 年 of
# a date four numerals on, the regulation's tail (主要职责/主要职能…, 职能配置…, 机构职能编制规定), 根据,
# 特此通知, 附 (anchors.finditer_at). Keep in step with the pattern.
ITEM_BOUNDARY_ANCHORS = (("年", 4), "主要职", "职能配置", "机构职能编制规定", "根据", "特此通知", "附")
