"""Writes: store a parsed notice, record a rejection, rebuild everything from the raw bytes.

Each call is one transaction: a crash or an error part-way leaves the database as it was. Writes are
idempotent by notice_id (the sha256 of the normalised text): the same notice stored twice is stored
once, and a re-run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

import duckdb

from models import AgencyRecord, Notice, ParsedNotice
from storage import bulk, identity
from storage.engines import Engines
from storage.history import refresh, short_hash
from storage.rows import duty_rows, staffing_rows
from storage.tx import transaction, translated
from yange.errors import NoticeRejected, StorageError

_FORMER = re.compile(r"^原")


def store_notice(
    con: duckdb.DuckDBPyConnection,
    *,
    parsed: ParsedNotice,
    raw: bytes,
    source: str,
    engines: Engines,
    transfers: bool = True,
) -> Literal["new", "unchanged"]:
    """Store a notice, its snapshots, and the recomputed history of every agency it touches.

    `transfers=False` skips re-pairing the region's transfers (a bulk load then calls
    storage.link_transfers once at the end, which gives the same tables).
    """
    with translated():
        row = con.execute(
            "SELECT status FROM notices WHERE notice_id = ?", [parsed.notice.notice_id]
        ).fetchone()
    if row is not None and row[0] == "parsed":
        with transaction(con):  # another copy of a stored notice: only its source is new
            bulk.insert(con, "notice_sources", [_source_row(parsed, raw, source)], or_ignore=True)
        return "unchanged"
    with transaction(con):
        touched = _insert(con, [_rows(parsed=parsed, raw=raw, source=source)])
        refresh(con, touched=touched, engines=engines, transfers=transfers)
    return "new"


def store_notices(
    con: duckdb.DuckDBPyConnection, items: Iterable[tuple[ParsedNotice, bytes, str]], *, engines: Engines
) -> list[Literal["new", "unchanged"]]:
    """Store a batch of (parsed, raw, source) in ONE transaction with one history recomputation and
    one INSERT per table: the same tables as storing them one by one, much faster; but one failure
    rolls back the whole batch."""
    items = list(items)
    ids = sorted({parsed.notice.notice_id for parsed, _, _ in items})
    with translated():
        known = {
            r[0]
            for r in con.execute(
                "SELECT notice_id FROM notices WHERE status = 'parsed' AND notice_id IN (SELECT unnest(?::VARCHAR[]))",
                [ids],
            ).fetchall()
        }
    outcomes: list[Literal["new", "unchanged"]] = []
    fresh: dict[str, NoticeRows] = {}
    copies: list[dict[str, Any]] = []  # sources of notices already stored, or earlier in the batch
    for parsed, raw, source in items:
        notice_id = parsed.notice.notice_id
        if notice_id in known or notice_id in fresh:
            outcomes.append("unchanged")
            copies.append(_source_row(parsed, raw, source))
            continue
        fresh[notice_id] = _rows(parsed=parsed, raw=raw, source=source)
        outcomes.append("new")
    if fresh or copies:
        with transaction(con):
            if fresh:
                touched = _insert(con, list(fresh.values()))
                refresh(con, touched=touched, engines=engines)
            bulk.insert(con, "notice_sources", copies, or_ignore=True)
    return outcomes


def record_rejection(con: duckdb.DuckDBPyConnection, *, source: str, raw: bytes | None, reason: str) -> None:
    """Record a notice that could not be parsed (status 'rejected'); the same input is recorded once."""
    with transaction(con):
        _insert_rejection(con, source=source, raw=raw, reason=reason)


def rebuild(con: duckdb.DuckDBPyConnection, *, engines: Engines) -> dict[str, int]:
    """Re-parse every stored notice from its raw bytes (with `engines.parser`) and recompute
    snapshots and changes.

    One transaction: after a parser upgrade the whole history is replaced, or nothing is.
    """
    if engines.parser is None:
        raise StorageError("rebuild needs a parser (Engines.parser)")
    with translated():
        stored = con.execute(
            "SELECT notice_id, source, raw, ingested_at, status, reason FROM notices ORDER BY notice_id"
        ).fetchall()
    counts = {"notices": len(stored), "parsed": 0, "rejected": 0}
    renamed: dict[str, str] = {}  # old notice_id -> the id its raw bytes give now
    with transaction(con):
        for table in (
            "changes",
            "duties",
            "staffing",
            "lineage_claims",
            "snapshots",
            "agency_names",
            "agencies",
            "notices",
        ):
            con.execute(f"DELETE FROM {table}")
        fresh: dict[str, NoticeRows] = {}
        for old_id, source, raw, ingested_at, _status, reason in stored:
            if raw is None:
                renamed[old_id] = _insert_rejection(
                    con, source=source, raw=None, reason=reason or "unreadable", ingested_at=ingested_at
                )
                counts["rejected"] += 1
                continue
            try:
                parsed = engines.parser(bytes(raw), source=source)
            except NoticeRejected as exc:
                renamed[old_id] = _insert_rejection(
                    con, source=source, raw=bytes(raw), reason=str(exc), ingested_at=ingested_at
                )
                counts["rejected"] += 1
                continue
            renamed[old_id] = parsed.notice.notice_id
            if parsed.notice.notice_id in fresh:
                continue  # two raw forms of one notice now normalise to the same text
            fresh[parsed.notice.notice_id] = _rows(
                parsed=parsed, raw=bytes(raw), source=source, ingested_at=ingested_at
            )
            counts["parsed"] += 1
        _renumber_sources(con, renamed)
        refresh(con, touched=_insert(con, list(fresh.values())), engines=engines)
        for table in ("snapshots", "changes"):
            result = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(result[0]) if result else 0
    return counts


# ---------------------------------------------------------------------------------------------


NoticeRows = dict[str, list[dict[str, Any]]]  # table -> rows of one notice


def _insert(con: duckdb.DuckDBPyConnection, notices: list[NoticeRows]) -> list[str]:
    """Write the rows of several notices with one statement per table (replacing a rejection of the
    same bytes, or an earlier row of the same notice); returns their snapshot ids."""
    by_table: NoticeRows = defaultdict(list)
    for rows in notices:
        for table, table_rows in rows.items():
            by_table[table].extend(table_rows)
    raw_shas = [n["raw_sha256"] for n in by_table["notices"]]
    con.execute(
        "DELETE FROM notices WHERE status = 'rejected' AND raw_sha256 IN (SELECT unnest(?::VARCHAR[]))",
        [raw_shas],
    )
    bulk.delete_in(con, "notices", "notice_id", [n["notice_id"] for n in by_table["notices"]])
    for table in ("notices", "snapshots", "duties", "staffing", "lineage_claims"):
        bulk.insert(con, table, by_table[table])
    bulk.insert(con, "notice_sources", by_table["notice_sources"], or_ignore=True)
    return [s["snapshot_id"] for s in by_table["snapshots"]]


def _source_row(
    parsed: ParsedNotice, raw: bytes, source: str, seen_at: dt.datetime | None = None
) -> dict[str, Any]:
    """One copy of a notice: where it came from, when, and its own bytes' hash and title."""
    return {
        "notice_id": parsed.notice.notice_id,
        "source": source or parsed.notice.source,
        "first_seen": seen_at or dt.datetime.now(dt.UTC),
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "raw_bytes": len(raw),
        "title": parsed.notice.title,
    }


