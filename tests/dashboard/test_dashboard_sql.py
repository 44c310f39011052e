"""The SQL page's sandbox (dashboard/sqlbox.py through data.run_sql): ISSUE 16 point 5, each finding
of the probe reproduced and refused."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from dashboard import data


def _db(history: dict[str, Any]) -> str:
    return str(history["path"])


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        # EXPLAIN ANALYZE runs the statement it explains: it locked every other session's settings.
        ("explain analyze set global lock_configuration = true", "EXPLAIN"),
        ("explain select 1", "EXPLAIN"),
        ("set global memory_limit = '64GB'", "SET"),
        ("set global threads = 64", "SET"),
        ("reset threads", "SET"),
        ("load icu", "LOAD"),
        ("install httpfs", "LOAD"),  # DuckDB calls INSTALL a LOAD statement
        ("create temp table t as select 1", "CREATE"),
        ("checkpoint", "refused"),
        ("call checkpoint()", "CALL"),
        ("pragma version", "PRAGMA"),
        ("attach '/tmp/other.duckdb' as other", "ATTACH"),
        ("copy notices to '/tmp/x.csv'", "COPY"),
        ("delete from notices", "DELETE"),
        ("select 1; select 2", "one statement"),
        # What held before, and holds still: no file access from SQL.
        ("select * from read_csv('/etc/hostname')", "disabled"),
        ("select * from read_text('/etc/passwd')", "disabled"),
        ("select * from glob('/etc/*')", "disabled"),
        ("select * from query('set global threads = 64')", "SELECT"),
    ],
)
def test_sandbox_runs_only_a_plain_select(history: dict[str, Any], sql: str, refusal: str) -> None:
    with pytest.raises(data.QueryRefused, match=f"(?i){refusal}"):
        data.run_sql(_db(history), sql)


def test_sandbox_is_locked_and_limited(history: dict[str, Any]) -> None:
    settings = data.run_sql(
        _db(history),
        "select name, value from duckdb_settings() "
        "where name in ('lock_configuration', 'threads', 'enable_external_access', 'memory_limit')",
    )
    values = dict(zip(settings["name"], settings["value"], strict=True))
    assert values["lock_configuration"] == "true"
    assert values["enable_external_access"] == "false"
    assert values["threads"] == "1"
    assert values["memory_limit"].startswith("244") or "256" in values["memory_limit"]  # 256 MB


def test_a_hard_deadline_holds_inside_a_scalar_function(history: dict[str, Any]) -> None:
    # DuckDB never checks for an interrupt inside levenshtein: this ran past 90 s before.
    sql = "select levenshtein(repeat('a', 1000000), repeat('b', 1000000))"
    with pytest.raises(data.QueryRefused, match="stopped after 1 s"):
        data.run_sql(_db(history), sql, timeout_s=1)


@pytest.mark.parametrize(
    "sql",
    [
        "select length(string_agg(repeat('x', 1000), '')) from range(3000000)",  # reached 8 GB
        "select length(regexp_replace(repeat('x', 500000000), 'x', 'yy', 'g'))",  # reached 5 GB
    ],
)
def test_memory_is_bounded(history: dict[str, Any], sql: str) -> None:
    with pytest.raises(data.QueryRefused, match="(?i)memory"):
        data.run_sql(_db(history), sql)


def test_nothing_one_reader_does_reaches_another(history: dict[str, Any]) -> None:
    db = _db(history)
    with pytest.raises(data.QueryRefused):
        data.run_sql(db, "explain analyze set global lock_configuration = true")
    slow = "select levenshtein(repeat('a', 1000000), repeat('b', 1000000))"
    with ThreadPoolExecutor(2) as pool:
        stuck = pool.submit(data.run_sql, db, slow, timeout_s=2)
        other = pool.submit(data.run_sql, db, "select count(*) as n from notices")
        assert int(other.result()["n"][0]) > 0  # answered while the other reader's query runs
        with pytest.raises(data.QueryRefused, match="stopped"):
            stuck.result()


def test_sandbox_sees_none_of_the_dashboards_environment(
    history: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YANGE_SECRET_TOKEN", "s3cret")
    frame = data.run_sql(_db(history), "select value from duckdb_settings() where value like '%s3cret%'")
    assert frame.empty
