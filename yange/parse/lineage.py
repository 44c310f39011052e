"""The lineage a notice states about agencies, read from its text and records (pure).

Rules (issue 14), each giving (predecessor, successor, relation); storage keys the names by the
notice's region:
- X更名为Z: X `renamed` Z.
- 组建X / 设立X with 不再保留Y in the same sentence: Y `merged_into` X.
- 将Y的职责划入X: Y `duties_absorbed` X, or `merged_into` X when the notice also no longer keeps Y.
- 不再保留Y in the regulation (or amendment effect) of agency A, with no body created beside it: Y
  `abolished_into` A; 从原Y划入 in A's adjustments: Y `duties_absorbed` A (successor None: the agency
  of the record, found by storage).
"""

from __future__ import annotations

from typing import NamedTuple

from models import AgencyRecord, ParsedNotice
from yange.parse.vocab import lineage as cue

_FORMER = "原"


class Succession(NamedTuple):
    predecessor: str
    successor: str | None  # None: the agency of record `record`
    relation: str
    record: int | None = None  # index in ParsedNotice.records of the record it is stated in


def successions(parsed: ParsedNotice) -> list[Succession]:
    """Every succession the notice states, once each, in a stable order."""
    found: set[Succession] = set()
    abolished_in_text: set[str] = set()
    for sentence in cue.SENTENCE_BREAK.split(parsed.text):
        found.update(_sentence(sentence, abolished_in_text))
    absorbed = {s for s in found if s.relation == "duties_absorbed"}
    for s in absorbed:
        if _bare(s.predecessor) in abolished_in_text:
            found.discard(s)
            found.add(s._replace(relation="merged_into"))
    for index, record in enumerate(parsed.records):
        found.update(_record(record, index))
    return sorted(found, key=lambda s: (s.relation, s.predecessor, s.successor or "", s.record or -1))


def _sentence(sentence: str, abolished_in_text: set[str]) -> list[Succession]:
    renamed = cue.RENAMED.finditer(sentence) if cue.RENAMED_CUE in sentence else ()
    out = [Succession(m["old"], m["new"], "renamed") for m in renamed]
    if cue.ABSORBED_LEAD in sentence and _holds(sentence, cue.ABSORBED_CUES):
        out += [Succession(m["old"], m["new"], "duties_absorbed") for m in cue.ABSORBED.finditer(sentence)]
    if cue.ABOLISHED_CUE not in sentence:
        return out  # nothing abolished: nothing merged into a body created here either
    created = (
        [m["name"] for m in cue.CREATED.finditer(sentence)] if _holds(sentence, cue.CREATED_CUES) else []
    )
    gone = [n for m in cue.ABOLISHED.finditer(sentence) for n in _names(m["names"])]
    abolished_in_text.update(_bare(n) for n in gone)
    if len(created) == 1:
        out += [Succession(name, created[0], "merged_into") for name in gone if name != created[0]]
    return out


def _holds(sentence: str, words: tuple[str, ...]) -> bool:
    """Whether the sentence holds one of a pattern's cue words (a pattern's gate)."""
    return any(word in sentence for word in words)


def _record(record: AgencyRecord, index: int) -> list[Succession]:
    out: list[Succession] = []
    for adjustment in record.adjustments:
        counterpart = adjustment.counterpart
        if adjustment.kind == "transferred_in" and counterpart and counterpart.startswith(_FORMER):
            out.append(Succession(counterpart, None, "duties_absorbed", index))
    for effect in record.effects:
        if effect.type == "body_abolished" and effect.subject:
            out.append(Succession(effect.subject, None, "abolished_into", index))
        elif (
            effect.type == "duty_transferred_in"
            and effect.counterpart
            and effect.counterpart.startswith(_FORMER)
        ):
            out.append(Succession(effect.counterpart, None, "duties_absorbed", index))
    return out


def _names(text: str) -> list[str]:
    found = []
    for part in cue.LIST_BREAK.split(text):
        match = cue.ONE_NAME.match(part.strip())
        if match:
            found.append(match.group(1))
    return found


def _bare(name: str) -> str:
    return name.removeprefix(_FORMER)
