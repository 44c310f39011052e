"""Apply the effects of an amendment notice to an agency's last version: the derived version.

Pure and deterministic: effects are applied in the order the notice states them, lookups prefer the
first match in reading order, and nothing depends on dict or set iteration of unordered data. An
effect that cannot be applied (a wording the base lacks, a unit that does not exist) is kept in
`Derived.unapplied` and named in the warnings: never dropped silently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from models.records import Adjustment, AdjustmentKind, AgencyRecord, Duty, Effect, OtherMatter, Staffing, Unit
from yange.amend.match import Path, covers_whole, find_duty
from yange.diff.text import comparison_key
from yange.settings import get_settings

__all__ = ["Derived", "apply_effects", "declared_adjustments", "derive_version"]

UNIT_COUNT = "内设机构"
# A phrase that names less than this share of the duty it removes is flagged for reviewers.
PART_OF_DUTY = 0.5


@dataclass(frozen=True)
class Derived:
    """A derived version and what deriving it did.

    `partial` is True when there was no earlier version: the record holds only what the notice says.
    `abolished` is True when the notice abolishes the body (不再保留): storage should close the agency
    (valid_to = the notice's date) rather than keep the derived record current.
    """

    record: AgencyRecord
    warnings: list[str]
    partial: bool
    abolished: bool
    applied: list[Effect]
    unapplied: list[Effect]


@dataclass
class _State:
    agency: str
    base: AgencyRecord | None
    aliases: list[str]
    duties: list[Duty]
    units: list[Unit]
    staffing: list[Staffing]
    other_matters: list[OtherMatter]
    declared_unit_count: int | None
    counterparts: Mapping[str, AgencyRecord]
    threshold: float
    unit_delta: int = 0
    abolished: bool = False
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def start(
        cls, base: AgencyRecord | None, agency: str, counterparts: Mapping[str, AgencyRecord]
    ) -> _State:
        empty = AgencyRecord(agency=agency)
        src = base or empty
        return cls(
            agency=agency,
            base=base,
            aliases=list(src.aliases),
            duties=list(src.duties),
            units=list(src.units),
            staffing=list(src.staffing),
            other_matters=list(src.other_matters),
            declared_unit_count=src.declared_unit_count,
            counterparts=counterparts,
            threshold=get_settings().transfer_threshold,
        )

    def record(self, adjustments: list[Adjustment]) -> AgencyRecord:
        src = self.base or AgencyRecord(agency=self.agency)
        return src.model_copy(
            update={
                "agency": self.agency,
                "adjustments": adjustments,
                "aliases": self.aliases,
                "duties": self.duties,
                "units": self.units,
                "staffing": self.staffing,
                "other_matters": self.other_matters,
                "declared_unit_count": self.declared_unit_count,
                "effects": [],
                "stated_totals": {},
            }
        )


Outcome = str | None  # None: applied; a string: why it could not be applied
Handler = Callable[[_State, Effect], Outcome]


def _same(a: str, b: str) -> bool:
    return comparison_key(a) == comparison_key(b)


def _find_unit(state: _State, name: str | None) -> int | None:
    if not name:
        return None
    for i, unit in enumerate(state.units):
        if _same(unit.name, name) or unit.alias and _same(unit.alias, name):
            return i
    return None


def _next_ordinal(ordinals: list[int | None]) -> int:
    return max((o for o in ordinals if o is not None), default=0) + 1


# --- duties -------------------------------------------------------------------------------------


def _remove_duty(state: _State, path: Path) -> None:
    if len(path) == 1:
        del state.duties[path[0]]
        return
    parent = state.duties[path[0]]
    items = [item for j, item in enumerate(parent.items) if j != path[1]]
    state.duties[path[0]] = parent.model_copy(update={"items": items})


def _unit_duties(record: AgencyRecord | None, phrase: str) -> str | None:
    """The duties of the unit a phrase names as a whole ("公用事业科职责", when a removed unit's
    duties go to another agency), if that record has the unit."""
    if record is None or not phrase.endswith("职责"):
        return None
    name = phrase.removesuffix("职责")
    return next((u.duties for u in record.units if _same(u.name, name)), None)


def _duty_out(state: _State, effect: Effect) -> Outcome:
    phrase = effect.subject or effect.text
    if state.base is None:
        return "no earlier version to remove the duty from"
    if _unit_duties(state.base, phrase) is not None:
        return None  # the unit's duties left with the unit (its unit_removed effect)
    found = find_duty(phrase, state.duties, threshold=state.threshold)
    if found is None:
        return f"no duty matches “{phrase}”"
    _remove_duty(state, found.path)
    if covers_whole(phrase, found.text) < PART_OF_DUTY:
        state.warnings.append(
            f"{_label(effect)}: removed the whole duty “{found.text[:40]}…”, of which the notice names only “{phrase}”"
        )
    return None


def _arriving_text(state: _State, effect: Effect) -> str:
    """The giver's own wording of the duty when its version is known (so the diff pairs both ends
    of the transfer), else the notice's phrase."""
    phrase = effect.subject or effect.text
    giver = state.counterparts.get(effect.counterpart or "")
    unit_duties = _unit_duties(giver, phrase)
    if unit_duties:
        return unit_duties
    if giver is not None:
        found = find_duty(phrase, giver.duties, threshold=state.threshold)
        if found is not None:
            return found.text
    return phrase


