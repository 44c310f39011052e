"""All data access of the dashboard: the only module that imports `storage`.

Pages call these functions and lay out what they return. Every query is cached for TTL seconds
with `st.cache_data`, keyed by the database path, so a rerun of a page costs no query. Connections
share one read-only connection per published file (`storage.open_reader`): a writer works on a
private file and renames it into place, so holding the old file blocks nobody; when the file's mtime
changes, the caches and the connection are dropped and the next query opens the new file. Opening
costs about 90 ms on the 1,000,000-row history, so one connection per query would cost the first
page most of its time budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import streamlit as st

import storage
from dashboard import queries
from dashboard.compare import Reconciliation, Row, align, reconcile
from models import AgencyRecord
from storage.db import translated
from yange.errors import StorageError
from yange.settings import get_settings

TTL = 60
SQL_ROW_LIMIT = 10_000
# Address space a sandbox may use beyond DuckDB's memory limit: Python, Arrow and the libraries.
SQL_HEADROOM_MB = 768
SQLBOX = Path(__file__).with_name("sqlbox.py")
DEFAULT_DB = "data/yange.duckdb"

DbStatus = Literal["missing", "empty", "unreadable", "ready"]
Op = tuple[str, str]


class QueryRefused(ValueError):
    """A statement the read-only SQL page will not run; the message says why."""


def db_path(argv: Sequence[str] | None = None) -> str:
    """`--db PATH` after `streamlit run dashboard/app.py --`, else $YANGE_DB, else the default."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    known, _ = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    return str(known.db or os.environ.get("YANGE_DB") or DEFAULT_DB)


_seen: dict[str, float] = {}


def forget_if_changed(db: str) -> bool:
    """Drop every cached query when the history has been written since the last look, so a
    finished ingest shows at once rather than after TTL. Returns whether it did."""
    stamp = _mtime(Path(db))  # each publication renames a new file into place: a new mtime
    changed = db in _seen and _seen[db] != stamp
    _seen[db] = stamp
    if changed:
        st.cache_data.clear()
        _connection.clear()
    return changed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(db: str, stamp: float) -> Any:
    """The shared connection to `db` as published at `stamp` (its mtime)."""
    return storage.open_reader(Path(db))


@contextmanager
def _reader(db: str) -> Iterator[Any]:
    """A cursor of the shared connection: its own state, safe to use from this thread only."""
    con = _connection(db, _mtime(Path(db))).cursor()
    try:
        yield con
    finally:
        con.close()


