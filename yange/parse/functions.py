"""A notice listing the functions of several units (X主要职能 一、… （一）…): one record per unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from models import AgencyRecord, Duty, OtherMatter, QualityReport
from yange.errors import NoticeRejected
from yange.parse.items import Item, cut_at_boundary, duty_of, find_items
from yange.parse.lines import finditer_at_line_starts
from yange.parse.repair import repair
from yange.parse.segment import heading_regions
from yange.parse.vocab import markers, names, numerals, units

# X（Y）主要职能 at a line start; the bracket may be odd (《投资促进事务局）) as scraped pages have it.
# Some notices number the units (一、X主要职能 / （二）X的主要职责 / X的主要职能是：): the number is not
# part of the name.
_UNIT_NUMBER = rf"(?:[{numerals.CN_DIGITS}]{{1,3}}、\s*|（[{numerals.CN_DIGITS}]{{1,3}}）\s*)?"
_UNIT_HEADING = re.compile(
    rf"^{_UNIT_NUMBER}([^\n。；，、：]{{2,30}}?)(?:[（《(〈]([^（）()\n]{{1,30}})[）)》〉])?(?:的)?主要(?:职能|职责)"
    r"(?:是)?[：:]?(?=\s|$|一、|\n|（)",
    re.MULTILINE,
)
# A unit name on its own line, followed by 一、主要职能 (中国国际电子商务中心) or a line 主要职能：.
_BARE_HEADING = re.compile(
    rf"^{_UNIT_NUMBER}([^\n。；，、：\s（]{{2,30}}(?:{names.UNIT_SUFFIX_ALT}))(?:（([^（）\n]{{1,30}})）)?\n"
    r"(?=一、\s*主要(?:职能|职责)|主要(?:职能|职责)[：:]?\s*(?:\n|（))",
    re.MULTILINE,
)
# A notice of one unit's functions: X职责 alone on its line (商务部机关服务中心职责), perhaps with its
# outward name in brackets on the same or the next line ((对外称商务部机关服务局), ASCII brackets read
# （…） after normalisation), then its numbered duties.
_ONE_UNIT_HEADING = re.compile(
    rf"^([^\n。；，、：\s（]{{2,30}}(?:{names.UNIT_SUFFIX_ALT}))(?:（([^（）\n]{{1,30}})）)?(?:的)?职责[：:]?[ \t]*"
    r"(?:\n（([^（）\n]{1,30})）)?[ \t]*(?=\n(?:一、|（一）|1[.．、]))",
    re.MULTILINE,
)
# 对外称Y in a heading's bracket: Y is the alias.
_OUTWARD = re.compile(r"^对外称[“\"]?|[”\"]$")
# 外商投资促进中心（对外称“投资促进事务局”） in the covering letter.
_LETTER_ALIAS = re.compile(r"([^\s，。、；：“”（）]{2,30})（对外称[“\"]?([^”\"（）]{2,30})[”\"]?）")


# 第三条 主要职责 is an article of a regulation, not a unit named 第三条; nor is 二 主要职责 a unit named 二.
_ARTICLE_LABEL = re.compile(rf"^第[{numerals.CN_DIGITS}]{{1,4}}条")
_NUMERAL_ONLY = re.compile(rf"^[{numerals.CN_DIGITS}\d.．、\s]+$")


# Which lines can start a match of each heading pattern (lines.finditer_at_line_starts), by literal
# tests. The unit's name never holds a line break, so the words after it stand on the line the name
# starts on: that is the line the match starts on, unless the line is only the unit's number (一、 or
# （十二）, the space after it running on to the next line), which is at most 5 characters.
_NUMBER_ONLY = 5


def _may_open_unit_heading(text: str, start: int, end: int) -> bool:
    """X主要职能 / X的主要职责 (_UNIT_HEADING) on the line, or a line with only a number."""
    return text.find("主要职", start, end) >= 0 or len(text[start:end].strip()) <= _NUMBER_ONLY


def _may_open_bare_heading(text: str, start: int, end: int) -> bool:
    """A name line followed by 一、主要职能 or 主要职能 (_BARE_HEADING), or a line with only a number."""
    return text.startswith(("一、", "主要"), end + 1) or len(text[start:end].strip()) <= _NUMBER_ONLY


@dataclass(frozen=True, slots=True)
class _Heading:
    name: str
    alias: str | None
    start: int
    end: int


@lru_cache(maxsize=4)
def _headings(text: str) -> tuple[_Heading, ...]:
    found = []
    for m in finditer_at_line_starts(_UNIT_HEADING, text, worth=_may_open_unit_heading):
        name = m.group(1)
        if "关于" in name or "通知" in name or _ARTICLE_LABEL.match(name) or _NUMERAL_ONLY.match(name):
            continue
        found.append(_Heading(m.group(1).strip(), (m.group(2) or "").strip() or None, m.start(), m.end()))
    for m in finditer_at_line_starts(_BARE_HEADING, text, worth=_may_open_bare_heading):
        found.append(_Heading(m.group(1).strip(), (m.group(2) or "").strip() or None, m.start(), m.end()))
    for m in finditer_at_line_starts(_ONE_UNIT_HEADING, text):
        alias = _OUTWARD.sub("", (m.group(2) or m.group(3) or "").strip()) or None
        found.append(_Heading(m.group(1).strip(), alias, m.start(), m.end()))
    found = [
        h if h.alias is None or not units.NOT_AN_ALIAS.match(h.alias) else replace(h, alias=None)
        for h in found
    ]
    return tuple(sorted(found, key=lambda h: h.start))


def forget_texts() -> None:
    """Drop the per-text cache of unit headings (see items.forget_texts)."""
    _headings.cache_clear()


def unit_heading_count(text: str) -> int:
    """How many differently named units the text has headings for."""
    return len({h.name for h in _headings(text)})


def _aliases(h: _Heading, letter: dict[str, str]) -> list[str]:
    aliases: list[str] = [h.alias] if h.alias else []
    for name, alias in letter.items():
        if name == h.name or alias == h.alias:
            for candidate in (alias, name):
                if candidate != h.name and candidate not in aliases:
                    aliases.append(candidate)
    return aliases


def _unit_record(
    text: str, h: _Heading, blocks: list[tuple[int, int]], letter: dict[str, str]
) -> tuple[AgencyRecord, QualityReport]:
    """One unit's record from its block (or blocks, when a page repeats the unit: the repeats
    then count as duplicates)."""
    items: list[Item] = []
    others: list[OtherMatter] = []
    nested = True
    for start, end in blocks:
        subs = heading_regions(text, start, end)
        if subs and subs[0].section == "duties":
            # 一、主要职能（一）…  二、其他事项 …: the sub-sections of one unit
            nested = False
            for r in subs:
                found = find_items(text, r.start, r.end, r.section)
                body = (
                    text[r.start : cut_at_boundary(text, r.start, r.end)].strip()
                    if not found and r.section == "other_matters"
                    else ""
                )
                if body and body not in [o.text for o in others]:
                    off = text.index(body, r.start)
                    others.append(OtherMatter(ordinal=0, text=body, span=(off, off + len(body))))
                items.extend(found)
        else:
            # 一、… (with （一） inside), or, where the units themselves are numbered 一、, （一）… or 1.…
            for marker in (markers.TOP_MARKER, markers.PAREN_MARKER, markers.DIGIT_MARKER):
                found = find_items(text, start, end, "duties", marker)
                if found:
                    items.extend(found)
                    break
    fixed = repair(items)
    if nested:
        duties = [duty_of(text, it, markers.PAREN_MARKER) for it in fixed.sections["duties"]]
    else:
        duties = [
            Duty(ordinal=it.ordinal or 0, text=it.text, span=(it.start, it.end))
            for it in fixed.sections["duties"]
        ]
    others = [
        OtherMatter(ordinal=it.ordinal or 0, text=it.text, span=(it.start, it.end))
        for it in fixed.sections["other_matters"]
    ] + others
    record = AgencyRecord(agency=h.name, aliases=_aliases(h, letter), duties=duties, other_matters=others)
    quality = QualityReport(
        duplicates_removed=fixed.duplicates_removed,
        relocated=fixed.relocated,
        missing_ordinals=fixed.missing,
        warnings=fixed.warnings,
    )  # type: ignore[arg-type]
    return record, quality


def parse_functions(text: str) -> tuple[list[AgencyRecord], QualityReport]:
    """One record per unit heading; the covering letter's 对外称 names become aliases."""
    heads = _headings(text)
    if not heads:
        raise NoticeRejected("not_a_notice", "no unit headings (X主要职能) found")
    letter = {m.group(1): m.group(2) for m in _LETTER_ALIAS.finditer(text, 0, heads[0].start)}
    # a page that repeats a unit (or the whole attachment) gives one record per unit name
    units: dict[str, tuple[_Heading, list[tuple[int, int]]]] = {}
    for i, h in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        units.setdefault(h.name, (h, []))[1].append((h.end, end))
    records: list[AgencyRecord] = []
    total = QualityReport()
    for h, blocks in units.values():
        record, q = _unit_record(text, h, blocks, letter)
        records.append(record)
        for section, gaps in q.missing_ordinals.items():
            q.warnings.append(f"{section} numbering skips {gaps}")
        total.merge(q, prefix=f"{h.name}: ")
    return records, total
