"""A notice's bytes as fetched are stored deflated (migration 052) and read back exactly by rebuild,
also from a history written before, whose rows hold them plain."""

from __future__ import annotations

from pathlib import Path

import duckdb

import storage
from flows.engines import default_engines
from storage import migrate, raw_bytes

SEED = Path(__file__).parent.parent / "golden" / "fujian-2010-foreign-trade-sanding.txt"


def _notice_bytes(con: duckdb.DuckDBPyConnection) -> list[tuple[str, bytes | None, bool]]:
    rows = con.execute("SELECT status, raw, raw_deflated FROM notices ORDER BY status").fetchall()
    return [(status, raw_bytes.unpack(plain, deflated), plain is None) for status, plain, deflated in rows]


def test_stored_bytes_are_deflated_and_read_back_exactly(con: duckdb.DuckDBPyConnection) -> None:
    raw = SEED.read_bytes()
    engines = default_engines()
    parsed = engines.parser(raw, source="seed.txt")
    storage.store_notice(con, parsed=parsed, raw=raw, source="seed.txt", engines=engines)
    junk = b"\x00\x01 not a notice " * 100
    storage.record_rejection(con, source="junk.bin", raw=junk, reason="binary: not text")
    assert _notice_bytes(con) == [("parsed", raw, True), ("rejected", junk, True)]
    (stored,) = con.execute(
        "SELECT octet_length(raw_deflated) FROM notices WHERE status = 'parsed'"
    ).fetchone()
    assert stored < len(raw) / 2  # why it is stored deflated: the writer rewrites it at checkpoints


def test_rebuild_reads_the_plain_bytes_of_an_older_history(tmp_path: Path) -> None:
    raw = SEED.read_bytes()
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    migrate.migrate(old, upto=51)
    old.execute(
        "INSERT INTO notices (notice_id, source, status, reason, raw, raw_sha256) VALUES"
        " ('r1', 'seed.txt', 'rejected', 'parser_error: an older parser failed', ?, 'h1')",
        [raw],
    )
    old.close()
    con = storage.connect(path)
    counts = storage.rebuild(con, engines=default_engines())
    assert (counts["parsed"], counts["rejected"]) == (1, 0)  # the plain bytes parsed again
    assert _notice_bytes(con) == [("parsed", raw, True)]
    con.close()
