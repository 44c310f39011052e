"""The cross-agency pass: date clusters, and pairs that survive backfills."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

import storage
from flows.engines import pair_transfers
from storage.transfers import _clusters
from tests.storage.factories import engines, notice, record

D = dt.date


@pytest.mark.parametrize(
    ("days", "window", "expected"),
    [
        ([], 365, []),
        ([D(2010, 1, 1)], 365, [(D(2010, 1, 1), D(2010, 1, 1))]),
        # a chain of dates each within the window of the last is one cluster
        ([D(2010, 1, 1), D(2010, 12, 1), D(2011, 11, 1)], 365, [(D(2010, 1, 1), D(2011, 11, 1))]),
        # a gap over the window splits
        (
            [D(2010, 1, 1), D(2012, 1, 1)],
            365,
            [(D(2010, 1, 1), D(2010, 1, 1)), (D(2012, 1, 1), D(2012, 1, 1))],
        ),
    ],
)
def test_clusters(days: list[dt.date], window: int, expected: list[tuple[dt.date, dt.date]]) -> None:
    assert _clusters(days, window) == expected


def _pair(year: int) -> list:  # type: ignore[type-arg]
    """Two agencies of `year`, and a duty that moves from one to the other (derived notices)."""
    duty = f"负责{year}年起的口岸通关协调工作"
    giver, receiver = f"福建省第{year}甲厅", f"福建省第{year}乙局"
    title = "福建省人民政府办公厅关于印发{}职责的通知{}"
    return [
        notice(title.format(giver, year - 1), f"{year - 1}-01-01", record(giver, ["负责甲类事务", duty])),
        notice(title.format(giver, year), f"{year}-03-01", record(giver, ["负责甲类事务"])),
        notice(title.format(receiver, year - 1), f"{year - 1}-01-01", record(receiver, ["负责乙类事务"])),
        notice(title.format(receiver, year), f"{year}-03-02", record(receiver, ["负责乙类事务", duty])),
    ]


def transfers(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return sorted(
        con.execute(
            "SELECT new_text, detail->>'direction' FROM changes WHERE change_type = 'transferred'"
        ).fetchall()
    )


def test_transfers_of_distant_reforms_are_paired_separately(con: duckdb.DuckDBPyConnection) -> None:
    for parsed in _pair(2010) + _pair(2016):
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
    assert transfers(con) == sorted(
        (f"负责{y}年起的口岸通关协调工作", d) for y in (2010, 2016) for d in ("in", "out")
    )


def test_bulk_load_without_transfers_then_one_pass_gives_the_same_tables(
    con: duckdb.DuckDBPyConnection,
) -> None:
    other = storage.connect(":memory:")
    for parsed in _pair(2010) + _pair(2016):
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
        storage.store_notice(
            other, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines(), transfers=False
        )
    assert transfers(other) == []
    assert storage.link_transfers(other, pair_transfers) == 2
    assert transfers(other) == transfers(con)
    other.close()


def test_a_transfer_a_year_apart_is_the_same_in_every_order() -> None:
    """Found by the ingestion-order property: when a new version makes an agency's earlier removal
    vanish, the reform-window cluster that held it may split in two, and the transfer paired across
    it must still be re-paired (every one of the 24 orders gives the same tables)."""
    import itertools

    from tests.storage.conftest import dump

    four = [
        notice(f"关于印发{name}主要职责的通知{day}", day, record(name, duties))
        for name, day, duties in [
            ("福建省商务厅", "2006-01-02", ["负责口岸管理工作"]),
            ("福建省口岸管理局", "2005-01-02", ["负责外商投资管理"]),
            ("福建省商务厅", "2005-01-01", ["负责口岸管理工作", "负责外商投资管理"]),
            ("福建省口岸管理局", "2005-01-01", ["负责外商投资管理"]),
        ]
    ]
    dumps = []
    for order in itertools.permutations(four):
        con = storage.connect(":memory:")
        for parsed in order:
            storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
        dumps.append(dump(con))
        con.close()
    assert all(d == dumps[0] for d in dumps[1:])
