"""Change events between two versions of an agency (CONTRACT §3 `changes`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from models.records import Span

ChangeType = Literal[
    "duty_added",
    "duty_removed",
    "duty_reworded",
    "unit_added",
    "unit_removed",
    "unit_renamed",
    "staffing_changed",
    "rank_changed",
    "alias_changed",
    "declared_adjustment",
    "transferred",
]

CHANGE_TYPES: tuple[str, ...] = ChangeType.__args__  # type: ignore[attr-defined]


class Change(BaseModel):
    """One observed or declared change. Storage adds ids, snapshots and the notice."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    change_type: ChangeType
    section: Literal["duty", "unit", "adjustment", "other", "staffing", "rank", "alias"] = "duty"
    unit_name: str | None = None
    old_text: str | None = None
    new_text: str | None = None
    similarity: float | None = Field(default=None, ge=0.0, le=1.0)
    old_span: Span | None = None
    new_span: Span | None = None
    # Free-form detail: inline diff ops, split/merge partners, the reconciliation links of a
    # declared adjustment (`matched`: indexes of observed changes), the other end of a transfer.
    detail: dict[str, Any] = Field(default_factory=dict)
