"""The real engines storage runs with: yange's parser, differ, amendment applier, transfer pairer and
lineage reader."""

from __future__ import annotations

from functools import cache

from models import AgencyRecord, Change, ParsedNotice
from storage.engines import End, Engines, EventGroup, Pairing, Succession


def pair_transfers(groups: list[EventGroup]) -> list[Pairing]:
    from yange.diff import AgencyEvents, find_transfers  # numpy: only when a pass needs them

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


def transfer_neighbours(ends: list[End], pool: list[End]) -> list[tuple[str, str]]:
    from yange.diff.transfers import could_pair

    found: list[tuple[str, str]] = []
    for sources, targets in (
        ([e for e in ends if e.removed], [e for e in pool if not e.removed]),
        ([e for e in pool if e.removed], [e for e in ends if not e.removed]),
    ):
        found += [(sources[i].change_id, targets[j].change_id) for i, j in could_pair(sources, targets)]
    return found


def read_lineage(parsed: ParsedNotice) -> list[Succession]:
    from yange.parse.lineage import successions

    return [Succession(*s) for s in successions(parsed)]


def diff_versions(old: AgencyRecord | None, new: AgencyRecord) -> list[Change]:
    """The differ of a history: consecutive versions come from different notices, so every
    declaration of the later one is its event (issue 14: a repeated declaration is not dropped)."""
    from yange.diff import diff_snapshots

    return diff_snapshots(old, new, every_declaration=True)


@cache
def default_engines() -> Engines:
    from yange.amend.apply import derive_version
    from yange.parse import parse_bytes

    return Engines(
        differ=diff_versions,
        applier=derive_version,
        pair_transfers=pair_transfers,
        transfer_neighbours=transfer_neighbours,
        parser=parse_bytes,
        lineage=read_lineage,
    )
