"""Properties of the history (Hypothesis): any ingestion order gives the same tables, and a stored
record reads back unchanged."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import storage
from models import AgencyRecord
from tests.storage.conftest import dump
from tests.storage.factories import engines, notice, record

AGENCIES = ["福建省商务厅", "省商务厅", "福建省口岸管理局", "福建省发展和改革委员会"]
DUTIES = [
    "负责口岸管理工作",
    "负责外商投资管理",
    "负责电子商务促进",
    "负责加工贸易管理",
    "拟订对外贸易发展规划",
]

notices = st.lists(
    st.tuples(
        st.sampled_from(AGENCIES),
        st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2020, 12, 31)),
        st.lists(st.sampled_from(DUTIES), min_size=1, max_size=4, unique=True),
    ),
    min_size=2,
    max_size=5,
    unique_by=lambda n: (n[0], n[1]),
)


def build(items: list[tuple[str, dt.date, list[str]]]) -> list:  # type: ignore[type-arg]
    return [
        notice(f"福建省人民政府办公厅关于印发{agency}主要职责的通知", day.isoformat(), record(agency, duties))
        for agency, day, duties in items
    ]


@settings(max_examples=10, deadline=None)
@given(items=notices, data=st.data())
def test_ingestion_order_never_matters(
    items: list[tuple[str, dt.date, list[str]]], data: st.DataObject
) -> None:
    parsed = build(items)
    shuffled = data.draw(st.permutations(parsed))
    tables = []
    for order in (parsed, shuffled):
        con = storage.connect(":memory:")
        for p in order:
            storage.store_notice(con, parsed=p, raw=p.text.encode(), source="h", engines=engines())
        tables.append(dump(con))
        con.close()
    assert tables[0] == tables[1]


@settings(max_examples=10, deadline=None)
@given(items=notices)
def test_stored_record_reads_back_unchanged(items: list[tuple[str, dt.date, list[str]]]) -> None:
    con = storage.connect(":memory:")
    for p in build(items):
        storage.store_notice(con, parsed=p, raw=p.text.encode(), source="h", engines=engines())
        stored = con.execute(
            "SELECT record FROM snapshots WHERE notice_id = ? ORDER BY seq", [p.notice.notice_id]
        ).fetchall()
        assert [AgencyRecord.model_validate_json(r[0]) for r in stored] == p.records
    con.close()
