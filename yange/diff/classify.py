"""Turns aligned items into change events: duties and other matters, and internal units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz.distance import Hamming

from models import Change, Duty, OtherMatter, Span, Unit
from yange.diff.align import identical_pairs, match, ordered, similarity_matrix, slot_pairs
from yange.diff.inline import inline_diff
from yange.diff.text import clauses, comparison_key, numerals

# A unit counts as built from another when at least this share of its clauses came from it (split),
# or as gone into another when this share of its clauses went there (merge).
PARTNER_SHARE = 0.5
# Least similarity of two clauses for a duty's clause to count as carried into another duty (split,
# merge): a duty is short, so one loosely similar clause (组织实施…促进活动) must not make a partner.
ITEM_CLAUSE_THRESHOLD = 0.8
# Weight of the duties' similarity, against the name's, when pairing units whose names differ.
UNIT_DUTY_WEIGHT = 0.8


@dataclass(frozen=True, slots=True)
class Item:
    """One comparable text of a version: a duty, a nested duty item or an other matter."""

    path: str  # "3" for a duty, "2.1" for the first item nested in duty 2
    text: str
    span: Span


def same_wording(old: str, new: str, similarity: float, unchanged: float) -> bool:
    """Equal comparison keys, or a character replaced here and there in a long text (similar beyond
    `unchanged`, same length, same numbers): a typo put right (补贴/补帖) is noise. A character added or
    taken away never is (境内外 becoming 境外, 负责 becoming 不再负责), nor is 2个办事处 becoming 3个.

    Known limit: a one-character replacement of substance (审批 becoming 审核) in a text long enough
    to pass `unchanged` is taken as a typo too."""
    a, b = comparison_key(old), comparison_key(new)
    if a == b:
        return True
    return (
        len(a) == len(b)
        and similarity >= unchanged
        and Hamming.normalized_similarity(a, b) >= unchanged
        and numerals(old) == numerals(new)
    )


def flatten_duties(duties: Sequence[Duty], prefix: str = "") -> list[Item]:
    """Duties and their nested items as one list, each keeping its place as a dotted ordinal path."""
    items: list[Item] = []
    for duty in duties:
        path = f"{prefix}{duty.ordinal}"
        items.append(Item(path, duty.text, duty.span))
        items.extend(flatten_duties(duty.items, prefix=f"{path}."))
    return items


def other_items(matters: Sequence[OtherMatter]) -> list[Item]:
    return [Item(str(m.ordinal), m.text, m.span) for m in matters]


def _item_partners(
    old: Sequence[Item],
    new: Sequence[Item],
    reworded: dict[int, int],
    pairs: dict[int, int],
    threshold: float,
) -> tuple[dict[int, int], dict[int, int]]:
    """Added items cut out of one reworded item (new -> old index), and removed items folded into one
    reworded item (old -> new index): at least PARTNER_SHARE of their clauses went there."""
    if not reworded or len(pairs) == len(old) == len(new):
        return {}, {}
    went, came = _clause_flows([i.text for i in old], [i.text for i in new], threshold)
    split_from: dict[int, int] = {}
    for k in set(range(len(new))) - set(pairs.values()):
        sources = [i for i in reworded if came[i, k] and came[i, k] >= PARTNER_SHARE * came[-1, k]]
        if len(sources) == 1:
            split_from[k] = sources[0]
    merged_into: dict[int, int] = {}
    for m in set(range(len(old))) - set(pairs):
        targets = [j for j in reworded.values() if went[m, j] and went[m, j] >= PARTNER_SHARE * went[m, -1]]
        if len(targets) == 1:
            merged_into[m] = targets[0]
    return split_from, merged_into


def _partner_details(
    old: Sequence[Item],
    new: Sequence[Item],
    reworded: dict[int, int],
    pairs: dict[int, int],
    threshold: float,
) -> tuple[dict[int, dict[str, object]], dict[int, dict[str, object]]]:
    """Split and merge details of each old and new item, by index, as dotted ordinal paths."""
    split_from, merged_into = _item_partners(old, new, reworded, pairs, threshold)
    old_detail: dict[int, dict[str, object]] = {}
    new_detail: dict[int, dict[str, object]] = {}
    for i in sorted(set(split_from.values())):
        parts = sorted([pairs[i], *(k for k, src in split_from.items() if src == i)])
        old_detail.setdefault(i, {})["split_into"] = [new[k].path for k in parts]
    for k, i in split_from.items():
        new_detail.setdefault(k, {})["split_from"] = old[i].path
    by_new = {j: i for i, j in pairs.items()}
    for j in sorted(set(merged_into.values())):
        parts = sorted([by_new[j], *(m for m, tgt in merged_into.items() if tgt == j)])
        new_detail.setdefault(j, {})["merged_from"] = [old[m].path for m in parts]
    for m, j in merged_into.items():
        old_detail.setdefault(m, {})["merged_into"] = new[j].path
    return old_detail, new_detail


def diff_items(
    old: Sequence[Item],
    new: Sequence[Item],
    *,
    section: Literal["duty", "other"],
    match_threshold: float,
    unchanged: float,
) -> list[Change]:
    """Reworded, added and removed items of one section, in reading order of the new version."""
    fixed = identical_pairs([i.text for i in old], [i.text for i in new])
    scores = similarity_matrix([i.text for i in old], [i.text for i in new], fixed=fixed)
    pairs = slot_pairs(match(scores, threshold=match_threshold, fixed=fixed), scores)
    same = {
        i
        for i, j in pairs.items()
        if i in fixed or same_wording(old[i].text, new[j].text, round(float(scores[i, j]), 4), unchanged)
    }
    # Only a reworded item can have given text to, or taken text from, an added or removed one.
    reworded = {i: j for i, j in pairs.items() if i not in same}
    old_detail, new_detail = _partner_details(old, new, reworded, pairs, ITEM_CLAUSE_THRESHOLD)
    changes: list[Change] = []
    for i, j, sim in ordered(pairs, scores):
        if i is not None and j is not None:
            a, b = old[i], new[j]
            if i in same:
                continue
            partners = {**old_detail.get(i, {}), **new_detail.get(j, {})}
            changes.append(
                Change(
                    change_type="duty_reworded",
                    section=section,
                    old_text=a.text,
                    new_text=b.text,
                    similarity=sim,
                    old_span=a.span,
                    new_span=b.span,
                    detail={
                        "old_ordinal": a.path,
                        "new_ordinal": b.path,
                        "ops": inline_diff(a.text, b.text),
                        **partners,
                    },
                )
            )
        elif i is not None:
            a = old[i]
            changes.append(
                Change(
                    change_type="duty_removed",
                    section=section,
                    old_text=a.text,
                    old_span=a.span,
                    detail={"old_ordinal": a.path, **old_detail.get(i, {})},
                )
            )
        elif j is not None:
            b = new[j]
            changes.append(
                Change(
                    change_type="duty_added",
                    section=section,
                    new_text=b.text,
                    new_span=b.span,
                    detail={"new_ordinal": b.path, **new_detail.get(j, {})},
                )
            )
    return changes


def _label(unit: Unit) -> str:
    return f"{unit.name}（{unit.alias}）" if unit.alias else unit.name


def _same_label(a: Unit, b: Unit) -> bool:
    """Same name and alias once width, spacing and punctuation are set aside (WTO and ＷＴＯ)."""
    old_label = (comparison_key(a.name), comparison_key(a.alias or ""))
    return old_label == (comparison_key(b.name), comparison_key(b.alias or ""))


def _named_pairs(old: Sequence[Unit], new: Sequence[Unit]) -> dict[int, int]:
    """Units that keep their name, or whose new name was the other's alias (or the reverse)."""
    pairs = identical_pairs([u.name for u in old], [u.name for u in new])
    taken = set(pairs.values())
    by_name: dict[str, int] = {}
    for j, unit in enumerate(new):
        for name in (unit.name, unit.alias):
            if name and j not in taken:
                by_name.setdefault(comparison_key(name), j)
    for i, unit in enumerate(old):
        if i in pairs:
            continue
        for name in (unit.name, unit.alias):
            j = by_name.get(comparison_key(name)) if name else None
            if j is not None and j not in taken:
                pairs[i] = j
                taken.add(j)
                break
    return pairs


