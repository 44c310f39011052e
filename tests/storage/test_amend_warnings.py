"""What applying an amendment could not do is kept beside the derived version, never dropped."""

from __future__ import annotations

from pathlib import Path

import duckdb

import storage
from flows.engines import default_engines
from yange.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[2]
FUJIAN = ROOT / "tests" / "golden" / "fujian-2010-foreign-trade-sanding.txt"
AMEND = ROOT / "tests" / "amend" / "fixtures" / "fujian-2012-foreign-trade-amend-derived.txt"


def _store(con: duckdb.DuckDBPyConnection, raw: bytes, source: str) -> None:
    storage.store_notice(
        con, parsed=parse_bytes(raw, source=source), raw=raw, source=source, engines=default_engines()
    )


def test_unapplied_effects_and_partial_versions_are_recorded(con: duckdb.DuckDBPyConnection) -> None:
    # Derived: the amendment fixture with a wording edit whose old text the base does not contain.
    text = AMEND.read_text(encoding="utf-8")
    quoted = "“电子政务、电子商务的运用和推广工作”修改为"
    assert quoted in text
    amended = text.replace(quoted, "“外经贸行业信息安全保障工作”修改为").encode("utf-8")
    _store(con, FUJIAN.read_bytes(), "fujian-2010")
    _store(con, amended, "fujian-2012-amend")
    rows = con.execute(
        "select a.name, s.partial, s.warnings from snapshots s join agencies a using (agency_id)"
        " where s.derived order by a.name"
    ).fetchall()
    by_name = {name: (partial, warnings) for name, partial, warnings in rows}
    partial, warnings = by_name["福建省对外贸易经济合作厅"]
    assert not partial
    assert any(w.startswith("not applied:") and "外经贸行业信息安全保障工作" in w for w in warnings)
    receiver_partial, receiver_warnings = by_name["福建省发展和改革委员会"]
    assert receiver_partial and any(w.startswith("partial:") for w in receiver_warnings)
