"""Find the duty an amendment names: a short phrase (经营者集中审查职责) against whole duty texts.

The diff's aligner compares whole items; a transfer names only the gist of a duty, so the score here
is how much of the phrase the duty speaks of (`yange.diff.text.coverage`, on the diff's comparison
keys), with whole-text similarity (`yange.diff.align.similarity_matrix`) breaking ties. Kept behind
one function so that the scoring can change without touching the application of effects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from models.records import Duty
from yange.diff.align import similarity_matrix
from yange.diff.text import comparison_key, coverage

# Words every duty phrase ends with; they carry no meaning for the match.
_GENERIC = re.compile(r"(?:的)?(?:有关|相关)?(?:职责|职能|工作|事项)$|^(?:负责|承担|组织)")

Path = tuple[int, ...]


@dataclass(frozen=True)
class DutyMatch:
    """The duty found: its path (top-level index, then nested index), text and scores."""

    path: Path
    text: str
    coverage: float
    similarity: float


def duty_texts(duties: Sequence[Duty]) -> list[tuple[Path, str]]:
    """Every duty and nested item with its path, in reading order."""
    found: list[tuple[Path, str]] = []
    for i, duty in enumerate(duties):
        found.append(((i,), duty.text))
        found.extend(((i, j), item.text) for j, item in enumerate(duty.items))
    return found


def find_duty(phrase: str, duties: Sequence[Duty], *, threshold: float) -> DutyMatch | None:
    """The duty that best covers `phrase`, or None when none reaches `threshold` (0..1).

    Ties go to the higher whole-text similarity, then to the earlier duty, so the result is
    deterministic."""
    core = _GENERIC.sub("", phrase) or phrase
    candidates = duty_texts(duties)
    if not candidates or not comparison_key(core):
        return None
    sims = similarity_matrix([core], [text for _, text in candidates])[0]
    best: DutyMatch | None = None
    for (path, text), sim in zip(candidates, sims.tolist(), strict=True):
        found = DutyMatch(path=path, text=text, coverage=coverage(core, text), similarity=float(sim))
        if best is None or (found.coverage, found.similarity) > (best.coverage, best.similarity):
            best = found
    return best if best is not None and best.coverage >= threshold else None


def covers_whole(phrase: str, text: str) -> float:
    """How much of the duty `text` the phrase speaks of: low when only part of a duty is named."""
    return coverage(text, phrase)
