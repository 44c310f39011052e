"""Amendments of other shapes applied to a base version: merges, renames, wording, signs, whole units."""

from __future__ import annotations

from models.records import AgencyRecord
from tests.amend.amend_factories import duty, staff, unit
from tests.amend.amend_generalise import (
    BJ_C,
    BJ_H,
    DHB,
    GEN,
    HEAD,
    NJ,
    NSB,
)
from yange.amend import derive_version
from yange.parse.amendment import parse_amendment_body


def test_merge_adds_the_new_unit_before_removing_the_merged_ones() -> None:
    """Order matters when applied: the merged units' duties need the new unit to go to."""
    records, _ = parse_amendment_body(
        (GEN / "nanjiang-2022-civil-affairs-units-derived.txt").read_text(encoding="utf-8")
    )
    item_one = [(e.type, e.subject) for e in records[0].effects if e.ordinal == 1]
    assert item_one == [
        ("unit_added", "社会事务和区划地名处"),
        ("unit_removed", "社会事务处"),
        ("unit_removed", "区划地名处"),
    ]


def test_merge_rename_and_wording_apply_to_a_base() -> None:
    """The provincial units notice applied to an invented base version of 南江省民政厅."""
    base = AgencyRecord(
        agency=NJ,
        duties=[duty(1, "拟订全省民政事业发展规划。")],
        units=[
            unit(1, "社会事务处", "负责婚姻登记管理工作。"),
            unit(2, "区划地名处", "负责行政区划和地名管理工作。"),
            unit(3, "福利慈善处", "指导福利彩票发行管理工作，推动慈善事业发展。"),
            unit(4, "救灾处", "组织救灾工作。"),
        ],
        declared_unit_count=13,
        staffing=[staff("正处级领导职数", 12)],
    )
    records, _ = parse_amendment_body(
        (GEN / "nanjiang-2022-civil-affairs-units-derived.txt").read_text(encoding="utf-8")
    )
    derived = derive_version(base, records[0], agency=NJ)
    units = {u.name: u.duties for u in derived.record.units}
    assert units == {
        "慈善事业促进处": "指导慈善事业促进和福利彩票管理工作，推动慈善事业发展。",
        "社会救助处": "组织救灾工作。",
        "社会事务和区划地名处": "负责婚姻登记管理工作；负责行政区划和地名管理工作。",
    }
    assert derived.unapplied == []
    assert derived.record.declared_unit_count == 12  # 13 + 1 added - 2 merged away, as stated


def test_duty_leaving_without_receiver_applies_to_the_giver_only() -> None:
    records, _ = parse_amendment_body(HEAD + "将东海部的海洋渔业管理职责划出。")
    base = AgencyRecord(agency=DHB, duties=[duty(1, "负责海洋渔业管理工作。"), duty(2, "负责远洋渔业监管。")])
    derived = derive_version(base, records[0], agency=DHB)
    assert [d.text for d in derived.record.duties] == ["负责远洋渔业监管。"]
    assert derived.unapplied == []


def test_unit_sign_and_added_wording_apply_to_the_unit() -> None:
    base = AgencyRecord(
        agency=DHB, units=[unit(1, "渔业司", "负责渔业管理。"), unit(2, "远洋处", "负责远洋渔业。")]
    )
    text = HEAD + "东海部渔业司加挂远洋渔业办公室牌子。\n二、在东海部渔业司职责中增加“负责远洋渔业国际合作”。"
    records, _ = parse_amendment_body(text)
    derived = derive_version(base, records[0], agency=DHB)
    fishery = derived.record.units[0]
    assert (fishery.alias, fishery.duties) == ("远洋渔业办公室", "负责渔业管理；负责远洋渔业国际合作。")
    assert derived.record.aliases == []
    assert derived.unapplied == []


def test_sign_after_a_rename_goes_on_the_renamed_unit() -> None:
    records, _ = parse_amendment_body(
        (GEN / "donghai-2022-commerce-you-derived.txt").read_text(encoding="utf-8")
    )
    signs = [(e.subject, e.unit) for r in records for e in r.effects if e.type == "alias_added"]
    assert signs == [("东海省外商投诉中心", "外商投资管理处")]


def test_a_unit_moved_whole_brings_its_duties_to_the_receiver() -> None:
    records, _ = parse_amendment_body(HEAD + "将东海部的远洋处整体划入南山部。")
    by_agency = {r.agency: r for r in records}
    giver = AgencyRecord(
        agency=DHB, units=[unit(1, "渔业司", "负责渔业管理。"), unit(2, "远洋处", "负责远洋渔业。")]
    )
    receiver = AgencyRecord(agency=NSB, units=[unit(1, "综合处", "负责文电。")])
    left = derive_version(giver, by_agency[DHB], agency=DHB)
    joined = derive_version(receiver, by_agency[NSB], agency=NSB, counterparts={DHB: giver})
    assert [u.name for u in left.record.units] == ["渔业司"]
    assert [(u.name, u.duties) for u in joined.record.units] == [
        ("综合处", "负责文电。"),
        ("远洋处", "负责远洋渔业。"),
    ]
    assert left.unapplied == joined.unapplied == []


def test_a_removed_units_duties_arrive_at_the_other_agency() -> None:
    """撤销A的X科，其职责并入B: X goes from A, and B takes X's duties in A's wording."""
    text = (GEN / "beijiang-2022-city-nested-derived.txt").read_text(encoding="utf-8")
    records = {r.agency: r for r in parse_amendment_body(text)[0]}
    housing = AgencyRecord(
        agency=BJ_H,
        duties=[duty(1, "负责城市供水、燃气行业管理。"), duty(2, "负责房地产市场监管。")],
        units=[
            unit(1, "公用事业科", "负责城市供水、燃气、供热行业的日常监管。"),
            unit(2, "房地产科", "负责房地产市场监管。"),
        ],
        staffing=[staff("行政编制", 40)],
    )
    city = AgencyRecord(
        agency=BJ_C, duties=[duty(1, "负责建筑垃圾处置核准。")], staffing=[staff("行政编制", 60)]
    )
    left = derive_version(housing, records[BJ_H], agency=BJ_H, counterparts={BJ_C: city})
    joined = derive_version(city, records[BJ_C], agency=BJ_C, counterparts={BJ_H: housing})
    assert [u.name for u in left.record.units] == ["房地产科"]
    assert "负责城市供水、燃气、供热行业的日常监管。" in [d.text for d in joined.record.duties]
    assert left.unapplied == joined.unapplied == []
