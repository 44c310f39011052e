"""Records of one agency as a notice defines it: the JSON of CONTRACT §2 and §2b.

Every item keeps its `span`, the [start, end) offsets in the normalised notice text, so that any
record can be shown in its source.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]

AdjustmentKind = Literal[
    "cancelled",
    "transferred_in",
    "transferred_out",
    "delegated_in",
    "delegated_out",
    "handed_to_institution",
    "strengthened",
    "other",
]

Section = Literal["adjustments", "duties", "units", "other_matters"]

EffectType = Literal[
    "duty_transferred_in",
    "duty_transferred_out",
    "staffing_transferred_in",
    "staffing_transferred_out",
    "unit_added",
    "unit_removed",
    "unit_renamed",
    "duty_text_amended",
    "alias_added",
    "alias_removed",
    "body_abolished",
    "supervision_transferred_in",
    "supervision_transferred_out",
    "other",
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Adjustment(_Record):
    """A duty adjustment the notice itself declares (职责调整: 取消, 划入, 下放, ...)."""

    ordinal: int = Field(ge=0)
    kind: AdjustmentKind
    counterpart: str | None = None
    text: str = Field(min_length=1)
    span: Span


class Duty(_Record):
    """A numbered main duty (主要职责 / 主要职能), possibly with nested numbered items."""

    ordinal: int = Field(ge=0)
    text: str = Field(min_length=1)
    span: Span
    items: list[Duty] = Field(default_factory=list)


class Unit(_Record):
    """An internal unit (内设机构) with its duties as one text."""

    ordinal: int | None = None
    name: str = Field(min_length=1)
    alias: str | None = None
    duties: str = ""
    span: Span


class Staffing(_Record):
    """One staffing quota: 机关行政编制171名, 厅长1名, or a 含… count inside another line."""

    category: str = Field(min_length=1)
    count: int = Field(ge=0)
    included_in: str | None = None
    text: str


class OtherMatter(_Record):
    ordinal: int = Field(ge=0)
    text: str = Field(min_length=1)
    span: Span


class Effect(_Record):
    """One effect of an amendment notice on one agency (CONTRACT §2b)."""

    ordinal: int | None = None
    type: EffectType
    counterpart: str | None = None
    subject: str | None = None
    old: str | None = None
    new: str | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    text: str
    span: Span
    # The internal unit a sign is hung on or taken from (X司加挂Y牌子); None when it is the agency's.
    unit: str | None = None


class AgencyRecord(_Record):
    """Everything one notice says about one agency or unit."""

    agency: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    rank: str | None = None
    adjustments: list[Adjustment] = Field(default_factory=list)
    duties: list[Duty] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    declared_unit_count: int | None = None
    staffing: list[Staffing] = Field(default_factory=list)
    other_matters: list[OtherMatter] = Field(default_factory=list)
    # Amendment notices only (§2b); empty for a full regulation.
    effects: list[Effect] = Field(default_factory=list)
    stated_totals: dict[str, int] = Field(default_factory=dict)
