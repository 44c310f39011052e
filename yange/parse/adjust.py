"""What an item looks like (adjustment, unit, duty) and which KIND an adjustment is."""

from __future__ import annotations

from models import AdjustmentKind
from yange.parse import vocab

_NO_COUNTERPART = {"事业单位", "所属事业单位", "有关事业单位", "相关事业单位", ""}


def classify_adjustment(text: str) -> tuple[AdjustmentKind, str | None]:
    """KIND and counterpart agency of one 职责调整 item, from the cue table in vocab.KIND_CUES.

    >>> classify_adjustment("从原省劳动和社会保障厅划入组织实施公民出境就业的职责。")
    ('transferred_in', '原省劳动和社会保障厅')
    >>> classify_adjustment("承担商务部下放的进出口企业经营资格备案职责。")
    ('delegated_in', '商务部')
    """
    for kind, pattern in vocab.KIND_CUES:
        m = pattern.search(text)
        if m is None:
            continue
        counterpart = (m.group(1) or "").strip() if m.groups() else ""
        counterpart = counterpart.lstrip("将从由").strip()
        return kind, (None if counterpart in _NO_COUNTERPART else counterpart)  # type: ignore[return-value]
    return "other", None


def unit_name(text: str) -> tuple[str, str | None, int] | None:
    """(name, alias, where the duties start) when the item opens with a unit name, else None.

    >>> unit_name("国际经贸关系处（省政府WTO事务协调办公室）承担WTO事务协调的有关工作。")
    ('国际经贸关系处', '省政府WTO事务协调办公室', 22)
    """
    m = vocab.UNIT_SHAPE.match(text)
    if m is None:
        return None
    rest = m.end()
    while rest < len(text) and text[rest] in "。：:， \n":
        rest += 1
    return m.group(1), m.group(2), rest


def shape_of(text: str) -> str | None:
    """The section an item's wording belongs to: 'adjustments', 'units', 'duties' or None (no cue)."""
    if vocab.ADJUSTMENT_SHAPE.match(text):
        return "adjustments"
    if unit_name(text) is not None:
        return "units"
    if vocab.DUTY_SHAPE.match(text):
        return "duties"
    return None