def _clause_flows(old: Sequence[str], new: Sequence[str], threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Where clauses went and where they came from, as `(went, came)`: `went[i, j]` counts old text
    i's clauses whose closest new clause is in new text j, `came[i, j]` new text j's clauses whose
    closest old clause is in old text i; both carry the clause totals of each text in an extra last
    row (new) and column (old). Splits are judged on `came` and merges on `went`, so swapping the
    versions turns one into the other."""
    old_owner = [i for i, text in enumerate(old) for _ in clauses(text)]
    new_owner = [j for j, text in enumerate(new) for _ in clauses(text)]
    went = np.zeros((len(old) + 1, len(new) + 1), dtype=np.int32)
    for i in old_owner:
        went[i, -1] += 1
    for j in new_owner:
        went[-1, j] += 1
    came = went.copy()
    if not old_owner or not new_owner:
        return went, came
    scores = similarity_matrix([c for t in old for c in clauses(t)], [c for t in new for c in clauses(t)])
    for k, j in enumerate(scores.argmax(axis=1).tolist()):
        if scores[k, j] >= threshold:
            went[old_owner[k], new_owner[j]] += 1
    for j, k in enumerate(scores.argmax(axis=0).tolist()):
        if scores[k, j] >= threshold:
            came[old_owner[k], new_owner[j]] += 1
    return went, came


def _splits_and_merges(
    old: Sequence[Unit], new: Sequence[Unit], pairs: dict[int, int], threshold: float
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Old units split into several new ones, and new units merged from several old ones."""
    went, came = _clause_flows([u.duties for u in old], [u.duties for u in new], threshold)
    added = set(range(len(new))) - set(pairs.values())
    removed = set(range(len(old))) - set(pairs)
    splits: dict[int, list[int]] = {}
    merges: dict[int, list[int]] = {}
    for i in range(len(old)):
        parts = [
            j
            for j in range(len(new))
            if came[i, j] and came[i, j] >= PARTNER_SHARE * came[-1, j] and (j in added or pairs.get(i) == j)
        ]
        if len(parts) >= 2 and added.intersection(parts):
            splits[i] = parts
    for j in range(len(new)):
        parts = [
            i
            for i in range(len(old))
            if went[i, j]
            and went[i, j] >= PARTNER_SHARE * went[i, -1]
            and (i in removed or pairs.get(i) == j)
        ]
        if len(parts) >= 2 and removed.intersection(parts):
            merges[j] = parts
    return splits, merges


def _unit_pairs(
    old: Sequence[Unit],
    new: Sequence[Unit],
    *,
    named: dict[int, int],
    duty_scores: np.ndarray,
    threshold: float,
) -> tuple[dict[int, int], dict[int, list[int]], dict[int, list[int]]]:
    name_scores = similarity_matrix([u.name for u in old], [u.name for u in new], fixed=named)
    has_duties = np.outer([bool(u.duties) for u in old], [bool(u.duties) for u in new])
    combined = np.where(
        has_duties, UNIT_DUTY_WEIGHT * duty_scores + (1 - UNIT_DUTY_WEIGHT) * name_scores, 0.0
    )
    pairs = match(combined, threshold=threshold, fixed=named)
    if len(pairs) == len(old) == len(new):
        return pairs, {}, {}
    splits, merges = _splits_and_merges(old, new, pairs, threshold)
    # A split or merged unit that lost its name does not continue under the new one's name.
    for i in splits:
        if i in pairs and i not in named:
            del pairs[i]
    for j, parts in merges.items():
        for i in parts:
            if pairs.get(i) == j and i not in named:
                del pairs[i]
    return pairs, splits, merges


def diff_units(
    old: Sequence[Unit], new: Sequence[Unit], *, match_threshold: float, unchanged: float
) -> list[Change]:
    """Unit events: renamed rather than removed and added, split and merge partners in the detail,
    and a kept unit's reworded duties as a `duty_reworded` of section "unit"."""
    named = _named_pairs(old, new)
    duty_scores = similarity_matrix([u.duties for u in old], [u.duties for u in new], fixed=named)
    pairs, splits, merges = _unit_pairs(
        old, new, named=named, duty_scores=duty_scores, threshold=match_threshold
    )
    split_from = {j: i for i, parts in splits.items() for j in parts if pairs.get(i) != j}
    merged_into = {i: j for j, parts in merges.items() for i in parts if pairs.get(i) != j}
    changes: list[Change] = []
    for i, j, _ in ordered(pairs, duty_scores):
        detail: dict[str, object] = {}
        if i is not None and j is not None:
            a, b = old[i], new[j]
            sim = round(float(duty_scores[i, j]), 4)
            if i in splits:
                detail["split_into"] = [new[k].name for k in splits[i]]
            if j in merges:
                detail["merged_from"] = [old[k].name for k in merges[j]]
            if not _same_label(a, b):
                changes.append(
                    Change(
                        change_type="unit_renamed",
                        section="unit",
                        unit_name=b.name,
                        old_text=_label(a),
                        new_text=_label(b),
                        similarity=sim,
                        old_span=a.span,
                        new_span=b.span,
                        detail={
                            "old_name": a.name,
                            "new_name": b.name,
                            "old_alias": a.alias,
                            "new_alias": b.alias,
                            **detail,
                        },
                    )
                )
            if not same_wording(a.duties, b.duties, sim, unchanged):
                extra = {"old_unit_name": a.name} if a.name != b.name else {}
                changes.append(
                    Change(
                        change_type="duty_reworded",
                        section="unit",
                        unit_name=b.name,
                        old_text=a.duties,
                        new_text=b.duties,
                        similarity=sim,
                        old_span=a.span,
                        new_span=b.span,
                        detail={"ops": inline_diff(a.duties, b.duties), **extra, **detail},
                    )
                )
        elif i is not None:
            a = old[i]
            if i in splits:
                detail["split_into"] = [new[k].name for k in splits[i]]
            if i in merged_into:
                detail["merged_into"] = new[merged_into[i]].name
            changes.append(
                Change(
                    change_type="unit_removed",
                    section="unit",
                    unit_name=a.name,
                    old_text=a.duties,
                    old_span=a.span,
                    detail={"old_ordinal": a.ordinal, **detail},
                )
            )
        elif j is not None:
            b = new[j]
            if j in split_from:
                detail["split_from"] = old[split_from[j]].name
            if j in merges:
                detail["merged_from"] = [old[k].name for k in merges[j]]
            changes.append(
                Change(
                    change_type="unit_added",
                    section="unit",
                    unit_name=b.name,
                    new_text=b.duties,
                    new_span=b.span,
                    detail={"new_ordinal": b.ordinal, **detail},
                )
            )
    return changes
