"""find_transfers: a duty leaving one agency and arriving in another is one `transferred` event."""

from __future__ import annotations

import datetime as dt

from models import Change
from tests.diff.make_pairs import transfer_out_in
from yange.diff import AgencyEvents, diff_snapshots, find_transfers
from yange.diff.labels import event_key
from yange.settings import Settings

PORT_DUTY = (
    "起草并组织实施我省口岸工作的政策、规划，负责协调口岸查验机构，推动建立大通关工作机制，推进电子口岸建设。"
)
PORT_OFFICE = "省人民政府口岸与电子口岸工作办公室"


def _removed(text: str) -> Change:
    return Change(change_type="duty_removed", old_text=text, old_span=(10, 10 + len(text)))


def _added(text: str) -> Change:
    return Change(change_type="duty_added", new_text=text, new_span=(20, 20 + len(text)))


def test_transfer_between_two_agencies_from_real_diffs() -> None:
    old, new = transfer_out_in()
    giver = diff_snapshots(old, new)
    receiver = [
        _added(PORT_DUTY.replace("起草并组织实施我省", "负责起草并组织实施全省")),
        _added("承办省政府交办的其他事项。"),
    ]
    events = [
        AgencyEvents(
            agency_id="foreign-trade", published_on=dt.date(2010, 5, 29), changes=giver, notice_id="n1"
        ),
        AgencyEvents(
            agency_id="port-office", published_on=dt.date(2010, 7, 1), changes=receiver, notice_id="n2"
        ),
    ]
    [transfer] = find_transfers(events)
    removed = next(
        k for k, c in enumerate(giver) if event_key(c) == ("duty_removed", "duty", None, "12", None)
    )
    assert (transfer.source.agency_id, transfer.source.change_index) == ("foreign-trade", removed)
    assert (transfer.target.agency_id, transfer.target.change_index) == ("port-office", 0)
    assert transfer.days_apart == 33 and transfer.similarity >= 0.6
    change = transfer.to_change()
    assert change.change_type == "transferred"
    assert change.old_text == giver[removed].old_text and change.new_text == receiver[0].new_text
    assert change.detail["from_agency"] == "foreign-trade" and change.detail["to_notice"] == "n2"
    assert change.old_span == giver[removed].old_span and change.new_span == receiver[0].new_span


def test_window_threshold_and_same_agency_are_respected() -> None:
    rows = [
        ("a", dt.date(2010, 1, 1), _removed(PORT_DUTY)),
        ("b", dt.date(2012, 6, 1), _added(PORT_DUTY)),  # 2.4 years later: outside the window
        ("a", dt.date(2010, 3, 1), _added(PORT_DUTY)),  # same agency: a rewording, not a transfer
        ("c", dt.date(2010, 2, 1), _added("负责全省开发区的综合协调和日常管理工作。")),  # different duty
    ]
    events = AgencyEvents.from_rows(rows)
    assert find_transfers(events) == []
    wide = Settings(transfer_window_days=1000)
    [transfer] = find_transfers(events, settings=wide)
    assert (transfer.source.agency_id, transfer.target.agency_id) == ("a", "b")


def test_one_duty_arrives_in_one_place_only() -> None:
    rows = [
        ("a", dt.date(2010, 1, 1), _removed(PORT_DUTY), 1),
        ("b", dt.date(2010, 2, 1), _added(PORT_DUTY), 2),
        ("c", dt.date(2010, 2, 1), _added(PORT_DUTY.replace("推进电子口岸建设", "")), 3),
    ]
    [transfer] = find_transfers(AgencyEvents.from_rows(rows))
    assert (transfer.target.agency_id, transfer.source.change_id, transfer.target.change_id) == ("b", 1, 2)


def test_from_rows_groups_by_agency_and_date_in_order() -> None:
    rows = [
        ("a", dt.date(2010, 1, 1), _removed("甲")),
        ("b", None, _added("乙")),
        ("a", dt.date(2010, 1, 1), _added("丙")),
    ]
    groups = AgencyEvents.from_rows(rows)
    assert [(g.agency_id, [c.change_type for c in g.changes]) for g in groups] == [
        ("a", ["duty_removed", "duty_added"]),
        ("b", ["duty_added"]),
    ]
    assert find_transfers(groups) == []  # an undated version has no window
