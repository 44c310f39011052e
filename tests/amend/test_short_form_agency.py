"""An amendment that names its agency by the short form its own level writes (省对外贸易经济合作厅 for
福建省对外贸易经济合作厅): the unit it removes is the agency's, and leaves the derived version."""

from __future__ import annotations

from pathlib import Path

from yange.amend import apply_effects
from yange.parse import parse_notice

SEED = Path(__file__).resolve().parents[1] / "golden" / "fujian-2010-foreign-trade-sanding.txt"
FUJIAN = "福建省对外贸易经济合作厅"
# Derived for this test: the Fujian seed's agency amended by its province's 编办, the unit named after
# the short form of the agency's name.
AMENDMENT = """福建省机构编制委员会办公室关于调整福建省对外贸易经济合作厅内设机构的通知
闽编办〔2012〕30号
福建省对外贸易经济合作厅：
经研究，现就调整你厅内设机构有关事项通知如下：
一、撤销省对外贸易经济合作厅开发区管理处。
二、调整后，省对外贸易经济合作厅内设机构21个。
福建省机构编制委员会办公室
2012年3月1日
"""


def test_the_unit_is_the_agencys_under_its_short_name() -> None:
    parsed = parse_notice(AMENDMENT)
    assert [r.agency for r in parsed.records] == [FUJIAN]
    effects = parsed.records[0].effects
    assert [(e.type, e.subject) for e in effects] == [("unit_removed", "开发区管理处")]
    assert parsed.records[0].stated_totals == {"内设机构": 21}


def test_the_removed_unit_leaves_the_derived_version() -> None:
    base = parse_notice(SEED.read_text(encoding="utf-8")).records[0]
    assert "开发区管理处" in [u.name for u in base.units]
    derived, warnings = apply_effects(base, parse_notice(AMENDMENT).records[0], agency=FUJIAN)
    assert "开发区管理处" not in [u.name for u in derived.units]
    assert len(derived.units) == len(base.units) - 1
    assert not [w for w in warnings if w.startswith("not applied")]
