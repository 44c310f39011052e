"""The parser benchmark module runs and reports the two figures CONTRACT §4 names (speed itself is
proven by `make bench`, not here)."""

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
    }
    ratio = figures["parse_notices_per_s"] / figures["parse_floor_notices_per_s"]
    assert 0 < figures["parse_vs_floor"] == pytest.approx(ratio, abs=0.002)  # both figures are rounded
    assert figures["parse_notices_per_s"] > 0 and figures["parse_peak_mb"] > 0
