"""Numbered schema migrations: storage/sql/NNN_name.sql, applied in order, recorded in schema_version.

Each pending file runs in its own transaction together with its schema_version row, so opening an
older database upgrades it in place and a failed step leaves it at the previous version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from storage.tx import transaction, translated
from yange.errors import StorageError

SQL_DIR = Path(__file__).parent / "sql"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    """Every migration shipped with the code, oldest first; duplicate numbers are an error."""
    found: dict[int, Migration] = {}
    for path in sorted(SQL_DIR.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise StorageError(f"{path.name}: migration files are named NNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise StorageError(f"{path.name}: migration {version} is defined twice")
        found[version] = Migration(version, match.group(2), path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def applied(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Versions already recorded in this database (empty for a new one)."""
    with translated():
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return []
        return [
            row[0] for row in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        ]


def migrate(con: duckdb.DuckDBPyConnection, *, upto: int | None = None) -> list[int]:
    """Apply the pending migrations (up to `upto`, for tests of old databases); returns those applied."""
    with translated():
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)"
        )
    done = set(applied(con))
    newly: list[int] = []
    for migration in available():
        if migration.version in done or (upto is not None and migration.version > upto):
            continue
        with transaction(con):
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_version (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
        newly.append(migration.version)
    return newly


def check_current(con: duckdb.DuckDBPyConnection) -> None:
    """A read-only connection cannot upgrade: refuse a database older than the code."""
    latest = available()[-1].version
    have = applied(con)
    if not have or have[-1] < latest:
        raise StorageError(
            f"database schema is at version {have[-1] if have else 0}, the code needs {latest}: "
            "open it once read-write to upgrade"
        )