def _renumber_sources(con: duckdb.DuckDBPyConnection, renamed: dict[str, str]) -> None:
    """After a rebuild, point every kept source at the id its notice has now (two notices that now
    read the same become one, with the sources of both; each source keeps its first sighting)."""
    rows = con.execute(
        "SELECT notice_id, source, first_seen, raw_sha256, raw_bytes, title FROM notice_sources "
        "ORDER BY first_seen"
    ).fetchall()
    con.execute("DELETE FROM notice_sources")
    columns = ("notice_id", "source", "first_seen", "raw_sha256", "raw_bytes", "title")
    moved: dict[tuple[str, str], dict[str, Any]] = {}
    for notice_id, *rest in rows:
        row = dict(zip(columns, (renamed.get(notice_id, notice_id), *rest), strict=True))
        moved.setdefault((row["notice_id"], row["source"]), row)
    bulk.insert(con, "notice_sources", list(moved.values()))


def _rows(
    *, parsed: ParsedNotice, raw: bytes, source: str, ingested_at: dt.datetime | None = None
) -> NoticeRows:
    """The notice row and one snapshot (with its duty and staffing rows) per record."""
    notice = parsed.notice
    raw_sha = hashlib.sha256(raw).hexdigest()
    notice_row = {
        "notice_id": notice.notice_id,
        "title": notice.title,
        "doc_number": notice.doc_number,
        "issuer": notice.issuer,
        "published_on": notice.published_on,
        "source": source or notice.source,
        "ingested_at": ingested_at or dt.datetime.now(dt.UTC),
        "status": "parsed",
        "reason": None,
        "kind": notice.kind,
        "text": parsed.text,
        "raw": raw,
        "raw_sha256": raw_sha,
        "quality": parsed.quality.model_dump_json(),
    }
    region = identity.region_of_notice(notice)
    snapshots, duties, staffing, claims = [], [], [], []
    for seq, record in enumerate(parsed.records):
        snapshot_id = short_hash("snapshot", notice.notice_id, str(seq))
        record_json = record.model_dump_json()
        key = _key(record.agency, notice, region)
        snapshots.append(
            {
                "snapshot_id": snapshot_id,
                "agency_id": None,
                "notice_id": notice.notice_id,
                "record": record_json,
                "record_hash": hashlib.sha256(record_json.encode("utf-8")).hexdigest(),
                "derived": False,
                "partial": False,
                "base_snapshot": None,
                "amendment": notice.kind == "amendment",
                "counterpart_keys": sorted(
                    {_key(e.counterpart, notice, region) for e in record.effects if e.counterpart}
                ),
                "agency_key": key,
                "alias_keys": sorted({_key(a, notice, region) for a in record.aliases} - {key}),
                "display_name": identity.display_name(key),
                "seq": seq,
                "names": [record.agency, *record.aliases],
            }
        )
        duties += duty_rows(snapshot_id, record)
        staffing += staffing_rows(snapshot_id, record)
        claims += [
            {"snapshot_id": snapshot_id, "predecessor_key": _key(name, notice, region), "relation": relation}
            for name, relation in stated_predecessors(record)
        ]
    return {
        "notices": [notice_row],
        "notice_sources": [_source_row(parsed, raw, source, notice_row["ingested_at"])],
        "snapshots": snapshots,
        "duties": duties,
        "staffing": staffing,
        "lineage_claims": claims,
    }


