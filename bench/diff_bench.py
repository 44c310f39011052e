"""Diff benchmark (CONTRACT §4): speed on 1,000 seed-sized version pairs, and the quality of the change
events on the labelled pairs of tests/golden/pairs/ against a plain difflib line diff of the same pairs.
`diff_f1_heldout` scores the same way on tests/golden/heldout/, pairs labelled apart from the tuning of
the diff, so that the gap between the two figures shows how far the tuning generalises.

Quality is micro-averaged over the pairs: an event counts as found when its `event_key` (type, section,
unit, old and new item) is among the labelled ones, each label matching at most one event.
"""

from __future__ import annotations

import difflib
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from models import AgencyRecord
from yange.diff import diff_snapshots
from yange.diff.classify import flatten_duties
from yange.diff.labels import EventKey, event_key, key_of

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "golden" / "pairs"
HELDOUT = PAIRS.parent / "heldout"
TIMED_PAIRS = 1000


def _labels(name: str, folder: Path = PAIRS) -> list[dict[str, Any]]:
    return list(json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8")))


def labelled_pairs(
    folder: Path = PAIRS,
) -> list[tuple[str, AgencyRecord | None, AgencyRecord, list[EventKey]]]:
    """Every `<name>.json` pair of `folder` with the keys of its hand-written `<name>.expected.json`."""
    out = []
    for path in sorted(folder.glob("*.expected.json")):
        name = path.name.removesuffix(".expected.json")
        doc = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        old = AgencyRecord.model_validate(doc["old"]) if doc["old"] else None
        new = AgencyRecord.model_validate(doc["new"])
        out.append((name, old, new, [key_of(e) for e in _labels(name, folder)]))
    return out


Link = tuple[EventKey, EventKey]


def links(name: str, old: AgencyRecord | None, new: AgencyRecord) -> tuple[list[Link], list[Link]]:
    """(found, labelled) links from a declared adjustment to an observed event bearing it out."""
    changes = diff_snapshots(old, new)
    found = [(event_key(c), event_key(changes[k])) for c in changes for k in c.detail.get("evidence", [])]
    labelled = [(key_of(e), key_of(x)) for e in _labels(name) for x in e.get("evidence", [])]
    return found, labelled


# --- the baseline: a line diff of the records written out as a notice would print them -----------


def _lines(record: AgencyRecord | None) -> list[tuple[str, Any, str]]:
    """(kind, ref, line) for every line: ordinals stay in the line, as they do in a notice."""
    if record is None:
        return []
    lines: list[tuple[str, Any, str]] = [
        ("rank", None, f"级别：{record.rank}"),
        ("aliases", None, f"加挂：{'、'.join(record.aliases)}"),
        ("count", None, f"设{record.declared_unit_count}个内设机构"),
    ]
    lines += [("adjustment", str(a.ordinal), f"（{a.ordinal}）{a.text}") for a in record.adjustments]
    lines += [("duty", i.path, f"（{i.path}）{i.text}") for i in flatten_duties(record.duties)]
    lines += [("unit", u, f"（{u.ordinal}）{u.name}{u.alias or ''}{u.duties}") for u in record.units]
    lines += [("other", str(m.ordinal), f"（{m.ordinal}）{m.text}") for m in record.other_matters]
    lines += [("staffing", s.category, f"{s.category}{s.count}名") for s in record.staffing]
    return lines


def _one_side(kind: str, ref: Any, removed: bool) -> EventKey | None:
    what = "removed" if removed else "added"
    if kind == "duty" or kind == "other":
        section = "duty" if kind == "duty" else "other"
        return (f"duty_{what}", section, None, ref if removed else None, None if removed else ref)
    if kind == "unit":
        return (f"unit_{what}", "unit", ref.name, None, None)
    if kind == "staffing":
        return ("staffing_changed", "staffing", None, ref, None)
    if kind == "adjustment" and not removed:
        return ("declared_adjustment", "adjustment", None, None, ref)
    return None


def _both_sides(kind: str, a: Any, b: Any) -> list[EventKey]:
    if kind in ("duty", "other"):
        return [("duty_reworded", "duty" if kind == "duty" else "other", None, a, b)]
    if kind == "unit":
        out: list[EventKey] = []
        old_label = f"{a.name}（{a.alias}）" if a.alias else a.name
        new_label = f"{b.name}（{b.alias}）" if b.alias else b.name
        if old_label != new_label:
            out.append(("unit_renamed", "unit", b.name, old_label, new_label))
        if a.duties != b.duties:
            out.append(("duty_reworded", "unit", b.name, a.name if a.name != b.name else None, None))
        return out
    if kind == "rank":
        return [("rank_changed", "rank", None, "rank", None)]
    if kind == "aliases":
        return [("alias_changed", "alias", None, "aliases", None)]
    if kind == "count":
        return [("staffing_changed", "staffing", None, "declared_unit_count", None)]
    if kind == "staffing":
        return [("staffing_changed", "staffing", None, b, None)]
    if kind == "adjustment":
        return [("declared_adjustment", "adjustment", None, None, b)]
    return []


def baseline_events(old: AgencyRecord | None, new: AgencyRecord) -> list[EventKey]:
    """difflib over the lines; a replaced block pairs its lines of one kind in order."""
    a, b = _lines(old), _lines(new)
    if old is None:  # a first version: every declared adjustment, as for the real diff
        return [
            k for kind, ref, _ in b if (k := _one_side(kind, ref, removed=False)) and kind == "adjustment"
        ]
    keys: list[EventKey] = []
    matcher = difflib.SequenceMatcher(None, [t for *_, t in a], [t for *_, t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone, came = list(a[i1:i2]), list(b[j1:j2])
        for kind in dict.fromkeys([x[0] for x in gone + came]):
            olds = [x for x in gone if x[0] == kind]
            news = [x for x in came if x[0] == kind]
            for (_, ra, _), (_, rb, _) in zip(olds, news, strict=False):
                keys.extend(_both_sides(kind, ra, rb))
            keys.extend(k for _, r, _ in olds[len(news) :] if (k := _one_side(kind, r, removed=True)))
            keys.extend(k for _, r, _ in news[len(olds) :] if (k := _one_side(kind, r, removed=False)))
    return keys


# --- scoring ---------------------------------------------------------------------------------------


def score(found: Iterable[tuple[list[Any], list[Any]]]) -> dict[str, float]:
    tp = fp = fn = 0
    for predicted, expected in found:
        p, e = Counter(predicted), Counter(expected)
        hit = sum((p & e).values())
        tp, fp, fn = tp + hit, fp + sum(p.values()) - hit, fn + sum(e.values()) - hit
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


# --- speed -----------------------------------------------------------------------------------------


def _vary(record: AgencyRecord, rng: random.Random, tag: str) -> AgencyRecord:
    """The record with every text marked by `tag` (so no text repeats across pairs) and reform-like
    edits: two duties dropped, three reworded, a unit renamed, a staffing count changed."""
    duties = [d.model_copy(update={"text": f"{tag}{d.text}", "items": []}) for d in record.duties]
    for k in rng.sample(range(len(duties)), min(3, len(duties))):
        text = duties[k].text
        at = rng.randrange(len(text))
        duties[k] = duties[k].model_copy(update={"text": text[:at] + "并加强监督管理" + text[at + 3 :]})
    for k in sorted(rng.sample(range(len(duties)), min(2, len(duties))), reverse=True):
        del duties[k]
    units = [u.model_copy(update={"duties": f"{tag}{u.duties}"}) for u in record.units]
    if units:
        k = rng.randrange(len(units))
        units[k] = units[k].model_copy(update={"name": units[k].name + "（新）"})
    staffing = [s.model_copy(update={"count": s.count + rng.randint(0, 3)}) for s in record.staffing]
    return record.model_copy(update={"duties": duties, "units": units, "staffing": staffing})


def _tagged(record: AgencyRecord, tag: str) -> AgencyRecord:
    duties = [d.model_copy(update={"text": f"{tag}{d.text}", "items": []}) for d in record.duties]
    units = [u.model_copy(update={"duties": f"{tag}{u.duties}"}) for u in record.units]
    return record.model_copy(update={"duties": duties, "units": units})


def timed_pairs(base: AgencyRecord, n: int = TIMED_PAIRS) -> list[tuple[AgencyRecord, AgencyRecord]]:
    rng = random.Random(20100529)
    pairs = []
    for k in range(n):
        tag = f"〔{k}〕"
        pairs.append((_tagged(base, tag), _vary(base, rng, tag)))
    return pairs


def diff_ms_per_pair(base: AgencyRecord) -> float:
    timings = []
    for old, new in timed_pairs(base):
        started = time.perf_counter()
        diff_snapshots(old, new)
        timings.append(time.perf_counter() - started)
    return round(statistics.median(timings) * 1000, 3)


def quality(folder: Path = PAIRS) -> dict[str, float]:
    """Precision, recall and F1 of the diff's events against the labels of the pairs in `folder`."""
    return score(
        ([event_key(c) for c in diff_snapshots(old, new)], expected)
        for _, old, new, expected in labelled_pairs(folder)
    )


def run(ctx: dict[str, object]) -> dict[str, float]:
    pairs = labelled_pairs()
    ours = quality(PAIRS)
    heldout = quality(HELDOUT)
    heldout_base = score(
        ((baseline_events(old, new), expected) for _, old, new, expected in labelled_pairs(HELDOUT))
    )
    base = score(((baseline_events(old, new), expected) for _, old, new, expected in pairs))
    linked = score(links(name, old, new) for name, old, new, _ in pairs)
    seed_sized = next(old for name, old, _, _ in pairs if name == "fujian-reword-three" and old)
    return {
        "diff_ms_per_pair": diff_ms_per_pair(seed_sized),
        "diff_f1": ours["f1"],
        "diff_precision": ours["precision"],
        "diff_recall": ours["recall"],
        "diff_f1_baseline": base["f1"],
        "diff_precision_baseline": base["precision"],
        "diff_recall_baseline": base["recall"],
        "diff_link_precision": linked["precision"],
        "diff_link_recall": linked["recall"],
        "diff_labelled_pairs": len(pairs),
        "diff_f1_heldout": heldout["f1"],
        "diff_precision_heldout": heldout["precision"],
        "diff_recall_heldout": heldout["recall"],
        "diff_f1_heldout_baseline": heldout_base["f1"],
        "diff_heldout_pairs": len(labelled_pairs(HELDOUT)),
    }


if __name__ == "__main__":
    for name, value in run({}).items():
        print(f"{name}: {value}")
