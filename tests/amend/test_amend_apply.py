"""apply_effects / derive_version: an agency's last version plus an amendment's effects.

Bases are small invented agencies (东海省…, derived for these tests) built with the factories;
the end-to-end cases parse the derived fixtures and apply them to those bases or to the Fujian seed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models.records import AgencyRecord, OtherMatter
from tests.amend.amend_factories import FIXTURES, amendment, duty, effect, staff, unit
from yange.amend import apply_effects, derive_version
from yange.diff import AgencyEvents, diff_snapshots, find_transfers
from yange.parse import parse_notice
from yange.parse.amendment import parse_amendment_body

DH_T, DH_E, DH_P = "东海省交通运输厅", "东海省应急管理厅", "东海省港航管理局"

TRANSPORT = AgencyRecord(
    agency=DH_T,
    aliases=["东海省港口管理局"],
    duties=[
        duty(1, "负责道路运输安全生产综合监督管理，指导道路运输企业安全生产工作。"),
        duty(2, "负责港口行政管理，拟订港口发展规划并组织实施。"),
        duty(3, "负责公路、水路交通运输行业的统筹规划和政策制定。"),
    ],
    units=[
        unit(1, "综合规划处", "负责公路规划和综合交通规划。"),
        unit(2, "港口管理处", "负责港口行政管理工作。"),
        unit(3, "安全监督处", "负责交通运输安全生产监督工作。"),
    ],
    declared_unit_count=12,
    staffing=[
        staff("机关行政编制", 92),
        staff("离退休干部工作人员行政编制", 3, "机关行政编制"),
        staff("正处级领导职数", 14),
    ],
    other_matters=[OtherMatter(ordinal=1, text="东海省交通运输厅代管东海省公路学会。", span=(5000, 5017))],
)
EMERGENCY = AgencyRecord(
    agency=DH_E,
    duties=[duty(1, "组织编制全省安全生产规划。"), duty(2, "负责危险化学品安全生产监督管理工作。")],
    units=[
        unit(1, "综合处", "负责文电、会务和机要工作。"),
        unit(2, "救灾处", "组织协调重大灾害救助工作，承担灾情统计。"),
        unit(3, "防汛抗旱处", "组织协调防汛抗旱工作。"),
    ],
    declared_unit_count=15,
    staffing=[staff("机关行政编制", 93), staff("正处级领导职数", 15)],
)
BASES = {DH_T: TRANSPORT, DH_E: EMERGENCY}


def _donghai() -> dict[str, AgencyRecord]:
    records, _ = parse_amendment_body(
        (FIXTURES / "donghai-2021-transport-emergency-amend-derived.txt").read_text()
    )
    return {r.agency: r for r in records}


# --- one effect at a time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effects", "check"),
    [
        # A transferred-out duty leaves: matched by the gist, the other duties stay in order.
        (
            [effect("duty_transferred_out", "港口行政管理职责", counterpart=DH_P)],
            lambda r: [d.ordinal for d in r.duties] == [1, 3],
        ),
        # A transferred-in duty is appended with the next ordinal.
        (
            [effect("duty_transferred_in", "城市客运管理职责", counterpart="东海省住房和城乡建设厅")],
            lambda r: (r.duties[-1].ordinal, r.duties[-1].text) == (4, "城市客运管理职责"),
        ),
        # Staff moves: "行政编制" adjusts the fuller 机关行政编制 row, never the 含… row.
        (
            [effect("staffing_transferred_out", counts={"行政编制": 4, "正处级领导职数": 1})],
            lambda r: (
                [(s.category, s.count) for s in r.staffing]
                == [("机关行政编制", 88), ("离退休干部工作人员行政编制", 3), ("正处级领导职数", 13)]
            ),
        ),
        (
            [effect("staffing_transferred_in", counts={"行政编制": 2, "事业编制": 5})],
            lambda r: (
                [(s.category, s.count) for s in r.staffing]
                == [
                    ("机关行政编制", 94),
                    ("离退休干部工作人员行政编制", 3),
                    ("正处级领导职数", 14),
                    ("事业编制", 5),
                ]
            ),
        ),
        # Units: added (with its duties), renamed (duties kept), removed with its duties merged.
        (
            [effect("unit_added", "数据管理处", new="负责交通运输数据管理。")],
            lambda r: (
                (r.units[-1].ordinal, r.units[-1].name, r.units[-1].duties)
                == (4, "数据管理处", "负责交通运输数据管理。")
            ),
        ),
        (
            [effect("unit_renamed", "综合规划处", old="综合规划处", new="规划处")],
            lambda r: (r.units[0].name, r.units[0].duties) == ("规划处", "负责公路规划和综合交通规划。"),
        ),
        (
            [effect("unit_removed", "港口管理处", new="综合规划处")],
            lambda r: (
                [u.name for u in r.units] == ["综合规划处", "安全监督处"]
                and r.units[0].duties == "负责公路规划和综合交通规划；负责港口行政管理工作。"
            ),
        ),
        # A literal wording edit of a unit's duties.
        (
            [effect("duty_text_amended", "综合规划处", old="公路规划", new="公路和内河航道规划")],
            lambda r: r.units[0].duties == "负责公路和内河航道规划和综合交通规划。",
        ),
        # Without a unit, the wording is looked for in the main duties first.
        (
            [effect("duty_text_amended", None, old="统筹规划", new="统筹规划和综合协调")],
            lambda r: r.duties[2].text == "负责公路、水路交通运输行业的统筹规划和综合协调和政策制定。",
        ),
        # Signs.
        ([effect("alias_removed", "东海省港口管理局")], lambda r: r.aliases == []),
        (
            [effect("alias_added", "东海省铁路办公室")],
            lambda r: r.aliases == ["东海省港口管理局", "东海省铁路办公室"],
        ),
        # Supervision: recorded among other matters.
        (
            [effect("supervision_transferred_out", "东海省公路学会", counterpart=DH_E)],
            lambda r: r.other_matters == [],
        ),
        (
            [effect("supervision_transferred_in", "东海省航海学会", counterpart=DH_E)],
            lambda r: [(m.ordinal, m.text) for m in r.other_matters][-1] == (2, "代管东海省航海学会"),
        ),
        # 核增 inside the agency.
        ([effect("other", "核增", counts={"行政编制": 2})], lambda r: r.staffing[0].count == 94),
        # Effects apply in the notice's order: a unit renamed, then its wording edited under the new name.
        (
            [
                effect("unit_renamed", "港口管理处", old="港口管理处", new="港航管理处"),
                effect("duty_text_amended", "港航管理处", old="港口行政管理", new="港口和航道行政管理"),
            ],
            lambda r: (r.units[1].name, r.units[1].duties) == ("港航管理处", "负责港口和航道行政管理工作。"),
        ),
    ],
)
def test_effect_applies(effects: list, check) -> None:  # type: ignore[no-untyped-def]
    record, warnings = apply_effects(TRANSPORT, amendment(DH_T, *effects), agency=DH_T)
    assert check(record), record
    assert not [w for w in warnings if w.startswith("not applied")]


@pytest.mark.parametrize(
    ("one", "reason"),
    [
        (
            effect("duty_text_amended", "综合规划处", old="负责水运规划", new="负责内河水运规划"),
            "not in the duties of 综合规划处",
        ),
        (effect("duty_text_amended", "航道处", old="负责", new="承担"), "unit 航道处 not found"),
        (effect("unit_renamed", "航道处", old="航道处", new="航务处"), "unit 航道处 not found"),
        (effect("unit_removed", "航道处"), "unit 航道处 not found"),
        (effect("alias_removed", "东海省铁路办公室"), "alias 东海省铁路办公室 not held"),
        (effect("duty_transferred_out", "民航机场建设管理职责"), "no duty matches"),
        (effect("staffing_transferred_out", counts={"副厅长": 1}), "no staffing row for 副厅长"),
        (effect("supervision_transferred_out", "东海省航海学会"), "not recorded"),
        (effect("other", None, text="进一步理顺工作机制"), "kept for review"),
    ],
)
def test_effect_that_cannot_apply_is_kept_and_flagged(one, reason: str) -> None:  # type: ignore[no-untyped-def]
    derived = derive_version(TRANSPORT, amendment(DH_T, one), agency=DH_T)
    assert derived.unapplied == [one] and derived.applied == []
    assert any(w.startswith("not applied") and reason in w for w in derived.warnings), derived.warnings
    # Nothing else changed: the base's content is intact.
    assert derived.record.model_dump(exclude={"adjustments"}) == TRANSPORT.model_dump(exclude={"adjustments"})


def test_stated_totals_are_checked_and_win() -> None:
    amend = amendment(
        DH_T,
        effect("staffing_transferred_out", counts={"行政编制": 4}),
        totals={"机关行政编制": 90, "内设机构": 12, "正处级领导职数": 14},
    )
    record, warnings = apply_effects(TRANSPORT, amend, agency=DH_T)
    assert record.staffing[0].count == 90 and record.declared_unit_count == 12
    assert warnings == ["stated 机关行政编制 90, but the effects give 88; the stated figure wins"]


def test_base_none_gives_a_partial_version_of_what_the_notice_says() -> None:
    amend = amendment(
        DH_P,
        effect("duty_transferred_in", "港口行政管理职责", counterpart=DH_T),
        effect("staffing_transferred_in", "港口管理处", counts={"行政编制": 4}),
        effect("unit_renamed", "港口处", old="港口处", new="港务处"),
        totals={"内设机构": 6},
    )
    derived = derive_version(None, amend, agency=DH_P)
    assert derived.partial and derived.warnings[0].startswith("partial:")
    assert [d.text for d in derived.record.duties] == ["港口行政管理职责"]
    assert [(s.category, s.count) for s in derived.record.staffing] == [("行政编制", 4)]
    assert derived.record.declared_unit_count == 6
    assert [e.type for e in derived.unapplied] == ["unit_renamed"]


def test_arriving_duty_takes_the_givers_wording_when_the_giver_is_known() -> None:
    amend = amendment(DH_P, effect("duty_transferred_in", "港口行政管理职责", counterpart=DH_T))
    record, _ = apply_effects(None, amend, agency=DH_P, counterparts={DH_T: TRANSPORT})
    assert [d.text for d in record.duties] == [TRANSPORT.duties[1].text]


def test_body_abolished_is_reported() -> None:
    derived = derive_version(TRANSPORT, amendment(DH_T, effect("body_abolished", DH_T)), agency=DH_T)
    assert derived.abolished and derived.applied


def test_each_clause_becomes_one_declared_adjustment() -> None:
    record, _ = apply_effects(TRANSPORT, _donghai()[DH_T], agency=DH_T)
    kinds = [(a.ordinal, a.kind, a.counterpart) for a in record.adjustments]
    assert kinds[:3] == [(1, "transferred_out", DH_E), (1, "other", None), (2, "transferred_out", DH_P)]
    assert len(kinds) == 6  # 7 effects, of which two share item 2's clause
    assert record.effects == [] and record.stated_totals == {}


def test_deterministic_and_pure() -> None:
    before = TRANSPORT.model_dump()
    first = derive_version(TRANSPORT, _donghai()[DH_T], agency=DH_T)
    second = derive_version(TRANSPORT, _donghai()[DH_T], agency=DH_T)
    assert first == second
    assert TRANSPORT.model_dump() == before


# --- end to end on the derived fixtures -------------------------------------------------------------


def test_donghai_notice_on_two_known_agencies() -> None:
    parsed = _donghai()
    transport = derive_version(TRANSPORT, parsed[DH_T], agency=DH_T, counterparts=BASES)
    emergency = derive_version(EMERGENCY, parsed[DH_E], agency=DH_E, counterparts=BASES)
    port = derive_version(None, parsed[DH_P], agency=DH_P, counterparts=BASES)

    t = transport.record
    assert [d.ordinal for d in t.duties] == [3] and t.aliases == [] and t.other_matters == []
    assert [(s.category, s.count) for s in t.staffing if s.included_in is None] == [
        ("机关行政编制", 85),
        ("正处级领导职数", 13),
    ]
    # The wording edit of 综合规划处 does not match its base: kept and flagged, not applied.
    assert [e.ordinal for e in transport.unapplied] == [6]
    assert any("负责水运规划" in w for w in transport.warnings)

    e = emergency.record
    assert e.duties[-1].text == TRANSPORT.duties[0].text  # the giver's own wording arrives
    assert [u.name for u in e.units] == ["综合处", "救灾和物资保障处"]
    assert e.units[1].duties == "组织协调重大灾害救助和救灾物资储备工作，承担灾情统计。"
    assert e.aliases == ["东海省地震局"] and e.declared_unit_count == 14
    assert [(s.category, s.count) for s in e.staffing] == [("机关行政编制", 98), ("正处级领导职数", 16)]
    assert emergency.warnings == ["stated 正处级领导职数 16, but the effects give 15; the stated figure wins"]
    assert emergency.unapplied == []

    assert port.partial and [d.text for d in port.record.duties] == [TRANSPORT.duties[1].text]


def test_transfer_between_two_known_agencies_is_one_transferred_event() -> None:
    parsed = _donghai()
    day = dt.date(2021, 6, 8)
    events = []
    for name in (DH_T, DH_E):
        derived = derive_version(BASES[name], parsed[name], agency=name, counterparts=BASES)
        events.append(
            AgencyEvents(
                agency_id=name, published_on=day, changes=diff_snapshots(BASES[name], derived.record)
            )
        )
    transfers = find_transfers(events)
    # The duty, and the 代管 of 东海省公路学会 (an other matter that also moves from one to the other).
    assert [(t.source.agency_id, t.target.agency_id, t.source.text) for t in transfers] == [
        (DH_T, DH_E, TRANSPORT.duties[0].text),
        (DH_T, DH_E, TRANSPORT.other_matters[0].text),
    ]
    changes = events[0].changes
    assert sum(c.change_type == "declared_adjustment" for c in changes) == 6
    assert sum(c.change_type == "duty_removed" and c.section == "duty" for c in changes) == 2


def test_fujian_seed_then_its_2012_amendment_end_to_end() -> None:
    seed = parse_notice(
        (FIXTURES.parents[1] / "golden" / "fujian-2010-foreign-trade-sanding.txt").read_text(encoding="utf-8")
    )
    notice = parse_notice(
        (FIXTURES / "fujian-2012-foreign-trade-amend-derived.txt").read_text(encoding="utf-8")
    )
    assert notice.notice.kind == "amendment"
    base = seed.records[0]
    mine = next(r for r in notice.records if r.agency == base.agency)
    derived = derive_version(base, mine, agency=base.agency)
    names = [u.name for u in derived.record.units]
    assert (
        "电子商务处" in names
        and "信息化处" not in names
        and "机场办事处" not in names
        and names[-1] == "外资管理处"
    )
    ecommerce = derived.record.units[names.index("电子商务处")]
    assert "电子商务的推广应用和统计分析工作" in ecommerce.duties
    assert not any("开发区" in d.text[:12] for d in derived.record.duties)
    # The notice's totals agree with what its effects give: no mismatch warnings, nothing unapplied.
    assert derived.unapplied == [] and not [w for w in derived.warnings if w.startswith("stated")]
    assert {s.category: s.count for s in derived.record.staffing if s.included_in is None}[
        "机关行政编制"
    ] == 166
