"""Pure data: the records every other package exchanges."""

from models.changes import CHANGE_TYPES, Change, ChangeType
from models.notice import Notice, NoticeKind, ParsedNotice, QualityReport, Relocation
from models.records import (
    Adjustment,
    AdjustmentKind,
    AgencyRecord,
    Duty,
    Effect,
    EffectType,
    OtherMatter,
    Section,
    Span,
    Staffing,
    Unit,
)

__all__ = [
    "CHANGE_TYPES",
    "Adjustment",
    "AdjustmentKind",
    "AgencyRecord",
    "Change",
    "ChangeType",
    "Duty",
    "Effect",
    "EffectType",
    "Notice",
    "NoticeKind",
    "OtherMatter",
    "ParsedNotice",
    "QualityReport",
    "Relocation",
    "Section",
    "Span",
    "Staffing",
    "Unit",
]
