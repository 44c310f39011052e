"""What an item looks like (adjustment, unit, duty) and which KIND an adjustment is."""

from __future__ import annotations

import re

from models import AdjustmentKind
from yange.parse.vocab import adjustments, agencies, names, units

_NO_COUNTERPART = {"事业单位", "所属事业单位", "有关事业单位", "相关事业单位", ""}


def _is_self(name: str, agency: str) -> bool:
    """Whether a name in an adjustment stands for the agency itself (省水利厅 for 西南省水利厅)."""
    if not agency or names.SELF_REFERENCE.match(name):
        return True
    core = name.lstrip(names.LEVEL_PREFIX_CHARS)
    if not core:
        return False
    if core in agency or agency in name:
        return True
    # an abbreviation (省外经贸厅 for 福建省对外贸易经济合作厅): same last character, and nearly all
    # of its characters found in the full name
    shared = sum(1 for ch in core if ch in agency)
    return core[-1] == agency[-1] and shared >= 0.8 * len(core)


def classify_adjustment(text: str, agency: str = "") -> tuple[AdjustmentKind, str | None]:
    """KIND and counterpart agency of one 职责调整 item, from the cue table in adjustments.KIND_CUES.

    With the agency's name, 将…划入X where X is another agency reads as transferred_out.

    >>> classify_adjustment("从原省劳动和社会保障厅划入组织实施公民出境就业的职责。")
    ('transferred_in', '原省劳动和社会保障厅')
    >>> classify_adjustment("承担商务部下放的进出口企业经营资格备案职责。")
    ('delegated_in', '商务部')
    >>> classify_adjustment("将原由本厅承担的价格监测职责划入省发展和改革委员会。", "东海省物价局")
    ('transferred_out', '省发展和改革委员会')
    >>> classify_adjustment("将原省口岸办的口岸协调职责划入省外经贸厅。", "福建省对外贸易经济合作厅")
    ('transferred_in', '原省口岸办')
    """
    target = adjustments.TRANSFER_TARGET.search(text)
    if (
        target is not None
        and agency
        and adjustments.TRANSFER_FROM.search(text) is None
        and not _is_self(target.group(1), agency)
    ):
        return "transferred_out", target.group(1)
    # the cue that comes first in the text decides a compound item (将A下放至…，将B交由事业单位…); at the
    # same place, the table's order does
    found = [
        (m.start(), i, kind, m)
        for i, ((kind, pattern), words) in enumerate(
            zip(adjustments.KIND_CUES, adjustments.KIND_CUE_WORDS, strict=True)
        )
        if any(word in text for word in words) and (m := pattern.search(text)) is not None
    ]
    if not found:
        return "other", None
    kind = min(found, key=lambda f: (f[0], f[1]))[2]
    # the counterpart from the most specific cue of that kind (the table's order) that names one:
    # 划出，交由市财政局承担; 将原由A承担的…划入
    same = sorted(
        (f for f in found if f[2] == kind), key=lambda f: (not (f[3].groups() and f[3].group(1)), f[1])
    )
    m = same[0][3]
    counterpart = (m.group(1) or "").strip() if m.groups() else ""
    counterpart = adjustments.COUNTERPART_TRAILING_VERB.sub("", counterpart.lstrip("将从由").strip())
    if kind == "transferred_out" and counterpart and agency and _is_self(counterpart, agency):
        return "transferred_in", None  # 交由本厅承担 in the agency's own regulation: it comes in
    return kind, (None if counterpart in _NO_COUNTERPART else counterpart)  # type: ignore[return-value]


def unit_name(text: str) -> tuple[str, str | None, int] | None:
    """(name, alias, where the duties start) when the item opens with a unit name, else None.

    >>> unit_name("国际经贸关系处（省政府WTO事务协调办公室）承担WTO事务协调的有关工作。")
    ('国际经贸关系处', '省政府WTO事务协调办公室', 22)
    """
    m = _unit_match(text)
    if m is None:
        return None
    rest = m.end()
    while rest < len(text) and text[rest] in "。：:， \n":
        rest += 1
    return m.group(1), _alias_of(m.group(2)), rest


def _unit_match(text: str) -> re.Match[str] | None:
    return units.UNIT_SHAPE.match(text) or units.VERB_NAMED_UNIT.match(text)


def _alias_of(bracket: str | None) -> str | None:
    """The other name in a unit's bracket: 规划编审股 from （加挂规划编审股牌子）, 机关服务局 from
    （对外称机关服务局）, the bracket itself otherwise.

    >>> _alias_of("加挂“行政审批科”牌子")
    '行政审批科'
    """
    if not bracket or units.NOT_AN_ALIAS.match(bracket):
        return None
    for pattern in (agencies.ALIAS_SIGN, agencies.ALIAS_EXTERNAL):
        m = pattern.search(bracket)
        if m is not None:
            return m.group(1).strip('“”"「」 ')
    return bracket


def adjustment_shaped(text: str) -> bool:
    """Whether an item opens like an adjustment (adjustments.ADJUSTMENT_SHAPE), the pattern tried
    only when the literals it needs are there."""
    if not text.startswith(adjustments.ADJUSTMENT_OPENERS):
        head = text[: adjustments.ADJUSTMENT_DUTY_WORDS_WITHIN]
        if "职责" not in head and "职能" not in head:
            return False
    return adjustments.ADJUSTMENT_SHAPE.match(text) is not None


def shape_of(text: str) -> str | None:
    """The section an item's wording belongs to: 'adjustments', 'units', 'duties' or None (no cue)."""
    if adjustment_shaped(text):
        return "adjustments"
    # as unit_name(text) is not None, without reading the name; an item that opens like a duty can
    # only be a unit named with a verb (组织人事处), as UNIT_SHAPE refuses the verbs DUTY_SHAPE opens with
    if units.DUTY_SHAPE.match(text):
        return "units" if units.VERB_NAMED_UNIT.match(text) else "duties"
    return "units" if _unit_match(text) is not None else None
