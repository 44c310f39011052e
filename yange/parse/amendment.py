"""Parse the body of an amendment notice (CONTRACT §2b) into one record of effects per agency.

An amendment notice changes agencies in place instead of restating them: 将A的…职责划入B,
将…更名为…, 不再加挂…牌子, 调整后… . The main parser detects the genre and fills the notice's metadata;
this module reads the numbered items, splits each into clauses and turns every clause into effects
on the agencies it names. A clause that no rule understands is kept as an `other` effect and
warned about, never dropped. Pure: text in, records out; spans index into the text given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from models.notice import QualityReport
from models.records import AgencyRecord, Effect, EffectType, Span
from yange.parse.items import top_level_numbering
from yange.parse.numbers import cn_number, read_date
from yange.parse.vocab import amendment as v
from yange.parse.vocab import genre, names, numerals

__all__ = ["amendment_date", "main_agency", "parse_amendment_body"]

_SPLIT_AFTER = "。；;\n"


def amendment_date(text: str) -> dt.date | None:
    """The notice's own date: a bracketed （2023年9月24日） near the title, else the signature date
    at the end. Dates on a web page's 发布时间/来源 line are the page's, not the notice's."""
    candidates: list[tuple[int, dt.date]] = []
    for match in numerals.DATE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 12) : match.start()]
        if v.PAGE_DATE_LINE.search(before):
            continue
        date = read_date(match["y"], match["m"], match["d"])
        if date is None:
            continue
        bracketed = before.rstrip().endswith(("（", "("))
        candidates.append((0 if bracketed else 1, date))
    bracketed_dates = [d for rank, d in candidates if rank == 0]
    if bracketed_dates:
        return bracketed_dates[0]
    return candidates[-1][1] if candidates else None


def main_agency(text: str) -> str | None:
    """The agency the notice is about: the one its title names, else its addressee."""
    # A title broken after 关于调整 joins up; a title cited in page furniture (相关文章：…) is not this one.
    head = v.TITLE_BREAK.sub("", text[:600])
    head = v.LINK_LINE.sub("", head)
    title = v.TITLE_AGENCY.search(head)
    if title:
        name = v.TITLE_OTHERS.sub("", _clean_name(title["agency"]))
        # 关于同意调整A内设机构, 关于A调整内设机构, 关于A有关职责: the verbs and qualifiers are not the name.
        name = v.TITLE_QUALIFIER.sub("", v.TITLE_VERB_BEFORE.sub("", name))
        first = v.RECEIVER_LIST_SPLIT.split(name)[0]
        if v.AGENCY_NAME.fullmatch(first):
            return first
        # 关于A口岸职责调整: the agency is the shortest name-shaped prefix.
        prefix = v.AGENCY_NAME.match(first)
        if prefix and len(prefix.group()) >= 4:
            return prefix.group()
    addressee = v.ADDRESSEE.search(head)
    if addressee:
        first_addressee = _clean_name(addressee["agency"].split("、")[0])
        # 各有关部门 / 国务院有关部委: a circular to many agencies has no main one.
        if v.AGENCY_NAME.fullmatch(first_addressee) and not v.MANY_ADDRESSEES.search(first_addressee):
            return first_addressee
    return None


def _clean_name(name: str) -> str:
    return v.QUOTES.sub("", name).strip(" \t\n，,、的")


# --- items and clauses -------------------------------------------------------------------------


def _items(text: str) -> tuple[list[tuple[int | None, int, int]], list[int]]:
    """Numbered items as (ordinal, start, end), and the ordinals missing from the numbering.

    The style of the first item numbered 1 is the top level; further items of that style are taken
    while their numbers rise (a gap of up to two is accepted and reported)."""
    best = top_level_numbering(text)
    if not best:
        start = _body_start(text)
        return [(None, start, _body_end(text, start))], []
    items: list[tuple[int | None, int, int]] = []
    missing: list[int] = []
    for i, (ordinal, _start, content_start) in enumerate(best):
        end = best[i + 1][1] if i + 1 < len(best) else len(text)
        if i + 1 == len(best):
            end = _body_end(text, content_start)
        else:
            missing.extend(range(ordinal + 1, best[i + 1][0]))
        items.append((ordinal, content_start, end))
    return items, missing


def _body_end(text: str, start: int) -> int:
    """Where the body ends: the closing formula, an attachment, or the signature lines."""
    patterns = (v.TEXT_END, v.SIGNATURE_LINES, v.PAGE_FURNITURE)
    ends = [m.start() for p in patterns if (m := p.search(text, start))]
    end = min(ends, default=len(text))
    # a joint notice signs one issuer a line: the lines above the last issuer belong to the signature too
    while end > start:
        line_start = text.rfind("\n", start, end) + 1
        if line_start <= start or not v.SIGNATURE_NAME_LINE.fullmatch(text, line_start, end):
            break
        end = line_start
    return end


