"""Agency lineage: the curated file, what notices state, and timelines that follow it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import storage
from storage import identity, lineage, queries
from tests.storage.factories import engines, notice, record
from yange.errors import StorageError

MOFTEC = notice(
    "对外贸易经济合作部关于印发对外贸易经济合作部职能配置的通知",
    "1998-06-01",
    record("对外贸易经济合作部", ["拟订对外贸易和国际经济合作的发展战略"]),
)
MOFCOM = notice(
    "国务院办公厅关于印发商务部主要职责内设机构和人员编制规定的通知",
    "2008-07-10",
    record("商务部", ["拟订国内外贸易和国际经济合作的发展战略", "负责推进流通产业结构调整"]),
)


def store(con: duckdb.DuckDBPyConnection, parsed: object) -> None:
    storage.store_notice(con, parsed=parsed, raw=b"raw", source="test", engines=engines())  # type: ignore[arg-type]


def test_curated_lineage_is_loaded(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT predecessor_id, successor_id, relation, source FROM agency_lineage").fetchall()
    moftec, mofcom = identity.agency_id("中央|对外贸易经济合作部"), identity.agency_id("中央|商务部")
    assert any(r[:3] == (moftec, mofcom, "merged_into") and r[3].startswith("curated:") for r in rows)


def test_timeline_follows_lineage_to_the_predecessor(con: duckdb.DuckDBPyConnection) -> None:
    store(con, MOFTEC)
    store(con, MOFCOM)
    mofcom = queries.resolve_agency(con, "中华人民共和国商务部")
    moftec = queries.resolve_agency(con, "对外贸易经济合作部")
    assert mofcom and moftec and mofcom != moftec
    setc = identity.agency_id("中央|国家经济贸易委员会")  # curated too; no notice describes it here
    assert queries.lineage_ids(con, mofcom) == [mofcom, *sorted([moftec, setc])]
    own = queries.agency_events(con, mofcom)
    followed = queries.agency_events(con, mofcom, follow_lineage=True)
    assert {e["agency"] for e in followed} == {"商务部", "对外贸易经济合作部"}
    assert len(followed) > len(own)
    assert [v["agency"] for v in queries.timeline(con, mofcom)] == ["对外贸易经济合作部", "商务部"]


def test_notice_states_a_predecessor(con: duckdb.DuckDBPyConnection) -> None:
    parsed = notice(
        "福建省人民政府办公厅关于印发福建省对外贸易经济合作厅主要职责的通知",
        "2010-05-29",
        record(
            "福建省对外贸易经济合作厅",
            ["负责口岸协调"],
            adjustments=[
                (
                    "transferred_in",
                    "原省口岸和海防管理委员会办公室",
                    "从原省口岸和海防管理委员会办公室划入口岸协调职责",
                )
            ],
        ),
    )
    store(con, parsed)
    agency_id = queries.resolve_agency(con, "福建省对外贸易经济合作厅")
    rows = con.execute(
        "SELECT predecessor_id, relation, effective_date::VARCHAR FROM agency_lineage WHERE successor_id = ?",
        [agency_id],
    ).fetchall()
    assert rows == [(identity.agency_id("福建|口岸和海防管理委员会办公室"), "duties_absorbed", "2010-05-29")]


def test_malformed_curated_entry_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "lineage.yaml"
    bad.write_text(
        "- predecessor: 甲部\n  successor: 乙部\n  relation: absorbed_somehow\n  source: x\n",
        encoding="utf-8",
    )
    with pytest.raises(StorageError, match="entry 1"):
        lineage.curated_rows(bad)


def test_timelines_follow_succession_not_every_duty_taken_over(con: duckdb.DuckDBPyConnection) -> None:
    former = notice(
        "福建省人民政府办公厅关于印发福建省口岸和海防管理委员会办公室主要职责的通知",
        "2005-01-01",
        record("福建省口岸和海防管理委员会办公室", ["负责口岸协调"]),
    )
    taker = notice(
        "福建省人民政府办公厅关于印发福建省对外贸易经济合作厅主要职责的通知",
        "2010-05-29",
        record(
            "福建省对外贸易经济合作厅",
            ["负责口岸协调"],
            adjustments=[
                (
                    "transferred_in",
                    "原省口岸和海防管理委员会办公室",
                    "从原省口岸和海防管理委员会办公室划入口岸协调职责",
                )
            ],
        ),
    )
    store(con, former)
    store(con, taker)
    trade = queries.resolve_agency(con, "福建省对外贸易经济合作厅")
    port = queries.resolve_agency(con, "福建省口岸和海防管理委员会办公室")
    assert trade and port
    assert queries.lineage_ids(con, trade) == [trade]
    assert queries.lineage_ids(con, trade, relations=("duties_absorbed",)) == [trade, port]
