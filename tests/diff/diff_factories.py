"""Builders of agency records taken by hand from the seed notices in tests/golden/, for the diff tests.

Each item is cut from the seed at a hand-picked offset (the seed repeats and displaces passages, so
items are located, not parsed); spans are offsets into the seed file. `edit_*` helpers change one
record the way a reform notice would, so a fixture pair reads as a list of edits.
"""

from __future__ import annotations

import re
from pathlib import Path

from models import Adjustment, AgencyRecord, Duty, OtherMatter, Staffing, Unit

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
FUJIAN_FILE = "fujian-2010-foreign-trade-sanding.txt"
MOFCOM_FILE = "mofcom-2003-unit-functions.txt"

_MARKER = re.compile(r"(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
# Passages that end an item in the seeds: section heads, the date line, the unnumbered units.
_STOPS = (
    "一、职责调整",
    "二、主要职责",
    "三、内设机构",
    "四、人员编制",
    "五、其他事项",
    "二○一○年",
    "机关党委",
    "离退休干部工作处承担",
)


def seed(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def _cut(text: str, start: int) -> tuple[str, tuple[int, int]]:
    """The item whose number starts at `start`: its text without the number, and its span."""
    head = _MARKER.match(text, start)
    assert head, f"no item number at {start}: {text[start : start + 10]!r}"
    body = head.end()
    nxt = _MARKER.search(text, body)
    end = min([nxt.start() if nxt else len(text)] + [p for s in _STOPS if (p := text.find(s, body)) >= 0])
    raw = text[body:end]
    stripped = raw.rstrip()
    return stripped.strip(), (start, body + len(stripped))


def _find(text: str, passage: str) -> tuple[int, int]:
    at = text.index(passage)
    return at, at + len(passage)


# (ordinal, offset of its number in the Fujian seed)
FUJIAN_DUTIES = [(1, 733), (2, 822), (3, 3642), (4, 4055), (5, 1055), (6, 1150), (7, 1249), (8, 5654),
                 (9, 5793), (11, 1491), (12, 1555), (13, 1611)]  # fmt: skip
FUJIAN_ADJUSTMENTS = [
    (1, 312, "cancelled", None),
    (2, 330, "cancelled", None),
    (3, 371, "transferred_in", "原省口岸和海防管理委员会办公室"),
    (4, 399, "transferred_in", "原省劳动和社会保障厅"),
    (5, 446, "delegated_in", "商务部"),
    (6, 2203, "handed_to_institution", "事业单位"),
    (7, 663, "strengthened", None),
]
# (ordinal, offset, name, alias)
FUJIAN_UNITS = [
    (1, 1664, "办公室", None), (2, 1869, "法规处", None), (3, 2056, "计划财务处", None),
    (5, 2263, "对外贸易处", None), (6, 2536, "加工贸易处", None), (7, 2651, "服务贸易处", None),
    (10, 2930, "对外投资处", None), (11, 3049, "台港澳处", None), (12, 3408, "信息化处", None),
    (13, 3490, "开发区管理处", None), (15, 3735, "国际经贸关系处", "省政府WTO事务协调办公室"),
    (16, 3912, "经济合作与境外劳务管理处", None), (18, 4144, "口岸管理处", None),
    (19, 4310, "大通关协调处", None), (20, 4558, "机场办事处", None), (21, 4728, "联络处", None),
]  # fmt: skip
FUJIAN_OTHER = [(1, 5185), (3, 5490), (4, 5600), (5, 5629)]
FUJIAN_STAFFING = [
    ("机关行政编制", 171, None, "机关行政编制为171名"),
    ("离退休干部工作人员行政编制", 5, "机关行政编制", "含离退休干部工作人员行政编制5名"),
    ("厅长", 1, None, "厅长1名"),
    ("副厅长", 5, None, "副厅长5名"),
    ("正处级领导职数", 26, None, "正处级领导职数26名"),
    ("副处级领导职数", 28, None, "副处级领导职数28名"),
    ("机关工勤人员事业编制", 26, None, "机关工勤人员事业编制26名"),
]


def fujian() -> AgencyRecord:
    """福建省对外贸易经济合作厅 as the 2010 seed defines it (items placed back in their sections)."""
    text = seed(FUJIAN_FILE)
    duties = [Duty(ordinal=o, text=t, span=s) for o, at in FUJIAN_DUTIES for t, s in [_cut(text, at)]]
    adjustments = [
        Adjustment(ordinal=o, kind=kind, counterpart=cp, text=t, span=s)  # type: ignore[arg-type]
        for o, at, kind, cp in FUJIAN_ADJUSTMENTS
        for t, s in [_cut(text, at)]
    ]
    units = []
    for o, at, name, alias in FUJIAN_UNITS:
        body, span = _cut(text, at)
        label = f"{name}（{alias}）" if alias else name
        assert body.startswith(label), body[:20]
        units.append(Unit(ordinal=o, name=name, alias=alias, duties=body[len(label) :], span=span))
    for name, passage in [("机关党委", "机关党委负责厅机关和直属单位的党群工作。"),
                          ("离退休干部工作处", "离退休干部工作处承担厅机关离退休干部工作，指导直属单位的离退休干部工作。")]:  # fmt: skip
        units.append(Unit(name=name, duties=passage[len(name) :], span=_find(text, passage)))
    other = [OtherMatter(ordinal=o, text=t, span=s) for o, at in FUJIAN_OTHER for t, s in [_cut(text, at)]]
    staffing = [Staffing(category=c, count=n, included_in=inc, text=t) for c, n, inc, t in FUJIAN_STAFFING]
    return AgencyRecord(
        agency="福建省对外贸易经济合作厅",
        aliases=["福建省人民政府口岸工作办公室"],
        rank="正厅级",
        adjustments=adjustments,
        duties=duties,
        units=units,
        declared_unit_count=22,
        staffing=staffing,
        other_matters=other,
    )


def mofcom_service_centre() -> AgencyRecord:
    """机关服务中心 (对外称机关服务局) from the 2003 MOFCOM notice, with its nested duty items."""
    text = seed(MOFCOM_FILE)
    top = {1: 285, 2: 320, 3: 630, 4: 670, 5: 696}
    nested = [370, 427, 485, 514, 548, 580, 601]
    duties = []
    for o, at in top.items():
        body, span = _cut(text, at)
        items = []
        if o == 2:
            for k, item_at in enumerate(nested, start=1):
                item_text, item_span = _cut(text, item_at)
                items.append(Duty(ordinal=k, text=item_text, span=item_span))
        duties.append(Duty(ordinal=o, text=body, span=span, items=items))
    return AgencyRecord(agency="机关服务中心", aliases=["机关服务局"], duties=duties)


# --- edits a reform makes -------------------------------------------------------------------------


def _renumber_duties(duties: list[Duty]) -> list[Duty]:
    return [d.model_copy(update={"ordinal": k}) for k, d in enumerate(duties, start=1)]


def drop_duties(record: AgencyRecord, *ordinals: int, renumber: bool = False) -> AgencyRecord:
    kept = [d for d in record.duties if d.ordinal not in ordinals]
    return record.model_copy(update={"duties": _renumber_duties(kept) if renumber else kept})


def reword_duty(record: AgencyRecord, ordinal: int, old: str, new: str) -> AgencyRecord:
    duties = []
    for d in record.duties:
        if d.ordinal == ordinal:
            assert old in d.text, (ordinal, old)
            d = d.model_copy(update={"text": d.text.replace(old, new, 1)})
        duties.append(d)
    return record.model_copy(update={"duties": duties})


def add_duty(
    record: AgencyRecord, text: str, *, before: int | None = None, renumber: bool = True
) -> AgencyRecord:
    """Insert a duty before the one numbered `before` (at the end if None); spans of new text are
    placed after the seed's end, where no seed item lies."""
    fresh = Duty(ordinal=0, text=text, span=(100_000, 100_000 + len(text)))
    duties = list(record.duties)
    at = next((k for k, d in enumerate(duties) if d.ordinal == before), len(duties))
    duties.insert(at, fresh)
    if not renumber:
        fresh = fresh.model_copy(update={"ordinal": max(d.ordinal for d in record.duties) + 1})
        duties[at] = fresh
    return record.model_copy(update={"duties": _renumber_duties(duties) if renumber else duties})


def set_adjustments(record: AgencyRecord, *entries: tuple[str, str | None, str]) -> AgencyRecord:
    """Replace the declared adjustments by (kind, counterpart, text) entries."""
    adjustments = [
        Adjustment(
            ordinal=k,
            kind=kind,
            counterpart=cp,
            text=text,
            span=(90_000 + k * 100, 90_000 + k * 100 + len(text)),
        )  # type: ignore[arg-type]
        for k, (kind, cp, text) in enumerate(entries, start=1)
    ]
    return record.model_copy(update={"adjustments": adjustments})


def edit_unit(record: AgencyRecord, unit: str, /, **changes: object) -> AgencyRecord:
    units = [u.model_copy(update=changes) if u.name == unit else u for u in record.units]
    assert units != record.units, unit
    return record.model_copy(update={"units": units})


def drop_units(record: AgencyRecord, *names: str) -> AgencyRecord:
    return record.model_copy(update={"units": [u for u in record.units if u.name not in names]})


def add_unit(record: AgencyRecord, name: str, duties: str, *, after: str | None = None) -> AgencyRecord:
    units = list(record.units)
    at = next((k + 1 for k, u in enumerate(units) if u.name == after), len(units))
    units.insert(
        at,
        Unit(
            ordinal=None,
            name=name,
            duties=duties,
            span=(110_000 + at * 1000, 110_000 + at * 1000 + len(duties)),
        ),
    )
    return record.model_copy(update={"units": units})


def set_staffing(
    record: AgencyRecord, category: str, count: int | None, text: str | None = None
) -> AgencyRecord:
    """Change a staffing line's count (and text), remove it (count None) or add it."""
    lines = [s for s in record.staffing if s.category != category]
    if count is not None:
        old = next((s for s in record.staffing if s.category == category), None)
        line = Staffing(category=category, count=count, included_in=old.included_in if old else None,
                        text=text or f"{category}{count}名")  # fmt: skip
        at = record.staffing.index(old) if old else len(lines)
        lines.insert(at, line)
    return record.model_copy(update={"staffing": lines})
