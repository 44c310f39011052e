"""Links each adjustment a notice declares to the observed changes that bear it out.

A notice says what it changes (职责调整: 取消…, 从…划入…, 将…交由事业单位); the diff shows what did change.
Reviewers need both sides flagged: a declaration with no trace in the text (`reconciled` False), and a
change nobody declared (`explained` False). The link is the declaration's subject (its words between
the verb cues) found in the text an observed event added or took away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from models import Adjustment, AgencyRecord, Change
from yange.diff.text import bigrams, comparison_key

# Breaks between the parts of one declaration's subject (not 、, which joins a list of one subject).
CLAUSE_BREAK = re.compile(r"[，,；;]")
# A long subject is a list of things (X职责及其内设的Y处、Z处…名行政编制): it is also scored by its
# items, cut at 、 and at 职责/职能, each kept if it has at least MIN_ITEM_BIGRAMS bigrams.
LONG_SUBJECT = 16
ITEM_BREAK = re.compile(r"[、“”\"]|职责|职能|(?<=\D)(?=\d)")
MIN_ITEM_BIGRAMS = 3
# Words that open or close an item of such a list without naming anything: 及其内设的, 承担的, 所属,
# a count (12名行政编制 is about 行政编制), a dangling 的.
LEADING_FILLER = re.compile(r"^(?:及其|及|和|其|所属|内设的|内设|承担的|的|\d+[名个]?)+")
TRAILING_FILLER = re.compile(r"的$")

# Where the subject of a declaration sits, tried in this order; the first that matches wins.
# 将X划给/交由… puts the subject between 将 and the verb; 从…划入X and 承担…下放的X put it after the verb;
# 取消X / 加强X / 承担X open with the verb. 下放的 comes before 承担 so that 承担商务部下放的X yields X.
SUBJECT_CUES: tuple[re.Pattern[str], ...] = (
    re.compile(r"将(?P<s>.+?)(?:划给|划出|划归|划转|划入|交由|交给|下放)"),
    re.compile(r"划入(?P<s>.+)"),
    re.compile(r"下放(?:的|给[^的]*的)?(?P<s>.+)"),
    re.compile(r"(?:取消|撤销|不再承担|不再)(?P<s>.+)"),
    re.compile(r"(?:加强|强化|承担|承接)(?P<s>.+)"),
)
# Generic tails that every duty shares and that would match anything: 的职责, 工作, 等事项.
GENERIC_TAIL = re.compile(r"(?:等)?(?:的)?(?:有关)?(?:职责|职能|工作|事项|事务)$")
# Least share of the subject's bigrams an observed change must contain to count as its evidence.
RECONCILE_THRESHOLD = 0.5
# Kinds that bring duties in show up as added text; kinds that take duties away, as removed text.
INWARD = frozenset({"transferred_in", "delegated_in", "strengthened"})
OUTWARD = frozenset({"cancelled", "transferred_out", "delegated_out", "handed_to_institution"})
# A unit added or abolished brings or takes away its duties too (交由事业单位 often abolishes one);
# amendments also move staff (…12名行政编制划入…) and name plates (不再加挂…牌子).
OBSERVED = frozenset(
    {
        "duty_added",
        "duty_removed",
        "duty_reworded",
        "unit_added",
        "unit_removed",
        "staffing_changed",
        "rank_changed",
        "alias_changed",
    }
)
# Other matters are arrangements between agencies, not duties: nothing declares them.
OBSERVED_SECTIONS = frozenset({"duty", "unit", "staffing", "rank", "alias"})


def subject(text: str) -> str:
    """The words of a declaration that name the duty it adjusts."""
    body = text.rstrip("。；; ")
    for cue in SUBJECT_CUES:
        found = cue.search(body)
        if found and comparison_key(found["s"]):
            body = found["s"]
            break
    trimmed = GENERIC_TAIL.sub("", body)
    return trimmed if comparison_key(trimmed) else body


def _trim(part: str) -> str:
    return LEADING_FILLER.sub("", TRAILING_FILLER.sub("", GENERIC_TAIL.sub("", part.strip())))


def subjects(text: str, *, names: Sequence[str] = ()) -> list[str]:
    """The subject split at its clause breaks (加强X职责，推动Y: X and Y), each without generic tails;
    a long part is also given as its list items. `names` (the agency itself, the counterpart) are
    cut out: they say who, not what."""
    body = subject(text)
    for name in sorted(filter(None, names), key=len, reverse=True):
        body = body.replace(name, "，")
    parts = [p for p in (_trim(p) for p in CLAUSE_BREAK.split(body)) if comparison_key(p)]
    items = [
        item
        for p in parts
        if len(comparison_key(p)) > LONG_SUBJECT
        for item in (_trim(i) for i in ITEM_BREAK.split(p))
        if len(bigrams(item)) >= MIN_ITEM_BIGRAMS
    ]
    return parts + [i for i in items if i not in parts] or [subject(text)]


def declared_events(old: AgencyRecord | None, new: AgencyRecord, *, every: bool = False) -> list[Change]:
    """A `declared_adjustment` for each adjustment of `new` that `old` did not already declare.

    With `every`, `new` is another notice's version: each of its declarations is its own event even
    when `old` declared the same words (取消已公布取消的…), flagged `detail.repeated`. Without it, the
    pair is one text compared with its edit, and a declaration both share is no change."""
    seen: dict[str, int] = {}
    for adj in old.adjustments if old else []:
        seen[comparison_key(adj.text)] = seen.get(comparison_key(adj.text), 0) + 1
    found: list[tuple[Adjustment, bool]] = []
    for adj in new.adjustments:
        key = comparison_key(adj.text)
        repeated = bool(seen.get(key))
        if repeated:
            seen[key] -= 1
        if every or not repeated:
            found.append((adj, repeated))
    return [
        Change(
            change_type="declared_adjustment",
            section="adjustment",
            new_text=adj.text,
            new_span=adj.span,
            detail={"ordinal": adj.ordinal, "kind": adj.kind, "counterpart": adj.counterpart}
            | ({"repeated": True} if repeated else {}),
        )
        for adj, repeated in found
    ]


def _sides(change: Change) -> tuple[str, str, str]:
    """(the text as it now stands, the text as it stood, the characters the change touched)."""
    name = change.unit_name or "" if change.change_type in ("unit_added", "unit_removed") else ""
    if change.change_type in ("duty_added", "unit_added"):
        return name + (change.new_text or ""), "", name + (change.new_text or "")
    if change.change_type in ("duty_removed", "unit_removed"):
        return "", name + (change.old_text or ""), name + (change.old_text or "")
    if change.change_type in ("staffing_changed", "rank_changed", "alias_changed"):
        after, before = change.new_text or "", change.old_text or ""
        return after, before, before + after
    touched = "".join(text for op, text in change.detail.get("ops", []) if op != "equal")
    return change.new_text or "", change.old_text or "", touched


class _Grams(NamedTuple):
    """The bigrams of one observed change's sides (see `_sides`), taken once per reconcile call."""

    after: frozenset[str]
    before: frozenset[str]
    touched: frozenset[str]