def _body_start(text: str) -> int:
    """Where an unnumbered notice's body starts: after 通知如下： or the addressee line."""
    for cue in ("如下：", "如下:", "通知如下"):
        at = text.find(cue)
        if at >= 0:
            return at + len(cue)
    # A 批复: 你局《关于…的请示》收悉。经研究，同意…: the body starts after the acknowledgement.
    received = v.REQUEST_RECEIVED.search(text[:1500])
    if received:
        return received.end()
    addressee = v.ADDRESSEE.search(text[:600])
    return addressee.end("agency") + 1 if addressee else 0


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) at 。； and at clause-opening commas, never inside quotes."""
    pieces: list[tuple[int, int]] = []
    depth = 0
    begin = start
    i = start
    while i < end:
        ch = text[i]
        if ch in "“「『":
            depth += 1
        elif ch in "”」』":
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
        elif depth == 0 and (ch in _SPLIT_AFTER or v.CLAUSE_COMMA.match(text, i)):
            pieces.append((begin, i))
            begin = i + 1
        i += 1
    pieces.append((begin, end))
    spans: list[tuple[int, int]] = []
    for a, b in pieces:
        noise = v.LEADING_NOISE.match(text, a, b)
        a = noise.end() if noise else a
        while b > a and text[b - 1] in " \t\n，,":
            b -= 1
        if b > a and not v.SIGNATURE.fullmatch(text, a, b):
            spans.extend(_aside(text, a, b))
    return spans


def _aside(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """ "…划入B（B加挂C牌子）": a bracketed aside that makes its own change is a clause of its own."""
    m = v.ASIDE.search(text, a, b)
    if not m or m.start() == a:
        return [(a, b)]
    return [(a, m.start()), (m.start() + 1, m.end() - 1)]


# --- the collector of effects ------------------------------------------------------------------


@dataclass
class _Context:
    """What a clause may refer back to inside one item: 其, 相应划转…, a totals list."""

    ordinal: int | None
    agency: str | None = None
    unit: str | None = None
    transfer: tuple[str, str | None] | None = None
    in_totals: bool = False


@dataclass
class _Collector:
    main: str | None
    known: set[str] = field(default_factory=set)
    effects: dict[str, list[Effect]] = field(default_factory=dict)
    totals: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def resolve(self, name: str | None) -> str | None:
        """A cleaned agency name; 你部/该局 and an empty name mean the main agency."""
        if name is None:
            return self.main
        name = _clean_name(v.NAME_LEAD.sub("", name))
        if not name or names.SELF_REFERENCE.fullmatch(name) or name in {"其", "该机构"}:
            return self.main
        return name

    def is_agency(self, name: str) -> bool:
        """A name the notice uses for an agency, or one shaped like an agency rather than a unit."""
        if name in self.known:
            return True
        if names.UNIT_ONLY_END.search(name):
            return False  # 城市管理处 starts like a place but is a unit
        return bool(v.REGION_PREFIXED.match(name) or names.AGENCY_ONLY_END.search(name))

    def add(self, agency: str | None, effect: Effect) -> None:
        name = agency or self.main or "未识别机构"
        self.effects.setdefault(name, []).append(effect)

    def add_totals(self, agency: str | None, counts: dict[str, int]) -> None:
        name = agency or self.main or "未识别机构"
        self.effects.setdefault(name, [])
        self.totals.setdefault(name, {}).update(counts)

    def known_prefix(self, name: str) -> tuple[str, str] | None:
        """(agency, rest) when `name` starts with an agency the notice names elsewhere, or 你厅/该局."""
        ref = names.SELF_REFERENCE.match(name)
        if ref and self.main and len(name) > ref.end():
            return self.main, _clean_name(v.LEADING_JIANG.sub("", name[ref.end() :]))
        # each known agency also by the short form its own level writes (省X厅 for 福建省X厅)
        forms = [(known, known) for known in self.known] + [
            (_short_form(k), k) for k in self.known if _short_form(k)
        ]
        for form, known in sorted(forms, key=lambda f: len(f[0]), reverse=True):
            if name.startswith(form) and len(name) > len(form) and not v.EXTENDS_NAME.match(name, len(form)):
                return known, _clean_name(v.LEADING_JIANG.sub("", name[len(form) :]))
        return None

    def split_giver(self, what: str) -> tuple[str | None, str]:
        """Split 将<what>划入 into the giving agency and the object moved."""
        ref = names.SELF_REFERENCE.match(what)
        if ref:
            return self.main, v.SELF_GIVER_REST.sub("", what[ref.end() :])
        for name in sorted(self.known, key=len, reverse=True):
            if what.startswith(name) and not v.EXTENDS_NAME.match(what, len(name)):
                return name, v.GIVER_REST.sub("", what[len(name) :])
        de = what.find("的")
        if de > 0:
            candidate = v.GIVER_TRAIL.sub("", what[:de])
            if v.AGENCY_NAME.fullmatch(candidate) and not names.UNIT_ONLY_END.search(candidate):
                return candidate, what[de + 1 :]
        shortest = v.AGENCY_NAME.match(what)
        if shortest and not names.UNIT_ONLY_END.search(shortest.group()) and shortest.end() < len(what):
            return shortest.group(), v.GIVER_REST.sub("", what[shortest.end() :])
        return self.main, what


def _effect(kind: EffectType, ctx: _Context, text: str, span: Span, **fields: object) -> Effect:
    return Effect(ordinal=ctx.ordinal, type=kind, text=text, span=span, **fields)  # type: ignore[arg-type]


def _counts(text: str) -> dict[str, int]:
    found = _figures(v.COUNT_BEFORE.finditer(text))
    return found or _figures(v.COUNT_AFTER.finditer(text))


def _figures(matches: Iterator[re.Match[str]]) -> dict[str, int]:
    return {m["cat"]: n for m in matches if (n := cn_number(m["n"])) is not None}


def _first_count(text: str) -> int | None:
    starts = [m.start() for p in (v.COUNT_BEFORE, v.COUNT_AFTER) for m in p.finditer(text)]
    return min(starts) if starts else None


# --- clause rules: each returns True when it consumed the clause -------------------------------


def _wording(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    """将其职责表述中“A”修改为“B”; also wording added (old None) and deleted (new "")."""
    m = v.WORDING.search(clause) or v.WORDING_ADDED.search(clause) or _first_match(v.WORDING_DELETED, clause)
    if not m:
        return False
    old = m.groupdict().get("old")
    new = m["new"] if "new" in m.re.groupindex else ""
    who = m["who"]
    agency, unit = ctx.agency, ctx.unit
    if who != "其":
        agency_part, _, unit_part = who.rpartition("的")
        if not agency_part:
            agency_part, unit_part = c.split_giver(who)
            agency_part = agency_part or ""
        unit = _clean_name(unit_part) or None
        agency = c.resolve(agency_part) if agency_part else (ctx.agency or c.main)
        if (
            unit
            and v.AGENCY_NAME.fullmatch(unit)
            and not names.UNIT_ONLY_END.search(unit)
            and unit in c.known
        ):
            agency, unit = unit, None
    c.add(agency, _effect("duty_text_amended", ctx, clause, span, subject=unit, old=old, new=new))
    ctx.agency, ctx.unit = agency, unit
    return True


def _first_match(patterns: tuple[re.Pattern[str], ...], clause: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.search(clause))), None)


def _alias_removed(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    m = _first_match(v.ALIAS_REMOVED, clause)
    if not m:
        return False
    signs = _signs(m["sign"])
    if not signs:
        return False
    agency, unit = _sign_holder(c, ctx, m["agency"])
    for sign in signs:
        c.add(agency, _effect("alias_removed", ctx, clause, span, subject=sign, unit=unit))
    ctx.agency = agency
    return True


def _sign_holder(c: _Collector, ctx: _Context, holder: str) -> tuple[str | None, str | None]:
    """(agency, unit) that holds a sign: 东海部渔业司 and 渔业司 name a unit of an agency."""
    name = c.resolve(holder)
    if not name or name in c.known:
        return name, None
    known = c.known_prefix(name)
    if known and names.UNIT_ONLY_END.search(known[1]):
        return known[0], known[1].removeprefix("的") or None
    agency_part, de, unit_part = name.rpartition("的")
    if de and names.UNIT_ONLY_END.search(unit_part):
        return c.resolve(agency_part), unit_part
    if names.UNIT_ONLY_END.search(name) and not names.AGENCY_ONLY_END.search(name):
        return ctx.agency or c.main, name
    return name, None


def _alias_added(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    m = _first_match(v.ALIAS_ADDED, clause)
    if not m:
        return False
    signs = _signs(m["sign"])
    if not signs:
        return False
    holder = v.NO_HOLDER.sub("", m["agency"])
    # "…更名为Y处，对外加挂Z牌子": no holder named, the unit or agency just spoken of holds it.
    agency, unit = _sign_holder(c, ctx, holder) if holder else (ctx.agency or c.main, ctx.unit)
    for sign in signs:
        c.add(agency, _effect("alias_added", ctx, clause, span, subject=sign, unit=unit))
    ctx.agency = agency
    return True


def _signs(text: str) -> list[str]:
    return [s for s in (_clean_name(p) for p in v.SIGN_LIST_SPLIT.split(text)) if s]


def _supervision(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    m = v.SUPERVISION.search(clause)
    if not m:
        m = v.SUPERVISION_MOVE.search(clause) or _first_match(v.SUPERVISION_NEW, clause)
        if not m or v.DUTY_ENDING.search(m["body"]):
            return False
    body = _clean_name(m["body"])
    giver_name = m.groupdict().get("giver")
    giver = c.resolve(v.GIVER_TRAIL.sub("", giver_name)) if giver_name else None
    receiver = c.resolve(m["receiver"])
    if giver:
        c.add(
            giver,
            _effect("supervision_transferred_out", ctx, clause, span, subject=body, counterpart=receiver),
        )
    c.add(receiver, _effect("supervision_transferred_in", ctx, clause, span, subject=body, counterpart=giver))
    return True


def _abolished(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    m = v.BODY_ABOLISHED.search(clause)
    if not m:
        return False
    body = _clean_name(m["body"])
    if body.endswith("牌子"):
        for sign in _signs(body.removesuffix("牌子")):
            c.add(ctx.agency or c.main, _effect("alias_removed", ctx, clause, span, subject=sign))
        return True
    c.add(body, _effect("body_abolished", ctx, clause, span, subject=body))
    _duties_go(c, ctx, clause, span, body, m.end())
    return True


def _duties_go(c: _Collector, ctx: _Context, clause: str, span: Span, giver: str, after: int) -> str | None:
    """ "，其职责划入B" after a body abolished or a unit removed: the duties (and any staff named)
    move to agency B. Returns B's name; None when nothing goes to another agency."""
    m = v.DUTIES_GO.search(clause, after)
    if not m:
        return None
    into = c.resolve(m["into"])
    known = c.known_prefix(into) if into else None
    if known and names.UNIT_ONLY_END.search(known[1]):
        into = known[0]  # 由东海部渔业司承担: the agency receives it
    if not into or not c.is_agency(into):
        return None
    duty = f"{giver}职责"
    c.add(giver, _effect("duty_transferred_out", ctx, clause, span, subject=duty, counterpart=into))
    c.add(into, _effect("duty_transferred_in", ctx, clause, span, subject=duty, counterpart=giver))
    counts = _counts(m["what"])
    if counts:
        c.add(giver, _effect("staffing_transferred_out", ctx, clause, span, counterpart=into, counts=counts))
        c.add(into, _effect("staffing_transferred_in", ctx, clause, span, counterpart=giver, counts=counts))
    return into


