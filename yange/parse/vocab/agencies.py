"""The agency a regulation defines: its signs (aliases), rank, establishing sentence and title."""

from __future__ import annotations

import re

from yange.names import AGENCY_END
from yange.parse.vocab.names import REGULATION_TAIL

# 加挂“福建省人民政府口岸工作办公室”牌子 / 加挂A、B牌子 / 挂X牌子 / 对外保留X牌子.
# Not 不再加挂X牌子 / 取消X牌子 (a sign taken down), nor 加挂在A的X牌子 (a sign on another agency).
# The names may each be quoted (加挂“A”“B”牌子) and followed by a count (A、B两块牌子).
ALIAS_SIGN = re.compile(
    r"(?<!不再)(?<!取消)(?:加挂|挂|保留)(?!在)([^。；，]{2,60}?)(?:的)?(?:[两二三四\d]块)?牌子"
)
# A second sign right after the first (matched where the first ends): 加挂A牌子和B牌子 / A牌子、加挂B牌子.
ALIAS_SIGN_MORE = re.compile(r"(?:和|及|、)(?:加挂|挂)?([^。；，]{2,60}?)(?:[两二三四\d]块)?牌子")
# 对外称“机关服务局” / 对外称机关服务局.
ALIAS_EXTERNAL = re.compile(r"对外称[“\"「]?([^”\"」。；，）)]{2,30})[”\"」]?")
# 正厅级 / 副部级 / 正局级 / 为副部级 / 副省级. Must not match 省级 or 处级以下 (no 正/副 in front).
RANK = re.compile(r"(?:为)?((?:正|副)(?:省部|地厅|县处|乡科|部|厅|局|司|处|科|省|地|县|乡)级)")
# 设立X（加挂…牌子），为…  — the agency the regulation establishes.
ESTABLISH = re.compile(r"设立([^，。；（(]{2,40}?)(?=[（(，,。；]|为)")
# 第二条 X是国务院组成部门 / X为省政府直属机构: the agency when no title or 设立X names it.
AGENCY_KINDS = (
    "组成部门",
    "直属机构",
    "工作部门",
    "部门管理机构",
    "直属特设机构",
    "工作机关",
    "办事机构",
    "派出机构",
    "管理的机构",
)
AGENCY_IS = re.compile(
    r"(?:(?<=^)|(?<=[\n。\s]))([^\s，。；：、“”《》（）()]{2,40}?)(?:是|为)(?:党中央|国务院|省委|省政府|市委|市政府|县委|县政府|"
    r"[^，。；]{0,12}?)(?:" + "|".join(AGENCY_KINDS) + ")",
    re.MULTILINE,
)
# The kind words alone, to find where an AGENCY_IS sentence can be: its match starts at most
# AGENCY_IS_REACH characters before its kind word (a 40-character name, 是/为, 12 characters), so the
# pattern, slow where it fails, is tried from there on only.
AGENCY_KIND = re.compile("|".join(AGENCY_KINDS))
AGENCY_IS_REACH = 53
# The 2018-on form names the agency once in full: 县卫生健康局（以下简称县卫健局）是县政府工作部门.
SHORT_FORM_WORD = "以下简称"
AGENCY_SHORT_FORM = re.compile(
    r"([^\s，。；：、“”《》（）]{2,40}?)（以下简称[“\"]?[^（）“”\"]{2,20}[”\"]?）(?:是|为)"
)
# The sentence that states the agency's rank or its units, where nothing else names it:
# 中卫市气象局的机构规格为正处级 / 市政府办公室内设15个处室 / 市卫健局设下列内设机构.
AGENCY_STATED = re.compile(
    r"(?:(?<=^)|(?<=[\n。，；\s]))([^\s，。；：、“”《》（）]{2,30}?"
    + AGENCY_END
    + r")(?:的机构规格为|的规格为|内设\d|内设[一二三四五六七八九十两]|设下列|设以下|机关行政编制为|机关编制为)"
)
# A page's heading line that is only a name: 揭阳市揭东区工业信息化和科技局, 金寨县卫生局.
NAME_LINE = re.compile(r"[^\s，。；：:、“”《》（）()\d]{2,38}" + AGENCY_END)
REGULATION_SUFFIX = re.compile(REGULATION_TAIL)
# A regulation's own title standing on a line of its own (not cited in 《》, not inside 关于印发…的通知):
# a notice that issues several regulations has one such line per agency.
REGULATION_TITLE_LINE = re.compile(
    rf"^([^\n，。；：、《》“”]{{2,40}}?)(?:{REGULATION_TAIL})[ \t]*$", re.MULTILINE
)
# The last characters of REGULATION_TAIL's endings (规定, 方案): only lines ending so are tried.
REGULATION_TITLE_LINE_END = "定案"
# Characters an agency name in a title cannot contain; backing up from the tail stops at them.
TITLE_STOP = set(" \n《》〈〉“”，。；：:、")
# A government's general office names itself in its own duties, where nothing above them survives (a
# page cut at the top): 协助市政府领导同志组织起草或审核以市政府、市政府办公室名义发布的公文 (国务院办公厅
# and every 省/市/县/区 office word the duty so). The second name must be the first plus 办公厅/办公室,
# and the documents 公文: a 法制办 reviews the 规范性文件 issued in those names, a 研究室 drafts 文稿 in
# the government's name alone, and neither is the office.
OFFICE_OWN_DOCUMENTS = re.compile(
    r"以([^\s，。；：、“”《》（）]{2,20}?)、(\1办公[厅室])的?名义(?:发布|印发|制发|下发)的公文"
)
# How an unnamed agency speaks of itself (负责厅机关和直属单位的党群工作): the kind word is all a reader
# learns of it, reported in the quality warning.
SELF_AS_OFFICE = re.compile(r"(办公厅|办公室|厅|局|委|部|署|办)机关")
