"""The history's keys hold by construction (storage.keys), migration 064 drops their indexes
without touching a row, and migration 065 gives a reader's lookups of one agency back the indexes
that cost the writer nothing measurable."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import storage
from flows.engines import default_engines
from storage import migrate, queries
from storage.keys import KEYS
from tests.storage.conftest import dump
from yange.parse import parse_bytes

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _store_seeds(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted(GOLDEN.glob("*.txt")):
        raw = path.read_bytes()
        parsed = parse_bytes(raw, source=path.name)
        storage.store_notice(con, parsed=parsed, raw=raw, source=path.name, engines=default_engines())


def test_a_repeated_key_is_reported(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    assert storage.duplicate_keys(con) == {}
    con.execute("INSERT INTO changes SELECT * FROM changes LIMIT 1")
    con.execute("INSERT INTO notice_sources SELECT * FROM notice_sources LIMIT 1")
    assert storage.duplicate_keys(con) == {"changes": 1, "notice_sources": 1}


def test_storing_again_keeps_every_key_once(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    before = dump(con)
    _store_seeds(con)  # the same notices, the same sources
    assert dump(con) == before  # dump asserts every key unique


def test_upgrade_drops_the_indexes_and_keeps_the_rows(tmp_path: Path) -> None:
    old = duckdb.connect(str(tmp_path / "history.duckdb"))
    migrate.migrate(old, upto=63)
    _store_seeds(old)
    before = dump(old)
    assert migrate.migrate(old, upto=64) == [64]
    assert dump(old) == before
    keyed = old.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert not {t for (t,) in keyed} & set(KEYS)
    indexed = old.execute("SELECT DISTINCT table_name FROM duckdb_indexes()").fetchall()
    assert not {t for (t,) in indexed} & set(KEYS)
    old.execute("INSERT INTO notices (notice_id, status) VALUES ('x', 'parsed')")  # defaults kept
    with pytest.raises(duckdb.ConstraintException):  # and the status check
        old.execute("INSERT INTO notices (notice_id, status) VALUES ('y', 'lost')")
    old.close()


def test_one_agencys_lookups_read_an_index(con: duckdb.DuckDBPyConnection) -> None:
    _store_seeds(con)
    indexed = con.execute("SELECT table_name, expressions FROM duckdb_indexes() ORDER BY ALL").fetchall()
    assert [(table, on) for table, on in indexed if table in KEYS] == [
        ("agencies", "[agency_id]"),
        ("changes", "[agency_id]"),
        ("notices", "[notice_id]"),
        ("snapshots", "[agency_id]"),
    ]
    agency_id = con.execute("SELECT agency_id FROM changes LIMIT 1").fetchone()[0]
    plan = queries.agency_events_plan(con, agency_id)
    # changes, agencies and notices each read through their index
    assert plan.count("Type: Index Scan") == 3 and "Sequential Scan" not in plan, plan
