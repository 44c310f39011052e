"""Notice metadata: titles, document numbers, metadata blocks and page furniture."""

from __future__ import annotations

import re

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
# Metadata blocks of document-sharing sites: 【制定机关】… 【字号】… 【公布日期】…
META_FIELD = re.compile(r"【([^】]{2,8})】\s*([^【\n•·|｜]*)")
# The metadata table of a government information-disclosure page (gov.cn, county sites): a label, a
# colon, its value up to the next space (发布机构：X 文号：Y 成文日期：…). Not 发布日期/发布时间: when a
# page went up is not the notice's date.
META_LABELS = ("发文机关", "发布机构", "发文字号", "文号", "成文日期")
META_LABEL = re.compile(
    r"(?:^|(?<=\s))(" + "|".join(META_LABELS) + r")[:：]\s*(\S+(?: \d\d:\d\d(?::\d\d)?)?)",
    re.MULTILINE,
)
META_ISSUER = ("制定机关", "发布机关", "发文机关", "颁布机关", "发布机构")
META_DOC_NUMBER = ("字号", "发文字号", "文号")
META_DATE = ("成文日期", "公布日期", "发布日期", "颁布日期")
# Page words that run into a title on sharing sites (…编制管理正文江西省人民政府办公厅关于…): a title's
# issuer prefix starts after the last of them.
TITLE_JUNK = re.compile(r".*(?:正文|标题|题名|名称|全文|原文|文章属性)[:：]?")
# Lines of page furniture that may follow a complete notice: links to the neighbouring documents,
# print/close buttons. They are not notice text, so a notice ending with them is not cut short.
_PAGE_BUTTONS = r"【?(?:上一篇|下一篇|上一条|下一条|上一页|下一页|相关链接|相关文件|相关阅读|打印|关闭|分享到|返回顶部)】?"
_PAGE_FOOTER_WORDS = r".{0,30}(?:版权所有|ICP备|联系我们|网站地图|责任编辑|联系电话)"
_PAGE_CUT = r"因篇幅问题|当前位置"
# a line of masked fields (信息来源：*** 发布人：***)
_PAGE_MASKED = r".{0,40}\*{3}"
PAGE_FURNITURE_LINE = re.compile(rf"^(?:{_PAGE_BUTTONS}|{_PAGE_FOOTER_WORDS}|{_PAGE_CUT}|{_PAGE_MASKED})")
# The same lines in two parts, for a test of every line of a notice (identity.content): the words a
# line opens with, cheap to refuse; and the footer words or mask within its first characters, which
# the pattern looks for by backing up from 30 or 40 characters on, tried only where the literal gate
# finds the start of one of them within PAGE_FOOTER_REACH characters (4-character words from at most
# 30 on, *** from at most 40 on).
PAGE_FURNITURE_OPENING = rf"{_PAGE_BUTTONS}|{_PAGE_CUT}"
PAGE_FURNITURE_FOOTER = re.compile(rf"{_PAGE_FOOTER_WORDS}|{_PAGE_MASKED}")
# 版权|ICP|联系|网站|责任|\*{3}, opening with a class so that sre tries it only where one of those
# first characters stands (see numerals.after_boundary).
PAGE_FOOTER_GATE = re.compile(r"[版I联网责*](?:(?<=版)权|(?<=I)CP|(?<=联)系|(?<=网)站|(?<=责)任|(?<=\*)\*\*)")
PAGE_FOOTER_REACH = 43
# Page titles carry a site suffix: 关于…的通知_福建省人民政府门户网站 / … - 中国政府网 / …|某网.
SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s-\s|—{1,2}).{0,30}(?:网|网站|门户|平台|首页)\s*$")
# A suffix ends the line: its separator starts at most this far before the line's last non-space
# character (3 + 30 + 2), so a search for one need not start earlier (the pattern opens with \s*, which
# sre would try at every character).
SITE_SUFFIX_REACH = 36
# Lines a site wraps a notice in, which differ between copies of one notice: a government
# information-disclosure block (索引号 / 发布机构 / 公开方式 …), a registry's field labels, page and
# print buttons, a sharing site's "cut" notice. Dropped before a notice's identity is computed.
SITE_FURNITURE_LINE = re.compile(
    r"^\s*(?:索引号|目录组配分类|主题分类|公开方式|公开范围|公开时限|发布机构|信息来源|生成日期|浏览次数|访问次数"
    r"|字号[:：]?\s*(?:大|\[大\])|【?(?:打印|关闭)(?:本页|窗口)?】?|上面法规内容为部分内容|第\s*\[?\d+\]?\s*页"
    r"|电子标识编号|标识发放单位|发放单位|发放时间|网站名称|网上名称信息|仿冒网站)"
)