def _duty_in(state: _State, effect: Effect) -> Outcome:
    text = _arriving_text(state, effect)
    if any(_same(d.text, text) for d in state.duties):
        state.warnings.append(f"{_label(effect)}: the duty is already listed; not added twice")
        return None
    ordinal = _next_ordinal([d.ordinal for d in state.duties])
    state.duties.append(Duty(ordinal=ordinal, text=text, span=effect.span))
    return None


def _amend_text(text: str, old: str, new: str) -> str | None:
    if old in text:
        return text.replace(old, new, 1)
    folded_old = unicodedata.normalize("NFKC", old)
    folded = unicodedata.normalize("NFKC", text)
    if folded_old in folded and len(folded) == len(text):
        at = folded.index(folded_old)
        return text[:at] + new + text[at + len(folded_old) :]
    return None


def _wording_added(state: _State, effect: Effect, new: str) -> Outcome:
    """在X处职责中增加“…”: the wording joins the unit's duties, or the agency's as a new duty."""
    index = _find_unit(state, effect.subject)
    if effect.subject and index is None:
        return f"unit {effect.subject} not found"
    if index is not None:
        unit = state.units[index]
        joined = "；".join(part for part in (unit.duties.rstrip("。；"), new) if part)
        state.units[index] = unit.model_copy(update={"duties": joined + "。"})
        return None
    ordinal = _next_ordinal([d.ordinal for d in state.duties])
    state.duties.append(Duty(ordinal=ordinal, text=new, span=effect.span))
    return None


def _wording(state: _State, effect: Effect) -> Outcome:
    if effect.old is None and effect.new:
        return (
            _wording_added(state, effect, effect.new)
            if state.base is not None
            else "no earlier version to add to"
        )
    if effect.old is None or effect.new is None:
        return "the notice gives no quoted wording"
    if state.base is None:
        return "no earlier version holds the wording"
    index = _find_unit(state, effect.subject)
    if effect.subject and index is None:
        return f"unit {effect.subject} not found"
    if index is not None:
        unit = state.units[index]
        amended = _amend_text(unit.duties, effect.old, effect.new)
        if amended is None:
            return f"wording “{effect.old}” not in the duties of {unit.name}"
        state.units[index] = unit.model_copy(update={"duties": amended})
        return None
    for i, duty in enumerate(state.duties):
        amended = _amend_text(duty.text, effect.old, effect.new)
        if amended is not None:
            state.duties[i] = duty.model_copy(update={"text": amended})
            return None
    for i, unit in enumerate(state.units):
        amended = _amend_text(unit.duties, effect.old, effect.new)
        if amended is not None:
            state.units[i] = unit.model_copy(update={"duties": amended})
            return None
    return f"wording “{effect.old}” not found"


# --- units --------------------------------------------------------------------------------------


def _unit_added(state: _State, effect: Effect) -> Outcome:
    name = effect.subject or effect.new
    if not name:
        return "the notice names no unit"
    if _find_unit(state, name) is not None:
        state.warnings.append(f"{_label(effect)}: unit {name} already exists; not added twice")
        return None
    ordinal = _next_ordinal([u.ordinal for u in state.units])
    duties = effect.new if effect.new and effect.new != name else _moved_unit_duties(state, effect, name)
    state.units.append(Unit(ordinal=ordinal, name=name, duties=duties, span=effect.span))
    state.unit_delta += 1
    return None


def _moved_unit_duties(state: _State, effect: Effect, name: str) -> str:
    """A unit moved whole from another agency (将A的X处整体划入B) brings the duties it had there."""
    giver = state.counterparts.get(effect.counterpart or "")
    if giver is None:
        return ""
    return next((u.duties for u in giver.units if _same(u.name, name)), "")