def _key(name: str, notice: Notice, region: str) -> str:
    return identity.name_key(identity.qualified(name, notice), notice_region=region)


def stated_predecessors(record: AgencyRecord) -> list[tuple[str, str]]:
    """Lineage a notice states: duties taken over from a former body (从原…划入) and bodies that are
    no longer kept (不再保留…) inside this agency. Returns (predecessor name, relation)."""
    found: list[tuple[str, str]] = []
    for adjustment in record.adjustments:
        if (
            adjustment.kind == "transferred_in"
            and adjustment.counterpart
            and _FORMER.match(adjustment.counterpart)
        ):
            found.append((adjustment.counterpart, "duties_absorbed"))
    for effect in record.effects:
        if effect.type == "body_abolished" and effect.subject:
            found.append((effect.subject, "abolished_into"))
        elif (
            effect.type == "duty_transferred_in" and effect.counterpart and _FORMER.match(effect.counterpart)
        ):
            found.append((effect.counterpart, "duties_absorbed"))
    return sorted(set(found))


def _insert_rejection(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    raw: bytes | None,
    reason: str,
    ingested_at: dt.datetime | None = None,
) -> str:
    """Record a rejection (once per input); returns its notice_id."""
    digest = hashlib.sha256(raw if raw is not None else f"rejected|{source}|{reason}".encode()).hexdigest()
    if con.execute("SELECT 1 FROM notices WHERE notice_id = ?", [digest]).fetchone():
        return digest
    bulk.insert(
        con,
        "notices",
        [
            {
                "notice_id": digest,
                "title": None,
                "source": source,
                "ingested_at": ingested_at or dt.datetime.now(dt.UTC),
                "status": "rejected",
                "reason": reason,
                "raw": raw,
                "raw_sha256": hashlib.sha256(raw).hexdigest() if raw is not None else None,
            }
        ],
    )
    return digest