def _renamed(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    m = v.RENAME.search(clause)
    if not m:
        return False
    old, new = _clean_name(m["old"]), _clean_name(m["new"])
    agency = c.resolve(m["agency"]) if m["agency"] else None
    known = c.known_prefix(old) if agency is None else None
    if known:
        agency, old = known
    agency = agency or ctx.agency or c.main
    if agency and new.startswith(agency) and old not in c.known and old != agency:
        new = _clean_name(new[len(agency) :])  # 将A机关服务中心更名为A机关事务服务中心: the unit's name
    if old in c.known or old == agency and not names.UNIT_ONLY_END.search(old):
        # The agency itself is renamed: no effect type says so; keep it for reviewers.
        c.add(old, _effect("other", ctx, clause, span, subject=old, old=old, new=new))
        c.warnings.append(f"item {ctx.ordinal}: agency renamed {old} -> {new} (kept as other)")
        return True
    c.add(agency, _effect("unit_renamed", ctx, clause, span, subject=old, old=old, new=new))
    ctx.agency, ctx.unit = agency, new
    return True


def _unit_removed(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    m = v.UNIT_REMOVED.search(clause)
    if not m:
        return False
    agency = c.resolve(m["agency"]) if m["agency"] else c.resolve(clause[: m.start()]) if m.start() else None
    agency = agency or ctx.agency or c.main
    unit = _clean_name(m["unit"])
    known = c.known_prefix(unit)
    if known:
        agency, unit = known
    into = _clean_name(m["into"]) if m["into"] else None
    # 撤销A的X处、Y处: every unit of the enumeration is removed.
    units = [unit]
    for more in v.MORE_UNITS.finditer(clause[m.end("unit") :]):
        if more.start() != 0 and clause[m.end("unit") + more.start() - 1] not in names.UNIT_END_CHARS:
            break
        units.append(_clean_name(more["unit"]))
    formed = v.FORMED_AFTER.search(clause, m.end("unit"))
    if formed and not into:
        # 撤销X处、Y处，组建Z处: a merge under another name.
        into = _clean_name(formed["unit"])
        c.add(agency, _effect("unit_added", ctx, clause, span, subject=into))
    if not into:
        going = v.DUTIES_GO.search(clause, m.end("unit"))
        target = c.resolve(going["into"]) if going else None
        # Another agency, or a unit of this one (其职责由综合处承担); not 有关处室.
        if (
            going
            and target
            and (c.is_agency(target) or names.UNIT_ONLY_END.search(target) and not target.startswith("有关"))
        ):
            into = target
    if into and c.is_agency(into):
        # 撤销X科，其职责并入B (another agency): the unit goes, its duties (and staff named) move to B.
        going = v.DUTIES_GO.search(clause, m.end("unit"))
        counts = _counts(going["what"]) if going else {}
        for name in units:
            c.add(agency, _effect("unit_removed", ctx, clause, span, subject=name))
            duty = f"{name}职责"
            c.add(agency, _effect("duty_transferred_out", ctx, clause, span, subject=duty, counterpart=into))
            c.add(into, _effect("duty_transferred_in", ctx, clause, span, subject=duty, counterpart=agency))
        if counts:
            c.add(
                agency,
                _effect(
                    "staffing_transferred_out",
                    ctx,
                    clause,
                    span,
                    subject=units[-1],
                    counterpart=into,
                    counts=counts,
                ),
            )
            c.add(
                into,
                _effect(
                    "staffing_transferred_in",
                    ctx,
                    clause,
                    span,
                    subject=units[-1],
                    counterpart=agency,
                    counts=counts,
                ),
            )
        ctx.agency, ctx.unit = agency, units[-1]
        return True
    for name in units:
        c.add(
            agency, _effect("unit_removed", ctx, clause, span, subject=name, new=into, counts=_counts(clause))
        )
    ctx.agency, ctx.unit = agency, into if formed else units[-1]
    return True


def _merged(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    """将X处和Y处合并为Z处: Z is added first, then each merged unit is removed into Z (so an
    application can move their duties); a unit that keeps its name is not removed."""
    m = v.MERGE.search(clause)
    if not m:
        return False
    names = [_clean_name(n) for n in v.MERGE_SPLIT.split(m["units"])]
    agency, names[0] = _owner(c, ctx, m["agency"], names[0])
    new = _clean_name(m["new"])
    if new not in names:
        c.add(agency, _effect("unit_added", ctx, clause, span, subject=new))
    for name in names:
        if name and name != new:
            c.add(agency, _effect("unit_removed", ctx, clause, span, subject=name, new=new))
    ctx.agency, ctx.unit = agency, new
    return True


def _owner(c: _Collector, ctx: _Context, named: str | None, unit: str) -> tuple[str | None, str]:
    """(agency, unit) for a unit a clause names: the agency the clause names, else a known agency
    the unit's name starts with (省X厅Y处), else the item's agency."""
    if named:
        return c.resolve(named), unit
    return c.known_prefix(unit) or (ctx.agency or c.main, unit)


def _merged_into(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    """将X处并入Y处: X is removed and its duties go to Y."""
    m = v.MERGE_INTO.search(clause)
    if not m:
        return False
    agency, unit = _owner(c, ctx, m["agency"], _clean_name(m["unit"]))
    into = _clean_name(m["into"])
    c.add(agency, _effect("unit_removed", ctx, clause, span, subject=unit, new=into))
    ctx.agency, ctx.unit = agency, into
    return True


def _unit_added(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    m = v.UNIT_ADDED.search(clause)
    if not m:
        return False
    if m["agency"]:
        agency = c.resolve(m["agency"])
    else:
        before = clause[: m.start()]
        agency = c.resolve(before) if before.strip() else (ctx.agency or c.main)
    duties = m["duties"]
    if duties is None:
        rest = clause[m.end() :]
        tail = v.UNIT_DUTIES.search(rest)
        duties = tail.group(0) if tail else None
    unit = _clean_name(m["unit"])
    # 同意建立X，为Y的下设机构: the unit is Y's; 所核人员编制均从Z划转: its staff come from Z
    parent = v.PARENT_BODY.search(clause, m.end())
    if parent is not None:
        agency = c.resolve(parent["parent"])
    counts = _counts(clause)
    c.add(agency, _effect("unit_added", ctx, clause, span, subject=unit, new=duties, counts=counts))
    source = v.STAFF_SOURCE.search(clause, m.end())
    if source is not None and counts:
        giver = c.resolve(source["giver"])
        c.add(
            giver,
            _effect(
                "staffing_transferred_out", ctx, clause, span, subject=unit, counterpart=agency, counts=counts
            ),
        )
        c.add(
            agency,
            _effect(
                "staffing_transferred_in", ctx, clause, span, subject=unit, counterpart=giver, counts=counts
            ),
        )
    ctx.agency, ctx.unit = agency, unit
    return True


def _transfer_match(c: _Collector, clause: str) -> tuple[re.Match[str], str | None, str] | None:
    """The transfer in a clause as (match, giver, object moved): 将A的X划入B, A的X划入B (the giver
    named), or 从A划出X，划入B."""
    m = v.TRANSFER_FROM.search(clause)
    if m:
        return m, c.resolve(m["giver"]), m["what"]
    m = v.TRANSFER_SPLIT.match(clause)
    if m:
        return m, c.resolve(m["giver"]), m["what"]
    m = v.TRANSFER.search(clause) or v.TRANSFER_BARE.match(clause) or v.TRANSFER_BY.match(clause)
    if not m:
        return None
    what = m["what"]
    named = m.re is v.TRANSFER or "的" in what or bool(names.SELF_REFERENCE.match(what))
    if m.re is v.TRANSFER_BY and (
        what.startswith(("其", "具体", "相关", "有关"))
        or "的" not in what
        and not any(what.startswith(k) for k in c.known)
    ):
        return None
    if not named and not any(what.startswith(k) for k in c.known):
        return None
    giver, rest = c.split_giver(what)
    return m, giver, rest


def _each_respectively(
    c: _Collector, ctx: _Context, clause: str, span: Span, giver: str | None, what: str, receivers: str
) -> bool:
    """将A的X、Y职责分别划入B和C: X goes to B and Y to C (only when the two lists pair up)."""
    duties = [d for d in v.DUTY_SPLIT.split(what.removesuffix("分别")) if d]
    names = [n for n in v.RECEIVER_LIST_SPLIT.split(v.RECEIVER_TRAIL.sub("", receivers)) if n]
    if len(duties) < 2 or len(duties) != len(names):
        return False
    tail = v.DUTY_ENDING.search(duties[-1])
    for duty, name in zip(duties, names, strict=True):
        subject = duty if not tail or duty.endswith(tail.group()) else duty + tail.group()
        receiver = c.resolve(name)
        c.add(
            giver, _effect("duty_transferred_out", ctx, clause, span, subject=subject, counterpart=receiver)
        )
        c.add(receiver, _effect("duty_transferred_in", ctx, clause, span, subject=subject, counterpart=giver))
    ctx.agency = giver
    return True


def _duty_leaves(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    """将A的X职责划出 / A不再承担X职责: the duty leaves, nobody is named as receiving it."""
    m = _first_match(v.DUTY_LEAVES, clause)
    if not m:
        return False
    if "giver" in m.re.groupindex:
        giver, what = c.resolve(m["giver"]), m["what"]
    else:
        giver, what = c.split_giver(m["what"])
    what = _clean_name(what)
    if not v.DUTY_WORD.search(what):
        return False
    c.add(giver, _effect("duty_transferred_out", ctx, clause, span, subject=what))
    ctx.agency = giver
    return True


def _transfer(c: _Collector, ctx: _Context, clause: str, span: Span, whole: str | None = None) -> bool:
    """Duties and staff moving from a giver to a receiver. `whole` is the clause the span covers
    when `clause` is only its tail (a second transfer in one sentence)."""
    found = _transfer_match(c, clause)
    if not found:
        return _staff_follow_up(c, ctx, clause, span)
    m, giver, what = found
    text = whole or clause
    if what.endswith("分别"):
        if not _each_respectively(c, ctx, text, span, giver, what, m["receiver"]):
            # 分别 lists that do not pair up: who gets what is for a reviewer to read.
            c.add(giver, _effect("other", ctx, text, span, subject=_clean_name(what.removesuffix("分别"))))
            c.warnings.append(f"item {ctx.ordinal}: 分别 lists do not pair up (kept as other)")
        return True
    raw_receiver = v.NEW_BODY.sub("", m["receiver"])
    raw_receiver = v.RECEIVER_TRAIL.sub("", raw_receiver)
    receiver = c.resolve(raw_receiver)
    to_agency = receiver is not None and not v.NON_AGENCY_RECEIVER.search(receiver)
    owner = c.known_prefix(receiver) if receiver and names.UNIT_ONLY_END.search(receiver) else None
    if owner and owner[0] != giver:
        receiver = owner[0]  # 划入南山部渔政司: the agency 南山部 receives it
    elif receiver and names.UNIT_ONLY_END.search(receiver) and receiver not in c.known:
        # A move between two units of one agency: no transfer between agencies.
        c.add(giver, _effect("other", ctx, text, span, subject=what, new=receiver))
        c.warnings.append(f"item {ctx.ordinal}: move inside {giver} to unit {receiver} (kept as other)")
        return True
    moved = v.UNIT_MOVED.fullmatch(what)
    if moved and to_agency and not v.DUTY_WORD.search(moved["unit"]):
        # The unit leaves the giver and joins the receiver, with whatever it does.
        name = _clean_name(moved["unit"])
        c.add(giver, _effect("unit_removed", ctx, text, span, subject=name, counterpart=receiver))
        c.add(receiver, _effect("unit_added", ctx, text, span, subject=name, counterpart=giver))
        ctx.transfer, ctx.agency, ctx.unit = (giver or c.main or "", receiver), giver, name
        return True
    first_count = _first_count(what)
    duty_part, staff_part, unit = what, "", None
    if first_count is not None:
        duty_part, staff_part = what[:first_count], what[first_count:]
        units: list[str] = []
        # "…及其内设的X处、Y处12名…": peel the enumerated units off the end, last first.
        while unit_match := v.UNIT_BEFORE_COUNT.search(duty_part):
            units.insert(0, unit_match["unit"])
            duty_part = duty_part[: unit_match.start()]
            if not duty_part.endswith("、"):
                break
            duty_part = duty_part[:-1]
        unit = "、".join(units) or None
        duty_part = v.UNIT_JOINER.sub("", duty_part)
    # 东海部渔业司的X职责: the duty is X职责; the unit that held it is in the text.
    duty_part = v.HOLDING_UNIT.sub("", _clean_name(duty_part))
    counts = _counts(staff_part)
    if duty_part and v.DUTY_WORD.search(duty_part):
        # "X职责和Y职责": two duties, each matched on its own when applied.
        for duty in v.DUTY_LIST_SPLIT.split(duty_part):
            c.add(giver, _effect("duty_transferred_out", ctx, text, span, subject=duty, counterpart=receiver))
            if to_agency:
                c.add(
                    receiver, _effect("duty_transferred_in", ctx, text, span, subject=duty, counterpart=giver)
                )
    elif duty_part and not counts:
        c.add(giver, _effect("other", ctx, text, span, subject=duty_part, counterpart=receiver))
        c.warnings.append(f"item {ctx.ordinal}: object of transfer not understood: {duty_part}")
    if counts:
        c.add(
            giver,
            _effect(
                "staffing_transferred_out", ctx, text, span, subject=unit, counterpart=receiver, counts=counts
            ),
        )
        if to_agency:
            c.add(
                receiver,
                _effect(
                    "staffing_transferred_in", ctx, text, span, subject=unit, counterpart=giver, counts=counts
                ),
            )
    ctx.transfer = (giver or c.main or "", receiver if to_agency else None)
    ctx.agency = giver
    # "…划给B，A行政编制3名随之划转": staff named after the receiver follow the duty.
    rest = clause[m.end() :]
    if not counts and _counts(rest):
        _staff_follow_up(c, ctx, text, span, counted=rest)
    # "将A的X职责划入B，B的Y职责划入A": a second transfer in the same sentence.
    elif rest[:1] in "，," and _transfer_match(c, rest[1:]):
        _transfer(c, ctx, rest[1:], span, whole=text)
    return True


def _staff_follow_up(
    c: _Collector, ctx: _Context, clause: str, span: Span, counted: str | None = None
) -> bool:
    """ "相应划转行政编制5名" after a transfer in the same item: the staff follow the duty."""
    counted = clause if counted is None else counted
    counts = _counts(counted)
    if not counts or ctx.transfer is None or not v.STAFF_FOLLOWS.search(counted):
        return False
    giver, receiver = ctx.transfer
    c.add(giver, _effect("staffing_transferred_out", ctx, clause, span, counterpart=receiver, counts=counts))
    if receiver:
        c.add(
            receiver, _effect("staffing_transferred_in", ctx, clause, span, counterpart=giver, counts=counts)
        )
    return True


def _no_change(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    """所需编制从现有编制中调剂解决: understood, changes nothing; kept as `other` so it stays visible."""
    if not v.NO_CHANGE.match(clause):
        return False
    named = next((k for k in sorted(c.known, key=len, reverse=True) if k in clause), None)
    if named or ctx.agency or c.main:  # with no agency to hold it, it would make up a record
        c.add(named or ctx.agency or c.main, _effect("other", ctx, clause, span))
    return True


def _staff_change(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    """核增/核减 inside one agency: no effect type names it, so `other` with the verb as subject."""
    pattern = v.STAFF_CHANGE if v.STAFF_CHANGE.search(clause) else v.STAFF_CHANGE_AFTER
    m = pattern.search(clause)
    if not m or v.TRANSFER.search(clause):
        return False
    agency = c.resolve(m["agency"]) if m["agency"] else (ctx.agency or c.main)
    counts = _figures(pattern.finditer(clause))
    c.add(agency, _effect("other", ctx, clause, span, subject=m["verb"], counts=counts))
    return True


def _totals(c: _Collector, ctx: _Context, clause: str, span: Span) -> bool:
    start = v.TOTALS_START.match(clause)
    if not start and not ctx.in_totals and not v.CHANGED_FIGURE.search(clause):
        return False
    body = v.PARENTHETICAL.sub(lambda m: "＿" * len(m.group()), clause[start.end() if start else 0 :])
    body = v.UNITS_FIRST.sub(lambda m: f"内设机构{m['n']}个", v.CHANGED_FIGURE.sub("", body))
    body = v.LEADERS_PAIR.sub(
        lambda m: f"正{m['level']}领导职数{m['a']}名，副{m['level']}领导职数{m['b']}名", body
    )
    matches = list(v.TOTAL_ITEM.finditer(body))
    if not matches:
        return False
    agency = ctx.agency or c.main
    counts: dict[str, int] = {}
    cursor = 0
    for m in matches:
        # What stands between two figures: a separator, or the next agency (…；应急管理部内设机构…).
        # Only separators at its ends go: 和 inside 文化和旅游部 belongs to the name.
        gap = v.TOTALS_SEPARATOR.sub("", body[cursor : m.start()])
        gap = v.TOTALS_LEAD.sub("", gap)
        if gap and (v.AGENCY_NAME.fullmatch(gap) or names.SELF_REFERENCE.fullmatch(gap)):
            if counts:
                c.add_totals(agency, counts)
                counts = {}
            agency = c.resolve(gap)
        n = cn_number(m["n"])
        if n is None:
            c.warnings.append(f"item {ctx.ordinal}: figure not read: {m.group()}")
        else:
            counts[m["cat"]] = n
        cursor = m.end()
    c.add_totals(agency, counts)
    ctx.in_totals = True
    return True


# Order matters: a quoted wording may contain any verb, so it goes first; 不再加挂 before 加挂.
_RULES = (
    _wording,
    _alias_removed,
    _supervision,
    _abolished,
    _totals,
    _renamed,
    _merged,
    _merged_into,
    _unit_removed,
    _transfer,
    _duty_leaves,
    _staff_change,
    _no_change,
    _unit_added,
    _alias_added,
)


def _prescan_names(c: _Collector, text: str) -> None:
    """Agencies named as receivers, sign holders or in totals: lets 将AB划入 be split at A."""
    if c.main:
        c.known.add(c.main)
    addressee = v.ADDRESSEE.search(text[:600])
    if addressee:
        for name in v.ADDRESSEE_SPLIT.split(addressee["agency"]):
            name = _clean_name(name)
            if (
                v.AGENCY_NAME.fullmatch(name)
                and not names.UNIT_ONLY_END.search(name)
                and not name.startswith("各")
            ):
                c.known.add(name)
    for m in v.TRANSFER.finditer(text):
        receiver = c.resolve(v.RECEIVER_TRAIL.sub("", m["receiver"]))
        if receiver and v.AGENCY_NAME.fullmatch(receiver) and not names.UNIT_ONLY_END.search(receiver):
            c.known.add(receiver)
    for m in v.TRANSFER_FROM.finditer(text):
        for name in (m["giver"], v.RECEIVER_TRAIL.sub("", m["receiver"])):
            resolved = c.resolve(name)
            if resolved and v.AGENCY_NAME.fullmatch(resolved) and not names.UNIT_ONLY_END.search(resolved):
                c.known.add(resolved)
    for m in v.SUPERVISION.finditer(text):
        for name in (m["giver"], m["receiver"]):
            resolved = c.resolve(name) if name else None
            if resolved and v.AGENCY_NAME.fullmatch(resolved):
                c.known.add(resolved)


def _short_form(name: str) -> str | None:
    """省X厅 for 福建省X厅: the name as a notice of its own level writes it; None without a place prefix."""
    place = v.PLACE_PREFIX.match(name)
    return place.group()[-1] + name[place.end() :] if place and place.end() < len(name) else None


def _expand(main: str | None, name: str) -> str:
    """省医疗保障局 in a notice about 南山省卫生健康委员会 is 南山省医疗保障局: a name that starts with its
    level (省/市/县/区/州) takes the main agency's place name."""
    if not main or name.startswith("市场"):
        return name
    place = v.PLACE_PREFIX.match(main)
    if place and name[:1] == place.group()[-1] and not name.startswith(place.group()):
        return place.group()[:-1] + name
    return name


def _records(c: _Collector) -> list[AgencyRecord]:
    """One record per agency, names in full: records named by a short and a full form are merged."""
    effects: dict[str, list[Effect]] = {}
    totals: dict[str, dict[str, int]] = {}
    for name, found in c.effects.items():
        full = _expand(c.main, name)
        effects.setdefault(full, []).extend(
            e if not e.counterpart else e.model_copy(update={"counterpart": _expand(c.main, e.counterpart)})
            for e in found
        )
        totals.setdefault(full, {}).update(c.totals.get(name, {}))
    return [
        AgencyRecord(agency=name, effects=found, stated_totals=totals[name])
        for name, found in effects.items()
    ]


def _is_heading(text: str, clause: str, end: int) -> bool:
    """一、职责调整 on a line of its own: a heading over the sub-items, not a clause."""
    return bool(v.ITEM_HEADING.fullmatch(clause)) and (end >= len(text) or text[end] in "\n。：:")


def _interpretation(text: str, title: re.Match[str]) -> tuple[list[AgencyRecord], QualityReport]:
    """An interpretation of agencies' 三定 clauses: each agency its title names gets one `other` effect
    per numbered item (the clause interpreted), for a reviewer to read; the transfers it quotes are the
    regulations' own, already in force, and are not read as new ones."""
    names = [
        n for n in v.ADDRESSEE_SPLIT.split(v.RECEIVER_LIST_SPLIT.sub("、", title["agencies"])) if len(n) >= 2
    ]
    items, missing = _items(text)
    effects = [
        _effect(
            "other",
            _Context(ordinal=o),
            text[a:e].split("\n", 1)[0].strip(),
            (a, a + len(text[a:e].split("\n", 1)[0].strip())),
        )
        for o, a, e in items
        if o is not None
    ]
    records = [AgencyRecord(agency=name, effects=effects) for name in names]
    quality = QualityReport(
        missing_ordinals={"adjustments": missing} if missing else {},
        warnings=[
            f"interpretation of {len(names)} agencies' regulations: {len(effects)} items kept as other"
        ],
    )
    return records, quality


def parse_amendment_body(text: str) -> tuple[list[AgencyRecord], QualityReport]:
    """One record per agency the amendment affects, with its effects and stated totals.

    Args:
        text: the whole normalised notice text; every span indexes into it.
    Returns:
        The records in order of first mention, and a quality report of numbering gaps and clauses
        kept as `other` because no rule understood them.
    """
    interpretation = genre.INTERPRETATION_TITLE.search(text, 0, 300)
    if interpretation is not None:
        return _interpretation(text, interpretation)
    collector = _Collector(main=main_agency(text))
    _prescan_names(collector, text)
    items, missing = _items(text)
    for ordinal, start, end in items:
        ctx = _Context(ordinal=ordinal)
        for a, b in _clauses(text, start, end):
            clause = text[a:b]
            if _is_heading(text, clause, b):
                continue
            if not any(rule(collector, ctx, clause, (a, b)) for rule in _RULES):
                if len(clause) < 4 or not v.HAN.search(clause):
                    continue
                collector.add(ctx.agency or collector.main, _effect("other", ctx, clause, (a, b)))
                collector.warnings.append(
                    f"item {ordinal}: clause not understood, kept as other: {clause[:40]}"
                )
    records = _records(collector)
    numbered = any(ordinal is not None for ordinal, _, _ in items)
    if not numbered and all(e.type == "other" for r in records for e in r.effects):
        # Unnumbered text of which no clause reads as an amendment: not an amendment's body at all.
        records, collector.warnings = [], []
    quality = QualityReport(
        missing_ordinals={"adjustments": missing} if missing else {},
        warnings=collector.warnings,
    )
    if not records:
        quality.warnings.append("amendment notice without any effect found")
    return records, quality
