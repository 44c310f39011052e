"""Notice metadata: title, document number, issuer, publication date.

Pages are noisy: a page title with a site suffix, 发布日期 junk glued to the title, a neighbouring
document's title above the real one, 【制定机关】… blocks. Each field is read from the most reliable
place first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from yange.parse.anchors import finditer_at
from yange.parse.numbers import read_date
from yange.parse.vocab import agencies, markers, metadata, names, numerals


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    doc_number: str | None
    issuer: str | None
    published_on: dt.date | None
    title_end: int  # where the covering letter's title ends (0 if none)


_ISSUING = re.compile(r"关于印发|印发|关于")


def regulation_titles(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int, int]]:
    """(agency, title start, title end) of every regulation title X主要职责内设机构和人员编制规定; a
    leading 关于印发 or 印发 is not part of the agency, and the title starts at the agency."""
    end = len(text) if end is None else end
    for m in agencies.REGULATION_SUFFIX.finditer(text, start, end):
        i = m.start()
        floor = max(0, i - 40)
        while i > floor and text[i - 1] not in agencies.TITLE_STOP:
            i -= 1
        agency = _ISSUING.split(text[i : m.start()])[-1]
        if len(agency) >= 2:
            yield agency, m.start() - len(agency), m.end()


def _meta_fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    end = min(len(text), 4000)
    head = text[:end]
    # each pattern only where its mark is: a pattern opening with a lookbehind is tried at every character
    patterns = [
        p
        for p, present in (
            (metadata.META_FIELD, "【" in head),
            (metadata.META_LABEL, any(w in head for w in metadata.META_LABELS)),
        )
        if present
    ]
    for pattern in patterns:
        for m in pattern.finditer(text, 0, end):
            fields.setdefault(m.group(1).strip(), m.group(2).strip())
    return fields


def _first(fields: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if fields.get(name):
            return fields[name]
    return None


def date_of_match(m: re.Match[str]) -> dt.date | None:
    """The date of a numerals.CN_DATE or numerals.ARABIC_DATE match (its three groups)."""
    return read_date(m.group(1), m.group(2), m.group(3))


def _arabic_date(s: str) -> dt.date | None:
    m = numerals.ARABIC_DATE.search(s)
    return date_of_match(m) if m else None


# What may stand before 关于 in a title; backing up from 关于 stops at anything else.
_TITLE_PREFIX_STOP = set(" \t\n《》〈〉“”，。；：:、【】-0123456789")


def _title_candidates(text: str) -> list[re.Match[str]]:
    """metadata.NOTICE_TITLE matches in the head, tried only where a 关于 is (the pattern itself would be
    tried at every character): from each 关于 back to where its issuer prefix may start."""
    head_end = min(len(text), 6000)
    found: list[re.Match[str]] = []
    at = text.find("关于", 0, head_end)
    while at >= 0:
        start = at
        while start > 0 and at - start < 30 and text[start - 1] not in _TITLE_PREFIX_STOP:
            start -= 1
        # the pattern's prefix is lazy: the shortest prefix that still starts after a boundary. Past
        # `start` every character is none of _TITLE_PREFIX_STOP, so the pattern's lookbehind can only
        # hold after a ] or a space of another kind (\u3000): only there is it tried
        for s in range(start, at + 1):
            if s > start and text[s - 1] != "]" and not text[s - 1].isspace():
                continue
            m = metadata.NOTICE_TITLE.match(text, s, head_end)
            if m is not None:
                if not found or m.start() >= found[-1].end():
                    found.append(m)
                break
        at = text.find("关于", max(at + 2, found[-1].end() if found else 0), head_end)
    return found


_PUNCT_IN_NAME = re.compile(r"[\s，。；：:、《》“”]")


_NOT_PLAIN = re.compile(r"[《》〈〉、“”\s]")
_ISSUED = re.compile(r"印发(.+?)的通知")
_CITED = re.compile(r"《([^《》]{2,80})》")
_DATE_FIELD = re.compile(r"(?:发布|公布|成文)日期[:：]?\s*(\S{8,12})")


def _plain(s: str) -> str:
    return _NOT_PLAIN.sub("", s)


def _title_score(text: str, m: re.Match[str], cited: str) -> int:
    title = m.group(1)
    score = 0
    inner = _ISSUED.search(title)
    if inner and f"《{_plain(inner.group(1))}》" in cited:
        score += 2  # the covering letter cites what it issues: 《…规定》
    if next(_doc_numbers(text, m.end(), m.end() + 120), None) is not None:
        score += 1
    line_end = text.find("\n", m.end())
    if metadata.SITE_SUFFIX.match(text, m.end(), len(text) if line_end < 0 else line_end):
        score -= 1  # the page's <title>: 关于…的通知_某某网
    if metadata.TITLE_JUNK.match(m.group(1).split("关于", 1)[0]):
        score -= 1  # page words glued in front: …正文江西省人民政府办公厅关于…
    line_start = text.rfind("\n", 0, m.start(1)) + 1
    if _FURNITURE_LINE.match(text, line_start, m.start(1)):
        score -= 2  # another page's title in a 相关文章 / 上一篇 link
    if _BRACKET_DATE.match(text, m.end(1)):
        score += 1  # the document's own date stands under its title: （2023年9月24日）
    return score


# 本规定自2019年1月1日起施行 / 自二〇一九年一月一日起施行 (not 自印发之日起).
_IN_FORCE = re.compile(r"自\s*([\d零〇○一二三四五六七八九十]{4}\s*年[^日。\n]{1,8}日)\s*起(?:施行|执行|实施)")


def _cn_date_of(s: str) -> dt.date | None:
    m = numerals.CN_DATE.search(s)
    return date_of_match(m) if m else None


# Lines of a web page that name other documents: 相关文章：关于…的通知, 上一篇：…, 当前位置：…
_FURNITURE_LINE = re.compile(
    r"\s*(?:相关文章|相关阅读|相关链接|相关文件|推荐阅读|上一篇|下一篇|当前位置)\s*[:：]"
)


def _co_issuer(text: str, title_start: int) -> str | None:
    """A joint notice names its first issuer before a space: 中共某省委办公厅 某省人民政府办公厅关于…"""
    if title_start < 2 or text[title_start - 1] != " ":
        return None
    line_start = text.rfind("\n", 0, title_start - 1) + 1
    before = text[line_start : title_start - 1].strip()
    if 2 <= len(before) <= 30 and not _PUNCT_IN_NAME.search(before) and names.ISSUER_SUFFIX.search(before):
        return before
    return None


# A first line that is a section heading, an item or an article is no title (a page cut at the top).
_NOT_A_TITLE = re.compile(
    rf"^(?:[{numerals.CN_DIGITS}]{{1,3}}、|（[{numerals.CN_DIGITS}]{{1,4}}）|\d{{1,2}}[.．、]|第[{numerals.CN_DIGITS}]{{1,4}}条|根据)"
)


def choose_title(text: str) -> tuple[str | None, int, int]:
    """(title, start, end) of the covering letter's title, or the regulation's own title."""
    cands = _title_candidates(text)
    if cands:
        cited = "".join(f"《{_plain(c)}》" for c in _CITED.findall(text, 0, 20000))
        # best score, then the first
        best = max(cands, key=lambda m: (_title_score(text, m, cited), -m.start()))
        title = metadata.SITE_SUFFIX.sub("", best.group(1)).strip()
        prefix, _, rest = title.partition("关于")
        prefix = metadata.TITLE_JUNK.sub("", prefix)
        title = f"{prefix}关于{rest}"
        start = best.end(1) - len(title)
        co_issuer = _co_issuer(text, start)
        if co_issuer:
            title, start = f"{co_issuer} {title}", start - len(co_issuer) - 1
        return title, start, best.end(1)
    for _agency, start, end in regulation_titles(text, 0, min(len(text), 4000)):
        return text[start:end], start, end
    for line in text.split("\n", 8)[:8]:
        line = metadata.SITE_SUFFIX.sub("", line).strip()
        if (
            metadata.SITE_FURNITURE_LINE.match(line)
            or markers.BARE_HEADING.fullmatch(line)
            or line.endswith(("：", ":"))
        ):
            continue
        if 4 <= len(line) <= 80 and "。" not in line and not _NOT_A_TITLE.match(line):
            return line, 0, 0
    return None, 0, 0


def _doc_number(text: str, fields: dict[str, str], after: int, title_start: int = 0) -> str | None:
    """The 字号 of the metadata block, else the first document number after the title, else one on
    the lines just above it (some pages print 江府办〔2019〕12号 before the title)."""
    meta = _first(fields, metadata.META_DOC_NUMBER)
    if meta:
        m = metadata.DOC_NUMBER.search(meta)
        return m.group(0) if m else meta
    found = _doc_number_in(text, max(0, after - 10), min(len(text), after + 3000))
    if found is None and title_start > 0:
        above = text.rfind("\n", 0, max(0, text.rfind("\n", 0, title_start - 1))) + 1
        found = _doc_number_in(text, above, title_start)
    return found


def _doc_numbers(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """metadata.DOC_NUMBER.finditer(text, start, end), tried only where a 〔 stands, from the start of
    the run of ideographs before it (the pattern opens with that run, which sre would try at every
    character): the same matches."""
    pos = start
    bracket = text.find("〔", pos + 1, end)
    while bracket >= 0:
        s = bracket
        while s > pos and s > bracket - 10 and "\u4e00" <= text[s - 1] <= "\u9fff":
            s -= 1
        m = metadata.DOC_NUMBER.match(text, s, end) if s < bracket else None
        if m is not None:
            yield m
            pos = m.end()
        bracket = text.find("〔", max(bracket, pos) + 1, end)


def _doc_number_in(text: str, start: int, end: int) -> str | None:
    for m in _doc_numbers(text, start, end):
        if m.start() and text[m.start() - 1] in "（(《〈、":
            continue  # a cited document: 根据…（厅字〔2009〕23号）
        prefix = m.group(1)
        if "通知" in prefix:
            prefix = prefix.rsplit("通知", 1)[1]
        if prefix:
            return f"{prefix}〔{m.group(2)}〕{m.group(3)}号"
    return None


# A date that follows the title in brackets: （2023年9月24日印发）.
_BRACKET_DATE = re.compile(
    r"\s*（\s*(\d{4}年\d{1,2}月\d{1,2}日|[零〇○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
)
# A page's own furniture: 发布时间：… 来源：… is when the page went up, not the notice's date.
_PAGE_LINE = re.compile(r"发布时间|来源|浏览|访问|点击|更新时间")
_ARABIC_CN_STYLE = re.compile(r"(\d\d{3})年(\d{1,2})月(\d{1,2})日")  # \d\d{3}: numerals.after_boundary


def _date_of(s: str) -> dt.date | None:
    m = numerals.CN_DATE.search(s)
    if m is not None:
        return date_of_match(m)
    return _arabic_date(s)


def _signature(text: str) -> tuple[str | None, dt.date | None]:
    """The issuer and date that sign the covering letter: 中华人民共和国商务部 二〇〇三年六月二十六日,
    or a line that is only a date (2010年5月29日), the issuer on the line before it."""
    found: list[tuple[int, re.Match[str], dt.date]] = []
    for m in finditer_at(numerals.CN_DATE, text, ("年",), before=4):  # four year characters, 年
        date = date_of_match(m)
        if date is not None:
            found.append((m.start(), m, date))
            break
    for m in finditer_at(_ARABIC_CN_STYLE, text, ("年",), before=4):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if len(line) <= 40 and not _PAGE_LINE.search(line) and line.rstrip().endswith("日"):
            date = date_of_match(m)
            if date is not None:
                found.append((m.start(), m, date))
                break
    if not found:
        return None, None
    pos, m, date = min(found, key=lambda f: f[0])
    line_start = max(text.rfind("\n", 0, pos), text.rfind("。", 0, pos)) + 1
    before = text[line_start:pos].strip()
    if not before and line_start > 1:  # the issuer on its own line just above the date
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        before = text[prev_start : line_start - 1].strip()
        # a joint notice signs with one issuer a line: 中共中央办公厅 / 国务院办公厅 / date
        if _issuer_like(before) and prev_start > 1:
            above_start = text.rfind("\n", 0, prev_start - 1) + 1
            above = text[above_start : prev_start - 1].strip()
            if _issuer_like(above):
                before = f"{above} {before}"
    issuer = before if before and len(before) <= 40 and names.ISSUER_SUFFIX.search(before) else None
    return issuer, date


def _issuer_like(line: str) -> bool:
    """A signature line: a short name ending like an issuing body, no punctuation."""
    return (
        2 <= len(line) <= 30
        and not _PUNCT_IN_NAME.search(line)
        and names.ISSUER_SUFFIX.search(line) is not None
    )


def read_metadata(text: str) -> Metadata:
    fields = _meta_fields(text)
    title, _tstart, tend = choose_title(text)
    sig_issuer, sig_date = _signature(text)

    issuer = _first(fields, metadata.META_ISSUER) or sig_issuer
    if issuer is None and title and title.startswith("关于") and _tstart > 1:
        # the issuer on its own line above the title: 中央机构编制委员会办公室 / 关于…的通知
        above_start = text.rfind("\n", 0, _tstart - 1) + 1
        above = text[above_start : _tstart - 1].strip()
        if text[_tstart - 1] == "\n" and _issuer_like(above):
            issuer, title = above, above + title
    if issuer is None and title and "关于" in title:
        prefix = title.split("关于", 1)[0].strip()
        issuer = prefix or None

    bracketed = _BRACKET_DATE.match(text, tend) if tend else None
    published = (
        _arabic_date(_first(fields, metadata.META_DATE) or "")
        or (_date_of(bracketed.group(1)) if bracketed else None)
        or sig_date
    )
    if published is None:
        m = _DATE_FIELD.search(text[:3000])
        published = _arabic_date(m.group(1)) if m else None
    if published is None:
        for line in text[:600].split("\n"):
            if not _PAGE_LINE.search(line) and (published := _arabic_date(line)) is not None:
                break
    if published is None and (m := _IN_FORCE.search(text)):
        # a regulation with no covering letter: its own 本规定自…起施行 is the only date it gives
        published = _arabic_date(m.group(1)) or _cn_date_of(m.group(1))

    return Metadata(
        title=title,
        doc_number=_doc_number(text, fields, tend, _tstart),
        issuer=issuer,
        published_on=published,
        title_end=tend,
    )