def _frame(db: str, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Rows as a DataFrame; through Arrow so that DATE columns stay dates (not midnight timestamps)."""
    with _reader(db) as con, translated():
        return con.sql(sql, params=params or {}).to_arrow_table().to_pandas()


def _row(db: str, sql: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The first row as plain Python values (NULL stays None; pandas would make it NaN)."""
    with _reader(db) as con, translated():
        cursor = con.execute(sql, params or {})
        rows = cursor.fetchall()
        names = [d[0] for d in cursor.description or []]
    return dict(zip(names, rows[0], strict=True)) if rows else None


@st.cache_data(ttl=10, show_spinner=False)
def status(db: str) -> tuple[DbStatus, str]:
    """`missing` (no file), `empty` (nothing ingested yet), `unreadable` (with the reason) or `ready`."""
    if not Path(db).is_file():
        return "missing", ""
    try:
        with _reader(db) as con, translated():
            count = con.execute(queries.NOTICE_COUNT).fetchall()[0][0]
    except StorageError as exc:
        return "unreadable", str(exc).splitlines()[0]
    return ("ready" if count else "empty"), ""


@dataclass(frozen=True)
class Options:
    agencies: dict[str, str]  # agency_id -> name
    regions: list[str]
    change_types: list[str]
    first_day: dt.date | None
    last_day: dt.date | None


@st.cache_data(ttl=TTL, show_spinner=False)
def options(db: str) -> Options:
    """Choices for the filters of the timeline and changes pages: what the history holds."""
    agencies = _frame(db, queries.FILTER_AGENCIES)
    regions = _frame(db, queries.FILTER_REGIONS)["region"].tolist()
    types = _frame(db, queries.FILTER_CHANGE_TYPES)["change_type"].tolist()
    with _reader(db) as con, translated():
        first, last = con.execute(queries.DATE_RANGE).fetchall()[0]
    return Options(
        dict(zip(agencies["agency_id"], agencies["name"], strict=True)),
        regions,
        types,
        first,
        last,
    )


def _event_params(
    agencies: Sequence[str],
    regions: Sequence[str],
    types: Sequence[str],
    start: dt.date | None,
    end: dt.date | None,
) -> dict[str, Any]:
    return {
        "agencies": list(agencies),
        "regions": list(regions),
        "types": list(types),
        "start": start,
        "end": end,
    }


@dataclass(frozen=True)
class Timeline:
    agencies: pd.DataFrame  # the agencies shown: agency_id, agency, versions, events
    events: pd.DataFrame  # per agency, day and change type
    versions: pd.DataFrame  # one row per version of the agencies shown
    totals: dict[str, int]  # agencies, versions, events within the filters (all of them, not only shown)


@st.cache_data(ttl=TTL, show_spinner=False)
def timeline(
    db: str,
    agencies: Sequence[str] = (),
    regions: Sequence[str] = (),
    types: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    top: int = 40,
) -> Timeline:
    """The `top` agencies with most versions and events within the filters, with or without events."""
    params = _event_params(agencies, regions, types, start, end)
    shown = _frame(db, queries.TIMELINE_AGENCIES, {**params, "top": top})
    ids = shown["agency_id"].tolist()
    events = _frame(db, queries.TIMELINE_EVENTS, {**params, "shown": ids})
    versions = _frame(db, queries.TIMELINE_VERSIONS, {"agencies": ids, "start": start, "end": end})
    unfiltered = not (agencies or regions or types or start or end)
    totals = (
        _row(db, queries.TIMELINE_TOTALS_ALL) if unfiltered else _row(db, queries.TIMELINE_TOTALS, params)
    ) or {}
    return Timeline(shown, events, versions, {k: int(v or 0) for k, v in totals.items()})


def level_of(name: str, region: str) -> str:
    """central / province / city / county: the level of government an agency belongs to, from its
    region and the place its name begins with (the history stores no level of its own)."""
    if region == "中央":
        return "central"
    head = name[: name.find(region) + len(region) + 4] if region in name else name[:8]
    if "县" in head or ("区" in head and "市" in head):
        return "county"
    if "市" in head and "省" not in head and "自治区" not in head:
        return "city"
    return "province"


@st.cache_data(ttl=TTL, show_spinner=False)
def directory(db: str) -> pd.DataFrame:
    """Every agency once: agency_id, name, region, level, versions, and `known_as` (aliases and former
    names, without the name itself) for the picker's search."""
    frame = _frame(db, queries.AGENCY_DIRECTORY)
    known = []
    for name, *lists in zip(
        frame["name"], frame["aliases"], frame["former"], frame["record_names"], strict=True
    ):
        seen = dict.fromkeys(str(n) for values in lists if values is not None for n in values)
        seen.pop(name, None)
        known.append(list(seen))
    frame["known_as"] = known
    frame["level"] = [level_of(n, r) for n, r in zip(frame["name"], frame["region"], strict=True)]
    return frame.drop(columns=["aliases", "former", "record_names"])


def find_in_directory(
    directory: pd.DataFrame, *, q: str = "", region: str = "", level: str = ""
) -> pd.DataFrame:
    """The agencies of `directory` in the region and level (empty: any) whose name, alias or former
    name contains `q`, ordered by region, level and name."""
    found = directory
    if region:
        found = found[found["region"] == region]
    if level:
        found = found[found["level"] == level]
    if q.strip():
        needle = q.strip()
        found = found[[needle in name or any(needle in k for k in known)
                       for name, known in zip(found["name"], found["known_as"], strict=True)]]  # fmt: skip
    return found.sort_values(["region", "level", "name"], kind="stable")


@dataclass(frozen=True)
class Round:
    # giver, receiver, how (observed/declared), section, text, notice_id, title, published_on, and for
    # section 'staffing' the posts that move ({category: count}); every other row is one duty or unit.
    flows: pd.DataFrame
    created: pd.DataFrame  # agencies whose first version falls in the period
    lineage: pd.DataFrame  # merged / renamed / split / abolished links effective in the period


def round_arrows(flows: pd.DataFrame) -> pd.DataFrame:
    """One row per giver, receiver and kind (observed/declared): `count` duties and units, `staff` the
    posts moving with them ({category: total}), `notices` the notices that say so."""
    arrows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in flows.itertuples():
        arrow = arrows.setdefault(
            (str(row.giver), str(row.receiver), str(row.how)), {"count": 0, "staff": {}, "notices": []}
        )
        if row.section == "staffing" and isinstance(row.staff, dict):
            for category, n in row.staff.items():
                arrow["staff"][category] = arrow["staff"].get(category, 0) + int(n)
        else:
            arrow["count"] += 1
        if row.notice_id not in arrow["notices"]:
            arrow["notices"].append(row.notice_id)
    return pd.DataFrame(
        [{"giver": g, "receiver": r, "how": h, **v} for (g, r, h), v in arrows.items()],
        columns=["giver", "receiver", "how", "count", "staff", "notices"],
    )


@st.cache_data(ttl=TTL, show_spinner=False)
def reform_round(db: str, regions: Sequence[str], start: dt.date | None, end: dt.date | None) -> Round:
    """Who gave what to whom in a region and period, and which agencies came and went."""
    from storage.identity import display_name

    params = {"regions": list(regions), "start": start, "end": end}
    lineage = _frame(db, queries.ROUND_LINEAGE, params)
    for side in ("predecessor", "successor"):  # a body no notice defines is named by its key region|name
        lineage[side] = [display_name(v) if isinstance(v, str) and "|" in v else v for v in lineage[side]]
    flows = _frame(db, queries.ROUND_TRANSFERS, params).assign(staff=None)
    staff = [
        {"giver": row.agency, "receiver": effect.counterpart, "how": "declared", "section": "staffing",
         "text": effect.text, "notice_id": row.notice_id, "title": row.title, "published_on": row.published_on,
         "staff": dict(effect.counts)}
        for row in _frame(db, queries.ROUND_AMENDMENTS, params).itertuples()
        for effect in _as_record(row.record).effects
        # the giver's end only: the receiver's record states the same posts arriving
        if effect.type == "staffing_transferred_out" and effect.counterpart and effect.counts
    ]  # fmt: skip
    if staff:
        flows = pd.concat([flows, pd.DataFrame(staff)], ignore_index=True)
    return Round(flows, _frame(db, queries.ROUND_CREATED, params), lineage)


@st.cache_data(ttl=TTL, show_spinner=False)
def changes(
    db: str,
    agencies: Sequence[str] = (),
    regions: Sequence[str] = (),
    types: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_similarity: float | None = None,
    limit: int = 5_000,
) -> pd.DataFrame:
    params = _event_params(agencies, regions, types, start, end)
    return _frame(db, queries.CHANGES_TABLE, {**params, "min_similarity": min_similarity, "limit": limit})


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV with a byte-order mark, so spreadsheet programs read the Chinese text as UTF-8."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


# Stands for "no agency matched" in an agency filter (an empty list means no filter at all).
NO_AGENCY = ""


@st.cache_data(ttl=TTL, show_spinner=False)
def match_agencies(db: str, q: str) -> tuple[str, ...]:
    """Ids of the agencies whose name or an alias contains `q`; () for an empty `q`, and
    (NO_AGENCY,) when nothing matches, so that the filter then matches nothing."""
    if not q.strip():
        return ()
    ids = tuple(_frame(db, queries.MATCH_AGENCIES, {"q": q.strip()})["agency_id"])
    return ids or (NO_AGENCY,)


@st.cache_data(ttl=TTL, show_spinner=False)
def agency(db: str, agency_id: str) -> dict[str, Any] | None:
    row = _row(db, queries.AGENCY, {"agency_id": agency_id})
    if row is not None:
        row["aliases"] = [str(a) for a in row["aliases"] or [] if a != row["name"]]
    return row


@st.cache_data(ttl=TTL, show_spinner=False)
def versions(db: str, agency_id: str) -> pd.DataFrame:
    return _frame(db, queries.AGENCY_VERSIONS, {"agency_id": agency_id})


@st.cache_data(ttl=TTL, show_spinner=False)
def lineage(db: str, agency_id: str) -> pd.DataFrame:
    """Linked agencies with a display name, whether they are stored, and the notice that says so."""
    from storage.identity import display_name

    frame = _frame(db, queries.AGENCY_LINEAGE, {"agency_id": agency_id})
    frame["name"] = [
        name if isinstance(name, str) else (display_name(key) if isinstance(key, str) else agency)
        for name, key, agency in zip(frame["name"], frame["name_key"], frame["agency_id"], strict=True)
    ]
    frame["notice_id"] = [
        s.removeprefix("notice:") if s.startswith("notice:") else None for s in frame["source"]
    ]
    return frame.drop(columns=["name_key"])


@st.cache_data(ttl=TTL, show_spinner=False)
def record_as_of(db: str, agency_id: str, day: dt.date) -> pd.DataFrame:
    return _frame(db, queries.RECORD_AS_OF, {"agency_id": agency_id, "day": day})


@st.cache_data(ttl=TTL, show_spinner=False)
def staffing(db: str, agency_id: str) -> pd.DataFrame:
    return _frame(db, queries.STAFFING_OVER_TIME, {"agency_id": agency_id})


def _as_record(value: str | dict[str, Any]) -> AgencyRecord:
    return AgencyRecord.model_validate(value if isinstance(value, dict) else json.loads(value))


def _record(db: str, snapshot_id: str) -> AgencyRecord:
    row = _row(db, queries.SNAPSHOT_RECORD, {"snapshot_id": snapshot_id})
    if row is None:
        raise StorageError(f"no version {snapshot_id}")
    return _as_record(row["record"])


def _char_diff(old: str, new: str) -> list[Op]:
    """Character-level (op, text) pairs, op in equal/insert/delete: for the rows the differ gave no
    ops of its own (a unit shown with its name, a staffing line)."""
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            ops.append(("delete", old[i1:i2]))
        if j2 > j1:
            ops.append(("insert", new[j1:j2]))
    return ops


@dataclass(frozen=True)
class Comparison:
    rows: list[Row]
    ops: list[list[Op] | None]
    reconciliations: list[Reconciliation]
    adjacent: bool  # the versions follow each other: the stored change events; else diffed now


@st.cache_data(ttl=TTL, show_spinner=False)
def comparison(db: str, old_snapshot: str, new_snapshot: str) -> Comparison:
    """The 新旧对照 of two versions: aligned rows with character-level diffs, and reconciliation."""
    old, new = _record(db, old_snapshot), _record(db, new_snapshot)
    events = _frame(db, queries.CHANGES_BETWEEN, {"old": old_snapshot, "new": new_snapshot})
    stored = [
        {**e, "detail": json.loads(e["detail"]) if isinstance(e["detail"], str) else (e["detail"] or {})}
        for e in events.to_dict("records")
    ]
    if not stored:  # versions that are not adjacent: diff them here, as the history would
        from yange.diff import diff_snapshots  # only here: it loads numpy and rapidfuzz

        stored = [c.model_dump(mode="json") for c in diff_snapshots(old, new)]
    rows = align(old, new, stored)
    ops = [
        (r.ops or _char_diff(r.old.text, r.new.text)) if r.status == "changed" and r.old and r.new else None
        for r in rows
    ]
    return Comparison(rows, ops, reconcile(new, stored), adjacent=not events.empty)


@st.cache_data(ttl=TTL, show_spinner=False)
def digest(db: str, since: dt.date, agency_id: str | None = None) -> list[dict[str, Any]]:
    """Notices published since `since` (touching `agency_id`, if given) with their change counts."""
    from storage import queries as shared

    with _reader(db) as con:
        return shared.digest(con, since=since, agency_id=agency_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def notices(db: str) -> pd.DataFrame:
    return _frame(db, queries.NOTICE_LIST)


@st.cache_data(ttl=TTL, show_spinner=False)
def notice(db: str, notice_id: str) -> dict[str, Any] | None:
    row = _row(db, queries.NOTICE, {"notice_id": notice_id})
    if row is not None and isinstance(row.get("quality"), str):
        row["quality"] = json.loads(row["quality"])
    return row


@st.cache_data(ttl=TTL, show_spinner=False)
def notice_spans(db: str, notice_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, agency, code) of every record item the notice defines; code is a section or,
    for an amendment's effects, an effect type."""
    frame = _frame(db, queries.NOTICE_SPANS, {"notice_id": notice_id})
    spans = [(int(r.span_start), int(r.span_end), str(r.agency), str(r.section)) for r in frame.itertuples()]
    for row in _frame(db, queries.NOTICE_RECORDS, {"notice_id": notice_id}).itertuples():
        record = _as_record(row.record)
        spans.extend((e.span[0], e.span[1], str(row.agency), e.type) for e in record.effects)
    return spans


@st.cache_data(ttl=TTL, show_spinner=False)
def rejected(db: str) -> pd.DataFrame:
    return _frame(db, queries.REJECTED)


@st.cache_data(ttl=TTL, show_spinner=False)
def search_duties(db: str, q: str, *, current_only: bool = False, limit: int = 200) -> pd.DataFrame:
    return _frame(db, queries.SEARCH_DUTIES, {"q": q, "current": current_only, "limit": limit})


def run_sql(db: str, sql: str, limit: int = SQL_ROW_LIMIT, timeout_s: float | None = None) -> pd.DataFrame:
    """Run one reader's statement from the SQL page in a sandbox process (dashboard/sqlbox.py): at
    most `limit` rows, and the process is killed after `timeout_s` seconds whatever it is doing.

    The sandbox refuses anything but a single plain SELECT, on a read-only DuckDB instance of its own
    with file access, settings and resources locked; it sees no environment variables of this process.
    """
    settings = get_settings()
    timeout_s = settings.sql_timeout_s if timeout_s is None else timeout_s
    request = {"db": str(Path(db).resolve()), "sql": sql, "limit": limit, "memory_mb": settings.sql_memory_mb,
               "threads": settings.sql_threads, "headroom_mb": SQL_HEADROOM_MB}  # fmt: skip
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(SQLBOX)],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=timeout_s,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise QueryRefused(f"stopped after {timeout_s:g} s: the query took too long") from exc
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        if done.returncode < 0 or not reason:  # killed by a signal, or died without a word
            raise QueryRefused("the query was stopped: it needed more memory than a reader is given")
        raise QueryRefused(reason[-1])
    with pa.ipc.open_stream(done.stdout) as stream:
        return stream.read_all().to_pandas()
