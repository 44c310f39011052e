"""Duties cut in two or folded together say so in their events' detail, as units do."""

from __future__ import annotations

from models import AgencyRecord, Duty
from yange.diff import diff_snapshots

# Derived wording, in the genre of a 三定 duty list.
OPENING = "贯彻执行国家对外经贸的法律、法规和政策。"
COOPERATION = "负责全省对外经济合作工作，依法管理和监督境外投资、对外承包工程和对外劳务合作"
PROTECTION = "承担我省境外劳务人员的权益保护工作，牵头处置境外劳务纠纷和突发事件"
TALENT = "起草并组织实施全省外经贸人才规划。"
CLOSING = "承办省委、省政府交办的其他事项。"


def record(*texts: str) -> AgencyRecord:
    duties = [Duty(ordinal=k, text=t, span=(k * 100, k * 100 + len(t))) for k, t in enumerate(texts, start=1)]
    return AgencyRecord(agency="某厅", duties=duties)


def partners(old: AgencyRecord, new: AgencyRecord) -> list[tuple[str, dict[str, object]]]:
    keys = ("old_ordinal", "new_ordinal", "split_into", "split_from", "merged_into", "merged_from")
    return [
        (c.change_type, {k: c.detail[k] for k in keys if k in c.detail}) for c in diff_snapshots(old, new)
    ]


def test_a_duty_cut_in_two_names_both_parts() -> None:
    old = record(OPENING, f"{COOPERATION}；{PROTECTION}。", CLOSING)
    new = record(OPENING, f"{COOPERATION}。", f"{PROTECTION}。", CLOSING)
    found = partners(old, new)
    assert ("duty_added", {"new_ordinal": "3", "split_from": "2"}) in found
    assert ("duty_reworded", {"old_ordinal": "2", "new_ordinal": "2", "split_into": ["2", "3"]}) in found


def test_duties_folded_together_name_each_other() -> None:
    old = record(OPENING, f"{COOPERATION}。", f"{PROTECTION}。", CLOSING)
    new = record(OPENING, f"{COOPERATION}；{PROTECTION}。", CLOSING)
    found = partners(old, new)
    assert ("duty_removed", {"old_ordinal": "3", "merged_into": "2"}) in found
    assert ("duty_reworded", {"old_ordinal": "2", "new_ordinal": "2", "merged_from": ["2", "3"]}) in found


def test_a_new_duty_merely_like_a_clause_is_no_part() -> None:
    """组织实施…促进活动 in a new duty resembles a clause of a reworded one without coming from it."""
    old = record(OPENING, "与境外投资促进机构进行联系与交流；组织实施双边投资促进机构有关活动。", TALENT)
    new = record(
        OPENING, "与境外投资促进机构进行联系与交流。", TALENT, "策划并组织实施境内外大型投资促进活动。"
    )
    assert all(set(detail) <= {"old_ordinal", "new_ordinal"} for _, detail in partners(old, new))
