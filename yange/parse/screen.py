"""Look-alikes: texts in the genre's words that are no reform notice, told apart before parsing.

A news report of a reform, a plan for a whole round of reform, a procedural notice on how to write
requests, an approval of an administrative division, a budget, profile or encyclopedia page: each uses the words of 三定 and amendment notices
(划入, 内设机构, 人员编制) and would give records that nobody decided. Such a text is rejected with a
reason that names what it is; nothing is read from it.
"""

from __future__ import annotations

from yange.parse.anchors import finditer_at
from yange.parse.items import heading_matches
from yange.parse.sanding import naming_sentences
from yange.parse.vocab import agencies, genre

_HEAD = 1500
_FOOT = 400


def _own_regulation(text: str) -> bool:
    """The text states a regulation or an amendment of its own (its title names one)."""
    head = text[:_HEAD]
    return (
        agencies.REGULATION_SUFFIX.search(head) is not None
        or next(finditer_at(genre.AMENDMENT_TITLE, head, genre.AMENDMENT_TITLE_ANCHORS), None) is not None
    )


def lookalike(text: str) -> str | None:
    """Why the text is a look-alike rather than a notice, or None when it may be one."""
    # a news item frames itself at its head (dateline, byline) or its foot (source, copyright)
    framed = any(word in text for word in _NEWS_WORDS) and (
        genre.NEWS_FRAMING.search(text, 0, _HEAD)
        or genre.NEWS_FRAMING.search(text, max(_HEAD, len(text) - _FOOT))
    )
    if framed and not _own_regulation(text):
        return "a news item about a reform (dateline, reporter or newspaper source), not the notice itself"
    head = text[:_HEAD]
    # each pattern only where its key word is (literal searches are far cheaper than the patterns)
    if "批复" in head and genre.DIVISION_APPROVAL.search(head):
        return "an approval of an administrative division (设立/撤销…区县), not of an agency"
    if ("应当" in head or "规范" in head) and genre.PROCEDURAL.search(head) and not _own_regulation(text):
        return "a procedural notice on how to write requests, configuring no agency"
    if _reform_plan_title(head) and not _own_regulation(text):
        return "a plan for a round of reform (机构改革方案), defining no agency"
    return _page_about_an_agency(text, head)


def _reform_plan_title(head: str) -> bool:
    """Whether a line of `head` is a reform plan's title (genre.REFORM_PLAN_TITLE), tried only at the
    start of each line that holds 机构改革 (where every match starts)."""
    at = head.find("机构改革")
    while at >= 0:
        if genre.REFORM_PLAN_TITLE.match(head, head.rfind("\n", 0, at) + 1) is not None:
            return True
        at = head.find("机构改革", at + 1)
    return False


def _page_about_an_agency(text: str, head: str) -> str | None:
    """A budget, profile or encyclopedia page that copies an agency's duties: none of it is a notice
    unless the page holds the regulation itself (its title) or its establishing sentence."""
    if not any(word in text for word in _PAGE_WORDS) or _own_regulation(text) or _establishes(head):
        return None
    budget = {m.group() for m in genre.BUDGET_PAGE.finditer(text)}
    if genre.BUDGET_TITLE.search(head, 0, 200) or len(budget) >= 2:
        return "a budget or final-accounts page: the agency's duties copied above its budget tables"
    if genre.PROFILE_PAGE.search(head):
        return "an agency profile page: duties and leaders, decided by no notice on the page"
    if genre.INFOBOX.search(head) and not heading_matches(text):
        return "an encyclopedia page about an agency, with no regulation in it"
    return None


# A word each news cue needs (literal searches first: most notices have none of them).
_NEWS_WORDS = ("讯", "记者", "据", "来源", "摘自", "版权")
# A word each page pattern needs: without any of them no page pattern can match (literal searches;
# 领导, in nearly every notice's staffing, first).
_PAGE_WORDS = (
    "领导",
    "预算",
    "决算",
    "收支",
    "财政拨款",
    "概况",
    "简介",
    "中文名",
    "外文名",
    "成立时间",
    "所属地区",
    "机构性质",
    "行政级别",
)


def _establishes(head: str) -> bool:
    """The text has the sentence that establishes an agency (设立X, X是县政府工作部门, X（以下简称Y）是…)."""
    return bool(naming_sentences(head))


def what_page(text: str) -> str | None:
    """What a text that holds no regulation is, when it says: an encyclopedia, budget or profile page."""
    for pattern, page in (
        (genre.BUDGET_PAGE, "a budget or final-accounts page"),
        (genre.WIKI_PAGE, "an encyclopedia page"),
        (genre.PROFILE_PAGE, "an agency profile page"),
    ):
        if pattern.search(text):
            return page
    return None