def _unit_removed(state: _State, effect: Effect) -> Outcome:
    index = _find_unit(state, effect.subject)
    if index is None:
        return f"unit {effect.subject} not found"
    removed = state.units.pop(index)
    state.unit_delta -= 1
    if effect.new:
        into = _find_unit(state, effect.new)
        if into is None:
            state.warnings.append(f"{_label(effect)}: unit {effect.new} that takes over the duties not found")
        elif removed.duties:
            target = state.units[into]
            joined = "；".join(part for part in (target.duties.rstrip("。；"), removed.duties) if part)
            state.units[into] = target.model_copy(update={"duties": joined})
    return None


def _unit_renamed(state: _State, effect: Effect) -> Outcome:
    old = effect.old or effect.subject
    index = _find_unit(state, old)
    if index is None or not effect.new:
        return f"unit {old} not found"
    if _find_unit(state, effect.new) not in (None, index):
        return f"a unit named {effect.new} already exists"
    state.units[index] = state.units[index].model_copy(update={"name": effect.new})
    return None


# --- aliases, bodies, supervision ---------------------------------------------------------------


def _unit_sign(state: _State, effect: Effect, *, added: bool) -> Outcome:
    """A sign on an internal unit (X司加挂Y牌子) is that unit's alias."""
    index = _find_unit(state, effect.unit)
    if index is None:
        return f"unit {effect.unit} not found"
    unit = state.units[index]
    if not added and not (unit.alias and effect.subject and _same(unit.alias, effect.subject)):
        return f"unit {unit.name} does not carry {effect.subject}"
    state.units[index] = unit.model_copy(update={"alias": effect.subject if added else None})
    return None


def _alias_added(state: _State, effect: Effect) -> Outcome:
    if not effect.subject:
        return "the notice names no sign"
    if effect.unit:
        return _unit_sign(state, effect, added=True)
    if not any(_same(a, effect.subject) for a in state.aliases):
        state.aliases.append(effect.subject)
    return None


def _alias_removed(state: _State, effect: Effect) -> Outcome:
    if effect.unit:
        return _unit_sign(state, effect, added=False)
    kept = [a for a in state.aliases if not (effect.subject and _same(a, effect.subject))]
    if len(kept) == len(state.aliases):
        return f"alias {effect.subject} not held"
    state.aliases = kept
    return None


def _abolished(state: _State, effect: Effect) -> Outcome:
    state.abolished = True
    return None


def _supervision_in(state: _State, effect: Effect) -> Outcome:
    ordinal = _next_ordinal([m.ordinal for m in state.other_matters])
    text = f"代管{effect.subject}" if effect.subject else effect.text
    state.other_matters.append(OtherMatter(ordinal=ordinal, text=text, span=effect.span))
    return None


def _supervision_out(state: _State, effect: Effect) -> Outcome:
    subject = effect.subject or ""
    kept = [m for m in state.other_matters if not (subject and subject in m.text and "代管" in m.text)]
    if len(kept) == len(state.other_matters):
        return f"supervision of {subject} not recorded in the base"
    state.other_matters = kept
    return None


# --- staffing -----------------------------------------------------------------------------------


def _find_staffing(state: _State, category: str) -> int | None:
    """The top-level row of `category`: exact, then a row named more fully (机关行政编制 for
    行政编制), then a row named more briefly. First in reading order wins."""
    rows = [(i, s) for i, s in enumerate(state.staffing) if s.included_in is None]
    for test in (
        lambda c: c == category,
        lambda c: c.endswith(category),
        lambda c: category.endswith(c),
    ):
        for i, row in rows:
            if test(row.category):
                return i
    return None


def _shift(state: _State, effect: Effect, sign: int) -> Outcome:
    if not effect.counts:
        return "the notice gives no counts"
    missing: list[str] = []
    for category, n in effect.counts.items():
        index = _find_staffing(state, category)
        if index is None:
            if sign > 0:
                state.staffing.append(Staffing(category=category, count=n, text=effect.text))
            else:
                missing.append(category)
            continue
        row = state.staffing[index]
        count = row.count + sign * n
        if count < 0:
            state.warnings.append(f"{_label(effect)}: {row.category} would fall below zero; set to 0")
            count = 0
        state.staffing[index] = row.model_copy(update={"count": count, "text": effect.text})
    return f"no staffing row for {', '.join(missing)}" if missing else None


def _staff_in(state: _State, effect: Effect) -> Outcome:
    return _shift(state, effect, +1)


def _staff_out(state: _State, effect: Effect) -> Outcome:
    return _shift(state, effect, -1)


def _other(state: _State, effect: Effect) -> Outcome:
    """核增/核减 with counts adjust staffing; anything else is left for reviewers."""
    if effect.subject in {"核增", "增加"} and effect.counts:
        return _shift(state, effect, +1)
    if effect.subject in {"核减", "减少", "收回"} and effect.counts:
        return _shift(state, effect, -1)
    return "no rule applies this effect; kept for review"


