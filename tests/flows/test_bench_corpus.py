"""The ingest benchmark's generated corpus does what its figures claim: every notice is a version of
its agency (distinct dates), so storing one diffs it against the one before."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench.ingest_bench import generate
from flows.pipeline import run_pipeline


def test_every_generated_notice_is_a_version_diffed_against_the_last(tmp_path: Path) -> None:
    n = generate(tmp_path / "corpus", n_agencies=2, n_versions=3)
    db = tmp_path / "h.duckdb"
    assert run_pipeline([str(tmp_path / "corpus")], db=str(db)).new == n == 6
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT count(*), count(DISTINCT valid_from), count(*) FILTER (WHERE valid_to = valid_from) "
            "FROM snapshots"
        ).fetchone()
        observed = con.execute(
            "SELECT count(*) FILTER (WHERE change_type = 'staffing_changed'), "
            "count(*) FILTER (WHERE change_type = 'duty_reworded') FROM changes"
        ).fetchone()
    finally:
        con.close()
    assert rows == (6, 3, 0)
    # each later version changes the staffing once and rewords sentences
    assert observed is not None and observed[0] == 4 and observed[1] >= 4