def _grams(change: Change) -> _Grams:
    return _Grams(*map(bigrams, _sides(change)))


def _score(part: frozenset[str], kind: object, grams: _Grams) -> float:
    """How well one observed change bears out one part of a declaration (its bigrams): the part's
    subject must be spoken of on the side the declaration's kind points to (after for 划入, before
    for 取消), and the change must have touched its words."""
    if not part or len(part & grams.touched) < min(2, len(part)):
        return 0.0
    texts = (grams.after,) if kind in INWARD else (grams.before,) if kind in OUTWARD else grams[:2]
    return max(len(part & t) for t in texts) / len(part)


def _evidence(declared: Change, observed: Sequence[tuple[int, _Grams]], names: Sequence[str]) -> list[int]:
    kind = declared.detail.get("kind")
    parts = subjects(declared.new_text or "", names=[*names, declared.detail.get("counterpart") or ""])
    grams = [bigrams(part) for part in parts]
    return [
        index
        for index, sides in observed
        if max(_score(part, kind, sides) for part in grams) >= RECONCILE_THRESHOLD
    ]


def reconcile(
    changes: Sequence[Change], *, first_version: bool = False, names: Sequence[str] = ()
) -> list[Change]:
    """The same changes, with the declared ones linked to their evidence and every observed change
    of duties, units, staffing and rank marked as explained or not. Links are indexes into the
    returned list. `names` are the agency's own names, which name no subject.

    For a first version there is nothing to compare with: `reconciled` is None, not False.
    """
    observed = [
        (k, c) for k, c in enumerate(changes) if c.change_type in OBSERVED and c.section in OBSERVED_SECTIONS
    ]
    grams = [(k, _grams(c)) for k, c in observed] if not first_version else []
    links: dict[int, list[int]] = {}
    out: list[Change] = list(changes)
    for k, change in enumerate(changes):
        if change.change_type != "declared_adjustment":
            continue
        evidence = [] if first_version else _evidence(change, grams, names)
        for index in evidence:
            links.setdefault(index, []).append(k)
        reconciled: bool | None = None if first_version else bool(evidence)
        out[k] = _with_detail(change, evidence=evidence, reconciled=reconciled)
    for k, change in observed:
        out[k] = _with_detail(change, explained=k in links, explained_by=links.get(k, []))
    return out


def _with_detail(change: Change, **extra: Any) -> Change:
    return change.model_copy(update={"detail": {**change.detail, **extra}})