HANDLERS: dict[str, Handler] = {
    "duty_transferred_in": _duty_in,
    "duty_transferred_out": _duty_out,
    "staffing_transferred_in": _staff_in,
    "staffing_transferred_out": _staff_out,
    "unit_added": _unit_added,
    "unit_removed": _unit_removed,
    "unit_renamed": _unit_renamed,
    "duty_text_amended": _wording,
    "alias_added": _alias_added,
    "alias_removed": _alias_removed,
    "body_abolished": _abolished,
    "supervision_transferred_in": _supervision_in,
    "supervision_transferred_out": _supervision_out,
    "other": _other,
}


def _label(effect: Effect) -> str:
    where = f" item {effect.ordinal}" if effect.ordinal is not None else ""
    return f"{effect.type}{where}"


# How an effect reads as a declared adjustment (CONTRACT §2 KIND), so the diff reconciles each item
# of the notice with the events observed between the base and the derived version.
_ADJUSTMENT_KIND: dict[str, AdjustmentKind] = {
    "duty_transferred_in": "transferred_in",
    "duty_transferred_out": "transferred_out",
}


def declared_adjustments(effects: list[Effect]) -> list[Adjustment]:
    """One adjustment per clause of the notice (a clause may carry several effects)."""
    by_clause: dict[tuple[int, int], Adjustment] = {}
    for effect in effects:
        kind = _ADJUSTMENT_KIND.get(effect.type, "other")
        known = by_clause.get(effect.span)
        if known is None or known.kind == "other" and kind != "other":
            by_clause[effect.span] = Adjustment(
                ordinal=effect.ordinal or 0,
                kind=kind,
                counterpart=effect.counterpart if kind != "other" else None,
                text=effect.text,
                span=effect.span,
            )
    return [by_clause[span] for span in sorted(by_clause)]


def _check_totals(state: _State, stated: Mapping[str, int]) -> None:
    """Compare the stated totals with the result; the stated figure wins."""
    for category, n in stated.items():
        if category == UNIT_COUNT:
            before = state.base.declared_unit_count if state.base else None
            expected = before + state.unit_delta if before is not None else len(state.units)
            if state.base is not None and expected != n:
                state.warnings.append(
                    f"stated {UNIT_COUNT} {n}, but the effects give {expected}; the stated figure wins"
                )
            state.declared_unit_count = n
            continue
        index = _find_staffing(state, category)
        if index is None:
            state.staffing.append(Staffing(category=category, count=n, text=f"调整后{category}{n}名"))
            continue
        row = state.staffing[index]
        if state.base is not None and row.count != n:
            state.warnings.append(
                f"stated {category} {n}, but the effects give {row.count}; the stated figure wins"
            )
        state.staffing[index] = row.model_copy(update={"count": n, "text": f"调整后{category}{n}名"})


def derive_version(
    base: AgencyRecord | None,
    amendment: AgencyRecord,
    *,
    agency: str,
    counterparts: Mapping[str, AgencyRecord] | None = None,
) -> Derived:
    """The version of `agency` that the amendment makes of `base`.

    Args:
        base: the agency's last version before the amendment's date, or None if there is none.
        amendment: the amendment's record for this agency (its `effects` and `stated_totals`).
        agency: the name the derived record carries (the history's name for the agency).
        counterparts: last versions of the other agencies the effects name, by the name the notice
            uses (`Effect.counterpart`). A duty arriving from a known giver then takes the giver's
            own wording, so the diff can pair both ends as one transfer.
    """
    state = _State.start(base, agency, counterparts or {})
    if base is None:
        state.warnings.append(
            f"partial: {agency} has no earlier version; the version holds only what the notice says"
        )
    applied: list[Effect] = []
    unapplied: list[Effect] = []
    for effect in amendment.effects:
        why = HANDLERS[effect.type](state, effect)
        if why is None:
            applied.append(effect)
        else:
            unapplied.append(effect)
            state.warnings.append(f"not applied: {_label(effect)}: {why}")
    _check_totals(state, amendment.stated_totals)
    return Derived(
        record=state.record(declared_adjustments(amendment.effects)),
        warnings=state.warnings,
        partial=base is None,
        abolished=state.abolished,
        applied=applied,
        unapplied=unapplied,
    )


def apply_effects(
    base: AgencyRecord | None,
    amendment: AgencyRecord,
    *,
    agency: str,
    counterparts: Mapping[str, AgencyRecord] | None = None,
) -> tuple[AgencyRecord, list[str]]:
    """`derive_version` reduced to (record, warnings). A partial version's first warning starts with
    "partial:"; effects that could not be applied are named in warnings starting "not applied:"."""
    derived = derive_version(base, amendment, agency=agency, counterparts=counterparts)
    return derived.record, derived.warnings
