"""Genre cues: what makes a text a 三定 regulation, a functions notice or an amendment."""

from __future__ import annotations

import re

# A three-fixings regulation (full form or 2018-on form), or one of its section headings.
SANDING_CUE = re.compile(
    r"三定”?规定|内设机构和人员编制规定|职能配置|主要职责|内设机构|人员编制|机关行政编制|职责调整|职能调整|职能转变"
)
# A functions notice: headings X主要职能, or one unit's X职责 line over its numbered duties.
FUNCTIONS_CUE = re.compile(
    r"主要职能|^[^\n。，]{2,40}职责[：:]?\s*\n(?:（对外称[^\n]*\n)?(?:一、|（一）)", re.MULTILINE
)
# Amendment notice titles: 关于调整…职责机构编制的通知, …职责调整的通知, 关于调整…内设机构的通知.
AMENDMENT_TITLE = re.compile(
    # 关于同意<agency>调整…的批复: a reply may name the agency between 同意 and the verb
    r"关于(?:同意[^。\n《》]{0,30}?)?(?:调整|划转|明确|变更)[^。\n]{0,60}?(?:职责|职能|机构|编制|内设机构|牌子|领导职数)[^。\n]{0,20}?的(?:通知|批复)"
    r"|职责调整(?:有关事项)?的(?:通知|批复)"
    # 关于X内设机构调整的批复: the thing adjusted named before the verb
    r"|关于[^。\n]{0,40}?(?:内设机构|机构编制|职责|职能|领导职数)(?:调整|变更|划转)(?:有关事项)?的(?:通知|批复)"
)
# Every AMENDMENT_TITLE match opens with one of these (anchors.finditer_at); keep in step.
AMENDMENT_TITLE_ANCHORS = ("关于", "职责调整")

# A reply that decides a change without a title saying so: 你局…请示收悉。…同意建立X… 特此批复.
AMENDMENT_REPLY = re.compile(
    r"请示收悉[\s\S]{0,600}?同意(?:建立|设立|组建|增设|撤销|调整|更名|成立|变更)[\s\S]*?(?:特此批复|此复)"
)
# An interpretation of agencies' 三定 clauses (中央编办对A、B《“三定”规定》中有关…条文的解释): it settles a
# split of duties between them; each item is kept for review, none is read as a new transfer.
INTERPRETATION_TITLE = re.compile(
    r"对(?P<agencies>[^。\n《]{2,80}?)《?“?三定”?规定》?[^。\n]{0,60}?(?:条文|规定)的(?:解释|说明)"
)

# --- look-alikes: texts of the same words that are no notice -------------------------------------

# A news item's own framing: a dateline (本报枣庄5月21日讯, 9月24日讯), a reporter's byline (（记者 张三）,
# 记者从…获悉), a newspaper as the source, 据悉 / 据…显示 reporting. Not bare 记者: a press office's
# duties speak of 新闻记者证.
NEWS_FRAMING = re.compile(
    # every alternative opens with a literal, so a scan does not try each at every character
    r"本报[^\n。，]{0,12}讯|月\d{1,2}日(?:电|讯)|日讯\s*[（(]|记者(?<=[（(]记者)\s*[\u4e00-\u9fff]|记者(?<=[（(] 记者)\s*[\u4e00-\u9fff]"
    r"|记者(?:从|了解到|获悉|采访)|据悉|据[^\n。，]{0,20}(?:官网|资料|消息|报道)显示"
    r"|来源[:：]\s*[^\n]{0,12}(?:报|晚报|日报|网)\b|摘自[^\n。]{0,20}(?:报|刊)\s*$|版权均属[^\n]{0,20}报",
    re.MULTILINE,
)
# A plan for a whole round of reform (XX县机构改革方案 / 实施方案): it lists agencies to set up, it
# defines none of them. Its title stands on a line of its own.
REFORM_PLAN_TITLE = re.compile(r"^[^\n。，]{0,40}机构改革(?:实施)?方案\s*$", re.MULTILINE)
# A procedural notice on how to write requests or reports (关于规范机构编制事宜请示的通知): it lists what a
# request must contain (应当包括下列内容), keyword-dense but configuring no agency.
PROCEDURAL = re.compile(
    r"关于(?:进一步)?规范[^\n。]{0,30}(?:请示|报送|行文|审批)[^\n。]{0,10}的通知|应当包括(?:下列|以下)内容|应当(?:用|使用)请示文种"
)
# An approval of an administrative division (关于同意福建省设立泉州市泉港区的批复): a place, not an agency.
DIVISION_APPROVAL = re.compile(
    r"关于(?:同意)?[^\n。]{0,30}(?:设立|撤销|调整|变更)[^\n。]{0,30}"
    r"(?:(?<=[市区县镇乡旗])|街道|行政区划|(?<=区划))的批复"
)
# Pages about an agency rather than by it. A budget or final-accounts page copies the agency's duties
# from its 三定 and lists its units, then its tables: its title names the budget, or it has two of these.
BUDGET_TITLE = re.compile(r"部门(?:预算|决算)|预算(?:公开|信息公开)|决算公开")
BUDGET_PAGE = re.compile(r"部门(?:预算|决算)|预算公开|收支(?:预算)?总表|一般公共预算|财政拨款(?:收入|支出)")
# A profile page (机构概况, 领导简介): the agency's duties and leaders, decided by no notice on the page.
PROFILE_PAGE = re.compile(r"机构概况|单位概况|部门概况|单位简介|领导简介|领导分工|领导信息")
# An encyclopedia entry's infobox (中文名 / 外文名 / 成立时间) or its edit links.
WIKI_PAGE = re.compile(r"中文名[称]?[:：\s]|外文名[:：\s]|百科|词条|编辑本段|义项")
INFOBOX = re.compile(r"^(?:中文名称?|外文名|成立时间|所属地区|机构性质|行政级别)[:：\s]", re.MULTILINE)
