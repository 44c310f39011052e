"""The parser benchmark module runs and reports the figures CONTRACT §4 names, on the seeds, and the
short notices' beside them (speed itself is proven by `make bench`, not here)."""

from __future__ import annotations

import pytest

from bench import parse_bench


def test_bench_reports_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_bench, "MIN_SECONDS", 0.0)
    figures = parse_bench.run({})
    assert set(figures) == {
        "parse_notices_per_s",
        "parse_peak_mb",
        "parse_floor_notices_per_s",
        "parse_vs_floor",
        "parse_short_notices_per_s",
        "parse_short_vs_floor",
    }
    ratio = figures["parse_notices_per_s"] / figures["parse_floor_notices_per_s"]
    assert 0 < figures["parse_vs_floor"] == pytest.approx(ratio, abs=0.002)  # both figures are rounded
    assert figures["parse_short_vs_floor"] > 0 and figures["parse_short_notices_per_s"] > 0
    assert figures["parse_notices_per_s"] > 0 and figures["parse_peak_mb"] > 0


def test_the_contract_figures_are_taken_on_the_seeds() -> None:
    # CONTRACT §4 states parse_notices_per_s and parse_vs_floor for seed-sized notices
    assert [p.name for p in parse_bench.CORPUS] == [
        "fujian-2010-foreign-trade-sanding.txt",
        "mofcom-2003-unit-functions.txt",
    ]
    assert parse_bench.SHORT and all(p.stat().st_size < 8000 for p in parse_bench.SHORT)
