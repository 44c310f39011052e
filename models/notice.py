"""A parsed notice: metadata, the records it defines, and an honest report of what parsing did."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from models.records import AgencyRecord, Section

NoticeKind = Literal["sanding", "functions", "amendment"]


class Notice(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    notice_id: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 hex of the normalised text")
    title: str = Field(min_length=1)
    doc_number: str | None = None
    issuer: str | None = None
    published_on: dt.date | None = None
    source: str = ""
    kind: NoticeKind = "sanding"


class Relocation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ordinal: int
    from_section: Section
    to_section: Section


class QualityReport(BaseModel):
    """What the parser had to repair, and what it could not."""

    model_config = ConfigDict(extra="forbid")

    duplicates_removed: int = 0
    relocated: list[Relocation] = Field(default_factory=list)
    missing_ordinals: dict[Section, list[int]] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    truncated: bool = False

    def merge(self, other: QualityReport, *, prefix: str = "") -> None:
        """Take in the report of one part of a notice (one record of several): counts add up,
        relocations and numbering gaps are united, warnings keep the part's name in front."""
        self.duplicates_removed += other.duplicates_removed
        self.relocated.extend(other.relocated)
        for section, gaps in other.missing_ordinals.items():
            merged = self.missing_ordinals.setdefault(section, [])
            merged.extend(g for g in gaps if g not in merged)
        self.warnings.extend(f"{prefix}{w}" for w in other.warnings)
        self.truncated = self.truncated or other.truncated


class ParsedNotice(BaseModel):
    """The JSON that `yange parse` prints. `text` (the normalised text the spans point into) is
    carried for the library but left out of the JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    notice: Notice
    records: list[AgencyRecord]
    quality: QualityReport = Field(default_factory=QualityReport)
    text: str = Field(default="", exclude=True, repr=False)
