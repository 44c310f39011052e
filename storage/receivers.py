"""Receivers no notice describes: what the declarations of other agencies hand them.

A regulation may hand a duty to a body that no notice of its own, nor any amendment record,
describes (将口岸通关协调职责划给省口岸办 where 省口岸办 has no regulation yet). That body still gets
an agency (its id from the name key the declaration's notice gives the name, storage.identity) and
partial versions made from those declarations alone: one per date a declaration hands it duties,
each holding every duty handed to it up to that date. A handed duty is the giver's removed duty
that the declaration's evidence points at (its observed `duty_removed`, so the two ends pair as a
`transferred` event), else the declaration's own words. Once a notice or an amendment record
describes the body, its implied versions go (history.refresh rebuilds them from the stored set, so
every ingestion order gives the same rows).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb

from models import Notice


@dataclass(frozen=True)
class Handed:
    """One duty a declaration of `notice` hands to the body of name key `key`."""

    key: str
    published_on: dt.date
    notice: Notice
    text: str
    span: tuple[int, int]
    order: tuple[str, int, int]  # notice, the declaration's position, the duty's among its evidence


_DECLARED = """
select d.counterpart_key, d.published_on, d.notice_id, n.title, n.issuer, n.kind, d.agency_id,
       d.to_snapshot, d.seq, d.new_text, d.new_span_start, d.new_span_end, d.detail->'evidence'
from changes d join notices n using (notice_id)
where d.change_type = 'declared_adjustment' and d.detail->>'kind' = 'transferred_out'
  and d.published_on is not null
  and d.counterpart_key in (select unnest($1::varchar[]))
order by d.published_on, d.notice_id, d.seq
"""


def receiver_keys(con: duckdb.DuckDBPyConnection, agencies: set[str]) -> set[str]:
    """The name keys the declared transfers of `agencies` hand duties to, and the keys of the
    implied receivers among `agencies`."""
    rows = con.execute(
        """
        select counterpart_key from changes
        where agency_id in (select unnest($1::varchar[])) and change_type = 'declared_adjustment'
          and detail->>'kind' = 'transferred_out' and counterpart_key is not null
        union
        select agency_key from snapshots where implied and agency_id in (select unnest($1::varchar[]))
        """,
        [sorted(agencies)],
    ).fetchall()
    return {r[0] for r in rows}


def described(con: duckdb.DuckDBPyConnection, keys: set[str]) -> set[str]:
    """The keys a record (a version or an amendment record) names its agency by, or a sign of it
    (also one that two agencies carry)."""
    rows = con.execute(
        "SELECT name_key FROM agency_names WHERE via <> 'implied' AND name_key IN (SELECT unnest($1::VARCHAR[])) "
        "UNION SELECT name_key FROM shared_names WHERE name_key IN (SELECT unnest($1::VARCHAR[]))",
        [sorted(keys)],
    ).fetchall()
    return {r[0] for r in rows}


def handed(con: duckdb.DuckDBPyConnection, keys: set[str]) -> list[Handed]:
    """Every duty a declared transfer hands to one of `keys`, in date order."""
    rows = con.execute(_DECLARED, [sorted(keys)]).fetchall()
    if not rows:
        return []
    removed = {
        (r[0], r[1]): r[2]
        for r in con.execute(
            "SELECT to_snapshot, seq, old_text FROM changes WHERE change_type = 'duty_removed' "
            "AND agency_id IN (SELECT unnest($1::VARCHAR[])) AND to_snapshot IN (SELECT unnest($2::VARCHAR[]))",
            [sorted({r[6] for r in rows}), sorted({r[7] for r in rows})],
        ).fetchall()
    }
    out: list[Handed] = []
    for key, day, notice_id, title, issuer, kind, _, to_snapshot, seq, text, start, end, evidence in rows:
        notice = Notice(notice_id=notice_id, title=title or "?", issuer=issuer, kind=kind or "sanding")
        span = (start or 0, end or 0)
        texts = [
            removed[(to_snapshot, i)] for i in json.loads(evidence or "[]") if (to_snapshot, i) in removed
        ]
        for k, duty in enumerate(texts or [text]):
            out.append(Handed(key, day, notice, duty, span, (notice_id, seq, k)))
    return out
