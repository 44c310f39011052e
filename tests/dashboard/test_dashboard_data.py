"""dashboard.data against the stored test history: exports, the SQL page's guard, filters in SQL."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest

from dashboard import data
from tests.dashboard.dashboard_history import FUJIAN


def test_exports_round_trip_the_changes_table(history: dict[str, Any]) -> None:
    table = data.changes(str(history["path"]))
    assert len(table) > 0
    from_csv = pd.read_csv(io.BytesIO(data.to_csv(table)), encoding="utf-8-sig")
    from_parquet = pd.read_parquet(io.BytesIO(data.to_parquet(table)))
    assert from_csv["agency"].tolist() == table["agency"].tolist()
    assert from_parquet["change_type"].tolist() == table["change_type"].tolist()
    assert FUJIAN in set(from_parquet["agency"])


def test_changes_filters_combine(history: dict[str, Any]) -> None:
    db = str(history["path"])
    fujian = history["agency_ids"][FUJIAN]
    everything = data.changes(db)
    only = data.changes(db, agencies=(fujian,), types=("unit_added",))
    assert 0 < len(only) < len(everything)
    assert set(only["agency"]) == {FUJIAN} and set(only["change_type"]) == {"unit_added"}
    similar = data.changes(db, min_similarity=0.5)
    assert len(similar) > 0 and (similar["similarity"] >= 0.5).all()


@pytest.mark.parametrize(
    "sql",
    [
        "select count(*) as n from duties_as_of(date '2011-01-01')",
        "with x as (select 1 as a) select a from x",
    ],
)
def test_run_sql_reads(history: dict[str, Any], sql: str) -> None:
    assert len(data.run_sql(str(history["path"]), sql)) >= 1


def test_run_sql_limits_rows(history: dict[str, Any]) -> None:
    assert len(data.run_sql(str(history["path"]), "select * from range(100)", limit=7)) == 7


@pytest.mark.parametrize(
    "sql",
    [
        "insert into notices (notice_id, status) values ('x', 'parsed')",
        "update agencies set name = 'x'",
        "drop table changes",
        "pragma enable_profiling",
        "set threads = 1",
        "install httpfs",
        "select 1; drop table changes",
    ],
)
def test_run_sql_refuses_anything_but_reading(history: dict[str, Any], sql: str) -> None:
    with pytest.raises(data.QueryRefused):
        data.run_sql(str(history["path"]), sql)
    assert len(data.run_sql(str(history["path"]), "select * from changes")) > 0  # nothing was touched


def test_run_sql_stops_a_runaway_query(history: dict[str, Any]) -> None:
    with pytest.raises(data.QueryRefused, match="stopped after"):
        data.run_sql(str(history["path"]), "select count(*) from range(10000000000) a", timeout_s=0.2)
