"""Writes: store a parsed notice, record a rejection, rebuild everything from the raw bytes.

Each call is one transaction: a crash or an error part-way leaves the database as it was. Writes are
idempotent by notice_id (the sha256 of the normalised text): the same notice stored twice is stored
once, and a re-run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

import duckdb

from models import AgencyRecord, Notice, ParsedNotice
from storage import bulk, identity, lineage, raw_bytes
from storage.engines import Engines
from storage.history import refresh, short_hash
from storage.keys import KEYS
from storage.rows import duty_rows, staffing_rows
from storage.tx import transaction, translated
from yange.errors import NoticeRejected, StorageError


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
            bulk.insert_missing(
                con, "notice_sources", [_source_row(parsed, raw, source)], key=KEYS["notice_sources"]
            )
        return "unchanged"
    with transaction(con):
        touched = _insert(con, [_rows(parsed=parsed, raw=raw, source=source, engines=engines)])
        refresh(con, touched=touched, engines=engines, transfers=transfers, records=_records([parsed]))
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
    parsed_fresh: dict[str, ParsedNotice] = {}
    copies: list[dict[str, Any]] = []  # sources of notices already stored, or earlier in the batch
    for parsed, raw, source in items:
        notice_id = parsed.notice.notice_id
        if notice_id in known or notice_id in fresh:
            outcomes.append("unchanged")
            copies.append(_source_row(parsed, raw, source))
            continue
        fresh[notice_id] = _rows(parsed=parsed, raw=raw, source=source, engines=engines)
        parsed_fresh[notice_id] = parsed
        outcomes.append("new")
    if fresh or copies:
        with transaction(con):
            if fresh:
                touched = _insert(con, list(fresh.values()))
                refresh(con, touched=touched, engines=engines, records=_records(parsed_fresh.values()))
            bulk.insert_missing(con, "notice_sources", copies, key=KEYS["notice_sources"])
    return outcomes


def record_rejection(con: duckdb.DuckDBPyConnection, *, source: str, raw: bytes | None, reason: str) -> None:
    """Record a notice that could not be parsed (status 'rejected'); the same input is recorded once."""
    with transaction(con):
        _insert_rejection(con, source=source, raw=raw, reason=reason)


# Notices re-parsed and stored per step of a rebuild: its memory is that of one such batch, not of
# the history (the same size as an ingest's store batch, flows.stages.BATCH_SIZE).
REBUILD_BATCH = 100


def rebuild(con: duckdb.DuckDBPyConnection, *, engines: Engines) -> dict[str, int]:
    """Re-parse every stored notice from its raw bytes (with `engines.parser`) and recompute
    snapshots and changes.

    One transaction: after a parser upgrade the whole history is replaced, or nothing is. The
    notices are read, parsed and stored batch by batch, as an ingest stores them (which gives the
    same tables in any order), so memory does not grow with the history.
    """
    if engines.parser is None:
        raise StorageError("rebuild needs a parser (Engines.parser)")
    counts = {"notices": 0, "parsed": 0, "rejected": 0}
    renamed: dict[str, str] = {}  # old notice_id -> the id its raw bytes give now
    with transaction(con):
        con.execute(
            "CREATE OR REPLACE TEMP TABLE rebuild_queue AS SELECT notice_id, source, raw, raw_deflated, "
            "ingested_at, status, reason FROM notices"
        )
        for table in (
            "changes",
            "duties",
            "staffing",
            "lineage_claims",
            "snapshots",
            "amendment_records",
            "superseded_records",
            "name_forms",
            "agency_names",
            "shared_names",
            "agencies",
            "notices",
        ):
            con.execute(f"DELETE FROM {table}")
        stored: set[str] = set()
        after = ""
        while batch := _queued(con, after=after):
            after = batch[-1][0]
            fresh: dict[str, NoticeRows] = {}
            parsed_batch: list[ParsedNotice] = []
            for old_id, source, plain, deflated, ingested_at, _status, reason in batch:
                counts["notices"] += 1
                raw = raw_bytes.unpack(plain, deflated)
                if raw is None:
                    renamed[old_id] = _insert_rejection(
                        con, source=source, raw=None, reason=reason or "unreadable", ingested_at=ingested_at
                    )
                    counts["rejected"] += 1
                    continue
                try:
                    parsed = engines.parser(raw, source=source)
                except NoticeRejected as exc:
                    renamed[old_id] = _insert_rejection(
                        con, source=source, raw=raw, reason=str(exc), ingested_at=ingested_at
                    )
                    counts["rejected"] += 1
                    continue
                notice_id = renamed[old_id] = parsed.notice.notice_id
                if notice_id in stored or notice_id in fresh:
                    continue  # two raw forms of one notice now normalise to the same text
                fresh[notice_id] = _rows(
                    parsed=parsed, raw=raw, source=source, ingested_at=ingested_at, engines=engines
                )
                parsed_batch.append(parsed)
                counts["parsed"] += 1
            if fresh:
                stored.update(fresh)
                touched = _insert(con, list(fresh.values()))
                refresh(con, touched=touched, engines=engines, records=_records(parsed_batch))
        lineage.materialise(con)  # the links of notices that are gone go too
        con.execute("DROP TABLE rebuild_queue")
        _renumber_sources(con, renamed)
        for table in ("snapshots", "changes"):
            result = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(result[0]) if result else 0
    return counts


def _queued(con: duckdb.DuckDBPyConnection, *, after: str) -> list[tuple[Any, ...]]:
    """The next batch of a rebuild's notices, in notice_id order."""
    with translated():
        return con.execute(
            "SELECT * FROM rebuild_queue WHERE notice_id > ? ORDER BY notice_id LIMIT ?",
            [after, REBUILD_BATCH],
        ).fetchall()


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
    for table in ("notices", "snapshots", "amendment_records", "duties", "staffing", "lineage_claims"):
        bulk.insert(con, table, by_table[table])
    bulk.insert_missing(con, "notice_sources", by_table["notice_sources"], key=KEYS["notice_sources"])
    _insert_name_forms(con, by_table["name_forms"])
    return [s["snapshot_id"] for s in by_table["snapshots"]] + [
        r["record_id"] for r in by_table["amendment_records"]
    ]


