"""Repairs for scraped pages: repeated passages kept once, displaced items moved home, gaps reported.

The rules, in the order they apply:
1. An item whose ordinal and text equal an earlier item's is a repeat: dropped and counted.
2. An item whose wording belongs to another section (vocab shapes: a unit opens with a unit name, an
   adjustment with 取消/划入/下放/交由/加强, a main duty with a verb) moves there, but only into a gap
   of that section's numbering. Among 其他事项, which have no shape of their own, only an item that
   opens like a main duty or an adjustment moves. Among main duties, an adjustment-shaped item (a
   duty may open with 加强) moves only when its number is out of sequence or taken twice.
3. Whatever cannot move stays where it stood; nothing is dropped. Gaps left over are reported.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from models import Relocation
from yange.parse.adjust import shape_of
from yange.parse.items import Item
from yange.parse.vocab import units

SECTIONS = ("adjustments", "duties", "units", "other_matters")


@dataclass
class Repaired:
    sections: dict[str, list[Item]]
    duplicates_removed: int = 0
    relocated: list[Relocation] = field(default_factory=list)
    missing: dict[str, list[int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _key(item: Item) -> tuple[int | None, str]:
    return item.ordinal, item.text.rstrip("。；;，, \n")


def _fits(section: str, shape: str | None, item: Item) -> bool:
    if section == "units":
        return shape == "units" or item.ordinal is None
    if section == "adjustments":
        return shape == "adjustments"
    if section == "duties":
        return shape in ("duties", None)
    # 其他事项 have no shape of their own; one that opens like a duty or an adjustment is suspect,
    # but not one that opens with an agency's name (省…厅牵头，会同…), which looks like a unit
    return shape not in ("duties", "adjustments")


def _out_of_order(items: list[Item]) -> set[int]:
    """Indexes of items outside the longest increasing run of ordinals (O(n log n))."""
    idx = [i for i, it in enumerate(items) if it.ordinal is not None]
    seq = [items[i].ordinal for i in idx]
    if all(a < b for a, b in itertools.pairwise(seq)):  # type: ignore[operator]
        return set()  # in order already, as most sections are: the run is all of them
    tails: list[int] = []
    tails_at: list[int] = []
    prev: list[int] = [-1] * len(seq)
    for j, v in enumerate(seq):
        assert v is not None
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_at.append(j)
        else:
            tails[k] = v
            tails_at[k] = j
        prev[j] = tails_at[k - 1] if k else -1
    keep: set[int] = set()
    j = tails_at[-1] if tails_at else -1
    while j >= 0:
        keep.add(idx[j])
        j = prev[j]
    return {i for i in idx if i not in keep}


def _numbering(items: list[Item]) -> tuple[set[int], Counter[int | None]]:
    """The indexes of a section's items out of order, and how many items take each number."""
    return _out_of_order(items), Counter([it.ordinal for it in items])


def repair(
    items: list[Item], *, declared_units: int | None = None, gap_sections: tuple[str, ...] = SECTIONS
) -> Repaired:
    """Deduplicate, relocate and report gaps for items found in page order."""
    out = Repaired(sections={s: [] for s in SECTIONS})
    seen: set[tuple[int | None, str]] = set()
    unique: list[Item] = []
    for it in items:
        k = _key(it)
        if k in seen:
            out.duplicates_removed += 1
            continue
        seen.add(k)
        unique.append(it)

    by_section: dict[str, list[Item]] = defaultdict(list)
    for it in unique:
        by_section[it.section].append(it)

    staying: dict[str, list[Item]] = {s: [] for s in SECTIONS}
    movers: list[tuple[Item, str]] = []
    # a section's numbering (which items are out of order, how often each number is taken) is read
    # only where a decision turns on it: most sections have no item to move
    numbering: dict[str, tuple[set[int], Counter[int | None]]] = {}
    for section in SECTIONS:
        current = by_section.get(section)
        if not current:
            continue
        for i, it in enumerate(current):
            if it.ordinal is None:
                staying[section].append(it)
                continue
            shape = shape_of(it.text)
            if _fits(section, shape, it):
                staying[section].append(it)
                continue
            if section == "duties" and shape == "adjustments":
                disorder, counts = numbering.get(section) or numbering.setdefault(
                    section, _numbering(current)
                )
                if i not in disorder and counts[it.ordinal] == 1:
                    # a main duty may open with 加强: only move it when its numbering is also out of place
                    staying[section].append(it)
                    continue
            movers.append((it, shape or section))

    in_sequence: set[int] = set()  # item starts
    if movers:
        for section in SECTIONS:
            current = by_section.get(section)
            if not current:
                continue
            disorder, counts = numbering.get(section) or numbering.setdefault(section, _numbering(current))
            numbered = [it for i, it in enumerate(current) if it.ordinal is not None and i not in disorder]
            # items whose number follows on from the one before (or opens the section at 1): in sequence
            in_sequence.update(
                it.start
                for k, it in enumerate(numbered)
                if it.ordinal == ((numbered[k - 1].ordinal or 0) + 1 if k else 1) and counts[it.ordinal] == 1
            )

    taken: dict[str, set[int]] = {
        s: {it.ordinal for it in staying[s] if it.ordinal is not None} for s in SECTIONS
    }
    last = {s: max(taken[s], default=0) for s in SECTIONS}
    for it, target in movers:
        assert it.ordinal is not None
        # into a gap: inside the target's numbering, or where the item breaks its own section's sequence;
        # units (八)…(十一) worded like duties, following (七), are no duties 8-11 of a regulation with seven
        in_place = it.start in in_sequence and it.ordinal > last[target]
        if target != it.section and it.ordinal not in taken[target] and not in_place:
            staying[target].append(it._replace(section=target))
            taken[target].add(it.ordinal)
            out.relocated.append(Relocation(ordinal=it.ordinal, from_section=it.section, to_section=target))  # type: ignore[arg-type]
        else:
            if it.ordinal in taken[it.section]:
                out.warnings.append(f"{it.section}: two different items numbered {it.ordinal}; both kept")
            staying[it.section].append(it)
            taken[it.section].add(it.ordinal)

    for section in SECTIONS:
        items_s = staying[section]
        ordinals_s = [it.ordinal for it in items_s]
        # in order already (numbered, each higher than the one before), as most sections are
        if None in ordinals_s or not all(a < b for a, b in itertools.pairwise(ordinals_s)):  # type: ignore[operator]
            items_s = sorted(items_s, key=lambda it: (it.ordinal is None, it.ordinal or 0, it.start))
        out.sections[section] = items_s
        if section not in gap_sections:
            continue
        ordinals = {it.ordinal for it in items_s if it.ordinal is not None}
        if ordinals:
            gaps = [n for n in range(1, max(ordinals) + 1) if n not in ordinals]
            if gaps:
                out.missing[section] = gaps
    if declared_units is not None:
        numbered = sum(1 for it in out.sections["units"] if it.ordinal is not None)
        total = len(out.sections["units"])
        # 机关党委, 离退休干部处 and the like are often left out of the declared count
        party = sum(
            1 for it in out.sections["units"] if it.ordinal is None and units.UNNUMBERED_UNITS.match(it.text)
        )
        if declared_units not in (numbered, total, total - party):
            out.warnings.append(
                f"declared {declared_units} units, found {numbered} numbered units"
                + (f" ({total} with unnumbered ones)" if total != numbered else "")
            )
    return out
