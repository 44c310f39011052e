"""The public file and the writer's work file: what survives a file replaced, deleted or upgraded."""

from __future__ import annotations

from pathlib import Path

import duckdb

import storage
from storage.publishing import HistoryFiles
from tests.storage.factories import engines, notice, record


def _store(con: duckdb.DuckDBPyConnection, name: str) -> None:
    parsed = notice(f"关于印发{name}主要职责的通知", "2014-01-01", record(name, ["负责商务工作"]))
    storage.store_notice(con, parsed=parsed, raw=name.encode(), source=name, engines=engines())


def _agencies(path: Path) -> list[str]:
    with storage.open_reader(path) as con:
        return [row[0] for row in con.execute("SELECT name FROM agencies ORDER BY name").fetchall()]


def test_the_writer_never_opens_the_public_file(db_path: Path) -> None:
    files = HistoryFiles.of(db_path)
    con = storage.connect(db_path)
    try:
        assert db_path.exists() and files.work.exists()  # published at once: readers find a file
        held = duckdb.connect(str(db_path), read_only=True)  # would fail if the writer held it
        held.close()
        _store(con, "福建省商务厅")
        assert storage.has_unpublished_work(con)
        assert _agencies(db_path) == []  # not published yet
    finally:
        storage.close(con)
    assert _agencies(db_path) == ["福建省商务厅"]
    assert not db_path.with_name(db_path.name + ".wal").exists()


def test_nothing_new_publishes_nothing(db_path: Path) -> None:
    storage.close(storage.connect(db_path))
    before = db_path.stat()
    storage.close(storage.connect(db_path))
    after = db_path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_public_file_replaced_by_hand_is_the_history_the_next_writer_continues(
    db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.duckdb"
    with storage.writer(other) as con:
        _store(con, "福建省民政厅")
    with storage.writer(db_path) as con:
        _store(con, "福建省商务厅")
    db_path.write_bytes(other.read_bytes())  # restored from another history
    with storage.writer(db_path) as con:
        _store(con, "福建省财政厅")
    assert _agencies(db_path) == ["福建省民政厅", "福建省财政厅"]


def test_deleting_the_public_file_starts_a_new_history(db_path: Path) -> None:
    with storage.writer(db_path) as con:
        _store(con, "福建省商务厅")
    db_path.unlink()
    with storage.writer(db_path) as con:
        _store(con, "福建省财政厅")
    assert _agencies(db_path) == ["福建省财政厅"]


def test_a_history_written_in_place_by_an_earlier_version_is_taken_over(db_path: Path) -> None:
    """Earlier versions wrote the public path itself (a WAL may be left beside it) and published a
    `.read.duckdb` copy: the first writer folds the WAL in and removes the stale copy."""
    old = storage.connect(":memory:")
    old.close()
    legacy = duckdb.connect(str(db_path))
    legacy.execute("SET TimeZone = 'UTC'")
    from storage import migrate

    migrate.migrate(legacy)
    legacy.execute("INSERT INTO notices (notice_id, status, reason) VALUES ('n1', 'rejected', 'empty')")
    legacy.close()
    copy = HistoryFiles.of(db_path).legacy_copy
    copy.write_bytes(db_path.read_bytes())
    with storage.writer(db_path) as con:
        _store(con, "福建省商务厅")
    assert not copy.exists()
    with storage.open_reader(db_path) as con:
        assert con.execute("SELECT count(*) FROM notices").fetchone() == (2,)
