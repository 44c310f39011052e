"""新旧对照: align the items of two versions of one agency into rows for a side-by-side view.

Pure code (records and change events in, rows out), so the alignment is tested without Streamlit.
The differ decides what changed; this module only places its verdicts next to each other: items
whose text is unchanged pair up, reworded or renamed items pair through the change events, and the
rest are added or removed. Rows keep the order of the new version, with removed items placed after
the old item they followed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from models import AgencyRecord, Duty

Status = Literal["same", "changed", "added", "removed"]

# The order of sections in the side-by-side view (their words are in dashboard/vocab.py).
SECTION_ORDER: tuple[str, ...] = ("duty", "unit", "staffing", "other", "rank")


@dataclass(frozen=True)
class Item:
    """One comparable item of a version; `keys` are the texts a change event may name it by."""

    section: str
    label: str
    text: str
    keys: tuple[str, ...]


@dataclass
class Row:
    section: str
    old: Item | None
    new: Item | None
    status: Status
    change_type: str | None = None
    similarity: float | None = None
    # The differ's own character-level ops (detail.ops), when its texts are exactly this row's.
    ops: list[tuple[str, str]] | None = None


@dataclass
class Reconciliation:
    """A declared adjustment and the observed change events that bear it out."""

    kind: str
    text: str
    observed: list[Mapping[str, Any]] = field(default_factory=list)
    reconciled: bool | None = None  # None: nothing to check against (a first version)


def _duty_items(duties: Sequence[Duty], prefix: str = "") -> Iterable[Item]:
    for duty in duties:
        label = f"{prefix}{duty.ordinal}"
        yield Item("duty", label, duty.text, (duty.text,))
        yield from _duty_items(duty.items, prefix=f"{label}.")


def items_of(record: AgencyRecord) -> list[Item]:
    """Every item of a record, section by section, in the record's own order."""
    items = list(_duty_items(record.duties))
    for unit in record.units:
        name = f"{unit.name}（{unit.alias}）" if unit.alias else unit.name
        text = f"{name}：{unit.duties}" if unit.duties else name
        items.append(Item("unit", str(unit.ordinal or ""), text, (unit.name, name, unit.duties)))
    for quota in record.staffing:
        inside = f"（含于{quota.included_in}）" if quota.included_in else ""
        items.append(
            Item("staffing", "", f"{quota.category} {quota.count}{inside}", (quota.text, quota.category))
        )
    items.extend(Item("other", str(m.ordinal), m.text, (m.text,)) for m in record.other_matters)
    if record.rank:
        items.append(Item("rank", "规格", record.rank, (record.rank,)))
    return items


def _find(items: Sequence[Item], used: set[int], section: str, text: str | None) -> int | None:
    if not text:
        return None
    for i, item in enumerate(items):
        if i not in used and item.section == section and text in item.keys:
            return i
    return None


def _pairs_from_changes(
    old: Sequence[Item], new: Sequence[Item], changes: Sequence[Mapping[str, Any]]
) -> dict[int, tuple[int, Mapping[str, Any]]]:
    """new index -> (old index, change) for every change event naming both an old and a new item."""
    pairs: dict[int, tuple[int, Mapping[str, Any]]] = {}
    used_old: set[int] = set()
    for change in changes:
        section = change.get("section") or "duty"
        i = _find(old, used_old, section, change.get("old_text"))
        j = _find(new, set(pairs), section, change.get("new_text"))
        if i is None and j is None and change.get("unit_name"):
            i = _find(old, used_old, section, change.get("unit_name"))
            j = _find(new, set(pairs), section, change.get("unit_name"))
        if i is not None and j is not None:
            pairs[j] = (i, change)
            used_old.add(i)
    return pairs


def align(
    old_record: AgencyRecord, new_record: AgencyRecord, changes: Sequence[Mapping[str, Any]] = ()
) -> list[Row]:
    """Rows of the side-by-side view, grouped by section in SECTION_ORDER."""
    old, new = items_of(old_record), items_of(new_record)
    pairs = _pairs_from_changes(
        old, new, [c for c in changes if c.get("change_type") != "declared_adjustment"]
    )
    used_old = {i for i, _ in pairs.values()}
    # Items whose text did not change pair up by exact text, first come first served.
    unchanged: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, item in enumerate(old):
        if i not in used_old:
            unchanged[(item.section, item.text)].append(i)
    matched: dict[int, int] = {j: i for j, (i, _) in pairs.items()}
    for j, item in enumerate(new):
        if j not in matched and unchanged.get((item.section, item.text)):
            matched[j] = unchanged[(item.section, item.text)].pop(0)
    rows: list[Row] = []
    emitted: set[int] = set()
    # Old index of the next paired item at or after each new position: removed items before it
    # belong in the gap being walked, ahead of the gap's added items (as a diff reads: - then +).
    following = [len(old)] * (len(new) + 1)
    for j in range(len(new) - 1, -1, -1):
        following[j] = matched.get(j, following[j + 1])
    for j, item in enumerate(new):
        i = matched.get(j)
        rows.extend(_removed(old, emitted, upto=following[j], section=item.section))
        if i is None:
            rows.append(Row(item.section, None, item, "added"))
            continue
        emitted.add(i)
        change = pairs.get(j, (i, {}))[1]
        status: Status = "same" if old[i].text == item.text else "changed"
        rows.append(
            Row(item.section, old[i], item, status, change.get("change_type"), change.get("similarity"),
                _differ_ops(change, old[i], item))
        )  # fmt: skip
    rows.extend(_removed(old, emitted, upto=len(old), section=None))
    order = list(SECTION_ORDER)
    return sorted(rows, key=lambda r: order.index(r.section))


def _differ_ops(change: Mapping[str, Any], old: Item, new: Item) -> list[tuple[str, str]] | None:
    ops = (change.get("detail") or {}).get("ops")
    if not ops or (change.get("old_text"), change.get("new_text")) != (old.text, new.text):
        return None
    return [(str(op), str(text)) for op, text in ops]


def _removed(old: Sequence[Item], emitted: set[int], *, upto: int, section: str | None) -> list[Row]:
    rows = []
    for i in range(upto):
        if i not in emitted and (section is None or old[i].section == section):
            emitted.add(i)
            rows.append(Row(old[i].section, old[i], None, "removed"))
    return rows


def reconcile(record: AgencyRecord, changes: Sequence[Mapping[str, Any]]) -> list[Reconciliation]:
    """Each adjustment `record` declares anew, with the observed changes that bear it out.

    The differ gives every `declared_adjustment` event `detail.evidence`: indexes, among the events
    of the same version pair, of the observed changes that bear it out (empty: flagged).
    """
    out = []
    for event in changes:
        if event.get("change_type") != "declared_adjustment":
            continue
        detail = event.get("detail") or {}
        indexes = detail.get("evidence") or []
        observed = [changes[k] for k in indexes if isinstance(k, int) and 0 <= k < len(changes)]
        kind = detail.get("kind") or next(
            (a.kind for a in record.adjustments if a.text == event.get("new_text")), "other"
        )
        out.append(Reconciliation(kind, event.get("new_text") or "", observed, detail.get("reconciled")))
    return out