def _snapshot_id(notice_id: str, seq: int) -> str:
    """The id of a notice's seq-th record (a snapshot, or an amendment record)."""
    return short_hash("snapshot", notice_id, str(seq))


def _records(notices: Iterable[ParsedNotice]) -> dict[str, AgencyRecord]:
    """The records of parsed notices by the ids they are stored under: the history is recomputed
    from these objects, not from their JSON read back."""
    return {
        _snapshot_id(p.notice.notice_id, seq): record for p in notices for seq, record in enumerate(p.records)
    }


def _insert_name_forms(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Add the names not yet recorded in their context (a name's key is a pure function of the name,
    its context and the vocabulary, so the first row written is the row any order writes)."""
    unique = {(r["name"], r["context"]): r for r in rows}
    if not unique:
        return
    names = sorted({name for name, _ in unique})
    stored = set(
        con.execute(
            "SELECT name, context FROM name_forms WHERE name IN (SELECT unnest(?::VARCHAR[]))", [names]
        ).fetchall()
    )
    bulk.insert(con, "name_forms", [r for k, r in sorted(unique.items()) if k not in stored])


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
    *,
    parsed: ParsedNotice,
    raw: bytes,
    source: str,
    engines: Engines,
    ingested_at: dt.datetime | None = None,
) -> NoticeRows:
    """The notice row; one snapshot (with its duty and staffing rows) per record, or for an
    amendment one `amendment_records` row (its effects are no version); the names it writes and
    the lineage it states."""
    notice = parsed.notice
    source_row = _source_row(parsed, raw, source, ingested_at or dt.datetime.now(dt.UTC))
    notice_row = {
        "notice_id": notice.notice_id,
        "title": notice.title,
        "doc_number": notice.doc_number,
        "issuer": notice.issuer,
        "published_on": notice.published_on,
        "source": source or notice.source,
        "ingested_at": source_row["first_seen"],
        "status": "parsed",
        "reason": None,
        "kind": notice.kind,
        "text": parsed.text,
        "raw_deflated": raw_bytes.pack(raw),
        "raw_sha256": source_row["raw_sha256"],
        "quality": parsed.quality.model_dump_json(),
    }
    names = _Names(notice)
    out: NoticeRows = {
        "notices": [notice_row],
        "notice_sources": [source_row],
    }
    keys: list[str] = []
    ids: list[str] = []
    for seq, record in enumerate(parsed.records):
        snapshot_id = _snapshot_id(notice.notice_id, seq)
        record_json = record.model_dump_json()
        key = names.key(record.agency)
        keys.append(key)
        ids.append(snapshot_id)
        row = {
            "agency_id": None,
            "notice_id": notice.notice_id,
            "record": record_json,
            "record_hash": hashlib.sha256(record_json.encode("utf-8")).hexdigest(),
            "counterpart_keys": sorted({names.key(e.counterpart) for e in record.effects if e.counterpart}),
            "agency_key": key,
            "alias_keys": sorted({names.key(a) for a in record.aliases} - {key}),
            "display_name": identity.display_name(key),
            "seq": seq,
            "names": [record.agency, *record.aliases],
        }
        for adjustment in record.adjustments:
            if adjustment.counterpart:
                names.key(adjustment.counterpart)
        if notice.kind == "amendment":
            out.setdefault("amendment_records", []).append(
                {"record_id": snapshot_id, "published_on": notice.published_on, **row}
            )
            continue
        out.setdefault("snapshots", []).append(
            {"snapshot_id": snapshot_id, "derived": False, "partial": False, "base_snapshot": None,
             "amendment": False, **row}
        )  # fmt: skip
        out.setdefault("duties", []).extend(duty_rows(snapshot_id, record))
        out.setdefault("staffing", []).extend(staffing_rows(snapshot_id, record))
    claims = engines.lineage(parsed) if engines.lineage else []
    out["lineage_claims"] = [
        {
            "snapshot_id": ids[c.record] if c.record is not None else None,
            "notice_id": notice.notice_id,
            "predecessor_key": names.key(c.predecessor),
            "successor_key": names.key(c.successor) if c.successor else keys[c.record],
            "relation": c.relation,
            "effective_date": notice.published_on,
        }
        for c in claims
        if c.successor or (c.record is not None and c.record < len(keys))
    ]
    out["name_forms"] = names.rows
    return out


class _Names:
    """Keys of the names one notice writes, and a `name_forms` row for each (how it was resolved)."""

    def __init__(self, notice: Notice) -> None:
        self.notice = notice
        self.context = identity.context_of_notice(notice)
        self.rows: list[dict[str, Any]] = []

    def key(self, name: str) -> str:
        resolution = identity.resolve_name(identity.qualified(name, self.notice), self.context)
        self.rows.append(
            {
                "name": name,
                "context": self.context.label,
                "name_key": resolution.key,
                "how": resolution.how,
                "level": resolution.level,
            }
        )
        return resolution.key


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
                "raw_deflated": raw_bytes.pack(raw),
                "raw_sha256": hashlib.sha256(raw).hexdigest() if raw is not None else None,
            }
        ],
    )
    return digest
