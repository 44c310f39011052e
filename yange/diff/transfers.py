"""Pairs a duty leaving one agency with the same duty arriving in another: one `transferred` event.

Each agency's diff sees only half of a transfer (a removed duty here, an added one there). Across
agencies, a removed and an added duty of similar text whose notices fall within the reform window are
the two ends of one move. Pure: the storage layer builds the input from its `changes` rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from models import Change, Span
from yange.diff.align import match, similarity_matrix
from yange.settings import Settings, get_settings

ChangeRef = int | str


class AgencyEvents(BaseModel):
    """The change events of one version of one agency: what `find_transfers` reads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    agency_id: str
    published_on: dt.date | None
    changes: list[Change]
    notice_id: str | None = None
    # Storage ids of `changes`, in the same order, so that a transfer can point at its rows.
    change_ids: list[ChangeRef] | None = None

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[str, dt.date | None, Change] | tuple[str, dt.date | None, Change, ChangeRef]],
    ) -> list[AgencyEvents]:
        """Group `(agency_id, published_on, change[, change_id])` rows, keeping their order."""
        groups: dict[tuple[str, dt.date | None], tuple[list[Change], list[ChangeRef]]] = {}
        with_ids = True
        for agency, day, change, *change_id in rows:
            changes, ids = groups.setdefault((agency, day), ([], []))
            changes.append(change)
            ids.extend(change_id)
            with_ids = with_ids and bool(change_id)
        return [
            cls(agency_id=agency, published_on=day, changes=changes, change_ids=ids if with_ids else None)
            for (agency, day), (changes, ids) in groups.items()
        ]


class TransferEnd(BaseModel):
    """One end of a transfer: the agency, its notice date and the duty text as it stood there."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    agency_id: str
    published_on: dt.date
    text: str
    span: Span | None = None
    notice_id: str | None = None
    change_index: int = Field(ge=0, description="position of the event in its AgencyEvents.changes")
    change_id: ChangeRef | None = None


class Transfer(BaseModel):
    """A duty removed from `source` and added to `target`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: TransferEnd
    target: TransferEnd
    similarity: float = Field(ge=0.0, le=1.0)
    days_apart: int = Field(ge=0)

    def to_change(self) -> Change:
        """The `transferred` event, with both ends in its detail."""
        return Change(
            change_type="transferred",
            section="duty",
            old_text=self.source.text,
            new_text=self.target.text,
            similarity=self.similarity,
            old_span=self.source.span,
            new_span=self.target.span,
            detail={
                "from_agency": self.source.agency_id,
                "to_agency": self.target.agency_id,
                "from_published_on": self.source.published_on.isoformat(),
                "to_published_on": self.target.published_on.isoformat(),
                "from_notice": self.source.notice_id,
                "to_notice": self.target.notice_id,
                "from_change_id": self.source.change_id,
                "to_change_id": self.target.change_id,
                "days_apart": self.days_apart,
            },
        )


def _ends(events: Sequence[AgencyEvents], change_type: str) -> list[TransferEnd]:
    ends: list[TransferEnd] = []
    for group in events:
        if group.published_on is None:  # no date, no window to place it in
            continue
        for k, change in enumerate(group.changes):
            if change.change_type != change_type:
                continue
            removed = change_type == "duty_removed"
            text = change.old_text if removed else change.new_text
            if not text:
                continue
            ends.append(
                TransferEnd(
                    agency_id=group.agency_id,
                    published_on=group.published_on,
                    text=text,
                    span=change.old_span if removed else change.new_span,
                    notice_id=group.notice_id,
                    change_index=k,
                    change_id=group.change_ids[k] if group.change_ids else None,
                )
            )
    return ends


class Dated(Protocol):
    """What the pairing rule reads of an end: its agency, its notice date and its duty text."""

    @property
    def agency_id(self) -> str: ...
    @property
    def published_on(self) -> dt.date: ...
    @property
    def text(self) -> str: ...


def pair_scores(
    sources: Sequence[Dated], targets: Sequence[Dated], *, settings: Settings | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The text similarity of every removed end to every added end, 0 where they cannot be one move
    (the same agency, or further apart than the reform window); and the days between them."""
    s = settings or get_settings()
    scores = similarity_matrix([e.text for e in sources], [e.text for e in targets])
    days = np.abs(
        np.subtract.outer(
            np.array([e.published_on.toordinal() for e in sources], dtype=np.int64),
            np.array([e.published_on.toordinal() for e in targets], dtype=np.int64),
        )
    )
    same_agency = np.equal.outer(
        np.array([e.agency_id for e in sources], dtype=object),
        np.array([e.agency_id for e in targets], dtype=object),
    )
    return np.where(same_agency | (days > s.transfer_window_days), 0.0, scores), days


def could_pair(
    sources: Sequence[Dated], targets: Sequence[Dated], *, settings: Settings | None = None
) -> list[tuple[int, int]]:
    """(source index, target index) of every removed and added end that `find_transfers` could pair:
    what storage follows to find the ends a new one may change the pairing of."""
    s = settings or get_settings()
    if not sources or not targets:
        return []
    scores, _ = pair_scores(sources, targets, settings=s)
    rows, cols = np.nonzero(scores >= s.transfer_threshold)
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def find_transfers(events: Sequence[AgencyEvents], *, settings: Settings | None = None) -> list[Transfer]:
    """Duties that left one agency and arrived in another within the reform window.

    Args:
        events: the change events of agency versions, e.g. from `AgencyEvents.from_rows`.
        settings: `transfer_threshold` (least text similarity) and `transfer_window_days`.

    Returns:
        One `Transfer` per pair, one-to-one (a duty arrives in at most one place), ordered by the
        source's date, agency and position.
    """
    s = settings or get_settings()
    sources, targets = _ends(events, "duty_removed"), _ends(events, "duty_added")
    if not sources or not targets:
        return []
    scores, days = pair_scores(sources, targets, settings=s)
    pairs = match(scores, threshold=s.transfer_threshold)
    found = [
        Transfer(
            source=sources[i],
            target=targets[j],
            similarity=round(float(scores[i, j]), 4),
            days_apart=int(days[i, j]),
        )
        for i, j in pairs.items()
    ]
    return sorted(
        found,
        key=lambda t: (t.source.published_on, t.source.agency_id, t.source.change_index, t.target.agency_id),
    )
