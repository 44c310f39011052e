"""The real engines storage runs with: yange's parser, differ, amendment applier and transfer pairer."""

from __future__ import annotations

from functools import cache

from storage.engines import Engines, EventGroup, Pairing


def pair_transfers(groups: list[EventGroup]) -> list[Pairing]:
    from yange.diff import AgencyEvents, find_transfers  # numpy and scipy: only when a pass needs them

    events = [
        AgencyEvents(
            agency_id=g.agency_id,
            published_on=g.published_on,
            notice_id=g.notice_id,
            changes=g.changes,
            change_ids=g.change_ids,
        )
        for g in groups
    ]
    return [
        Pairing(str(t.source.change_id), str(t.target.change_id), t.to_change())
        for t in find_transfers(events)
    ]


@cache
def default_engines() -> Engines:
    from yange.amend.apply import derive_version
    from yange.diff import diff_snapshots
    from yange.parse import parse_bytes

    return Engines(
        differ=diff_snapshots, applier=derive_version, pair_transfers=pair_transfers, parser=parse_bytes
    )
