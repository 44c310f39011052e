"""Turns aligned items into change events: duties and other matters, and internal units."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
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
    flows = ClauseFlows([i.text for i in old], [i.text for i in new], threshold)
    split_from: dict[int, int] = {}
    for k, came in flows.came(set(range(len(new))) - set(pairs.values())).items():
        share = PARTNER_SHARE * flows.clause_count(k, old=False)
        sources = [i for i in reworded if came[i] and came[i] >= share]
        if len(sources) == 1:
            split_from[k] = sources[0]
    merged_into: dict[int, int] = {}
    for m, went in flows.went(set(range(len(old))) - set(pairs)).items():
        share = PARTNER_SHARE * flows.clause_count(m, old=True)
        targets = [j for j in reworded.values() if went[j] and went[j] >= share]
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


class ClauseFlows:
    """Where the clauses of two versions' texts went and came from, computed only for the texts asked
    about: `went(i)` counts, by new text, old text i's clauses whose closest new clause is there;
    `came(j)`, by old text, new text j's clauses whose closest old clause is there (below `threshold`,
    nowhere). Splits are judged on `came` and merges on `went`, so swapping the versions turns one
    into the other. A text's row of scores is computed against every clause of the other version, so
    the counts are those of the whole matrix, but a reform that adds one unit scores its clauses
    alone, not every clause against every clause."""

    def __init__(self, old: Sequence[str], new: Sequence[str], threshold: float) -> None:
        self.old = [clauses(t) for t in old]
        self.new = [clauses(t) for t in new]
        self.threshold = threshold
        self._went: dict[int, Counter[int]] = {}
        self._came: dict[int, Counter[int]] = {}

    def went(self, texts: Iterable[int]) -> dict[int, Counter[int]]:
        return self._flows(self.old, self.new, texts, self._went, old_side=True)

    def came(self, texts: Iterable[int]) -> dict[int, Counter[int]]:
        return self._flows(self.new, self.old, texts, self._came, old_side=False)

    def _flows(
        self,
        side: list[list[str]],
        other: list[list[str]],
        texts: Iterable[int],
        known: dict[int, Counter[int]],
        *,
        old_side: bool,
    ) -> dict[int, Counter[int]]:
        wanted = sorted(set(texts))
        missing = [t for t in wanted if t not in known]
        asked = [(t, c) for t in missing for c in side[t]]
        pool = [(t, c) for t, cs in enumerate(other) for c in cs]
        for t in missing:
            known[t] = Counter()
        if asked and pool:
            # oriented as old clauses x new clauses, so that ties go where the whole matrix sends them
            if old_side:
                scores = similarity_matrix([c for _, c in asked], [c for _, c in pool])
            else:
                scores = similarity_matrix([c for _, c in pool], [c for _, c in asked]).T
            for k, best in enumerate(scores.argmax(axis=1).tolist()):
                if scores[k, best] >= self.threshold:
                    known[asked[k][0]][pool[best][0]] += 1
        return {t: known[t] for t in wanted}

    def clause_count(self, text: int, *, old: bool) -> int:
        return len((self.old if old else self.new)[text])


def _splits_and_merges(
    old: Sequence[Unit], new: Sequence[Unit], pairs: dict[int, int], threshold: float
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Old units split into several new ones, and new units merged from several old ones.

    A split has an added unit among its parts, a merge a removed one, so the flows of those are
    read first, then those of the kept units they point at."""
    flows = ClauseFlows([u.duties for u in old], [u.duties for u in new], threshold)
    added = set(range(len(new))) - set(pairs.values())
    removed = set(range(len(old))) - set(pairs)
    by_new = {j: i for i, j in pairs.items()}

    def built_from(j: int, came: Counter[int], i: int) -> bool:
        return bool(came[i]) and came[i] >= PARTNER_SHARE * flows.clause_count(j, old=False)

    def gone_into(i: int, went: Counter[int], j: int) -> bool:
        return bool(went[j]) and went[j] >= PARTNER_SHARE * flows.clause_count(i, old=True)

    splits = _fans(added, pairs, flows.came, built_from)
    merges = _fans(removed, by_new, flows.went, gone_into)
    return splits, merges


def _fans(
    ends: set[int],
    partner: dict[int, int],
    flow: Callable[[Iterable[int]], dict[int, Counter[int]]],
    share: Callable[[int, Counter[int], int], bool],
) -> dict[int, list[int]]:
    """The units whose clauses fan out to (or in from) two or more of the other side, one of them
    in `ends` (the unpaired): read the flows of `ends` first, then of the partners they point at."""
    first = flow(ends)
    sources = sorted({s for e, c in first.items() for s in c if share(e, c, s)})
    seen = flow([*ends, *(partner[s] for s in sources if s in partner)])
    fans: dict[int, list[int]] = {}
    for s in sources:
        parts = [e for e, c in seen.items() if share(e, c, s) and (e in ends or partner.get(s) == e)]
        if len(parts) >= 2 and ends.intersection(parts):
            fans[s] = parts
    return fans


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
