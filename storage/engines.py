"""The pure engines storage calls but does not own: the parser (for rebuild), the differ, the
amendment applier, the transfer pairer and the lineage reader. Callers (flows, the CLI) pass them in, so `storage`
depends on no parsing or diffing code (tests/test_layers.py holds the line); flows/engines.py
builds the real ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from models import AgencyRecord, Change, ParsedNotice

# diff(old version or None, new version) -> its change events, in order.
Differ = Callable[[AgencyRecord | None, AgencyRecord], list[Change]]
# parse(raw bytes, source=...) -> the parsed notice (raises NoticeRejected).
Parser = Callable[..., ParsedNotice]


class Derivation(Protocol):
    """What deriving an amended version gives (yange.amend.apply.Derived)."""

    record: AgencyRecord
    partial: bool
    warnings: list[str]
    abolished: bool


# derive(base, amendment, agency=name, counterparts={name: record}) -> Derivation.
Applier = Callable[..., Derivation]


@dataclass(frozen=True)
class EventGroup:
    """One agency's observed duty changes at one date: what transfers are paired from."""

    agency_id: str
    published_on: dt.date
    notice_id: str
    changes: list[Change]
    change_ids: list[str]


@dataclass(frozen=True)
class Pairing:
    """A duty that left one agency (`source_change_id`, a duty_removed) and arrived in another."""

    source_change_id: str
    target_change_id: str
    change: Change


TransferPairer = Callable[[list[EventGroup]], list[Pairing]]


@dataclass(frozen=True)
class End:
    """One dated end a transfer may be made of: a duty_removed (`removed`) or duty_added row."""

    change_id: str
    agency_id: str
    region: str
    published_on: dt.date
    removed: bool
    text: str


# neighbours(ends, pool) -> (removed change_id, added change_id) of every end and pool end the pairer
# could pair: how storage finds the ends a write may re-pair without pairing a whole region.
TransferNeighbours = Callable[[list[End], list[End]], list[tuple[str, str]]]


@dataclass(frozen=True)
class Succession:
    """A lineage link a notice states, by names as it writes them (yange.parse.lineage)."""

    predecessor: str
    successor: str | None  # None: the agency of record `record`
    relation: str
    record: int | None = None  # index of the record it is stated in


# successions(parsed notice) -> the lineage links it states.
LineageReader = Callable[[ParsedNotice], list[Succession]]


@dataclass(frozen=True)
class Engines:
    differ: Differ
    applier: Applier | None = None  # None: amendment records stay unapplied
    pair_transfers: TransferPairer | None = None  # None: no cross-agency `transferred` events
    transfer_neighbours: TransferNeighbours | None = None  # needed with pair_transfers
    parser: Parser | None = None  # needed by `rebuild` only
    lineage: LineageReader | None = None  # None: notices state no lineage
