"""The curated lineage of storage/lineage.yaml, loaded into `lineage_curated` by name key.

Lineage stated by notices (read by the engines' lineage reader, yange.parse.lineage: 更名为, 组建 with
不再保留, 将…的职责划入) is kept in `lineage_claims`, both ends by name key, with the notice and its date;
`materialise` resolves both to agency ids in `lineage_links`, which the `agency_lineage` view shows. Timelines follow it
(storage.queries.lineage_ids).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import yaml

from storage import bulk, identity
from storage.tx import transaction
from yange.errors import StorageError

CURATED = Path(__file__).parent / "lineage.yaml"
RELATIONS = {"renamed", "merged_into", "split_into", "duties_absorbed", "abolished_into"}


def curated_rows(path: Path = CURATED) -> list[dict[str, Any]]:
    """The YAML entries as rows of `lineage_curated`; a malformed entry is a StorageError."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    rows: list[dict[str, Any]] = []
    for number, entry in enumerate(entries, 1):
        try:
            relation = str(entry["relation"])
            if relation not in RELATIONS:
                raise ValueError(f"relation {relation!r} is not one of {sorted(RELATIONS)}")
            effective = entry.get("effective_date")
            rows.append(
                {
                    "predecessor_key": _key(str(entry["predecessor"])),
                    "successor_key": _key(str(entry["successor"])),
                    "relation": relation,
                    "effective_date": effective if isinstance(effective, dt.date) else None,
                    "source": str(entry["source"]),
                }
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StorageError(f"{path.name} entry {number}: {exc}") from exc
    return rows


def _key(name: str) -> str:
    region, _ = identity.split_name(name, notice_region=identity.CENTRAL)
    return identity.name_key(name, notice_region=region)


def load_curated(con: duckdb.DuckDBPyConnection, path: Path = CURATED) -> None:
    """Replace `lineage_curated` with the file's entries (cheap; done whenever a writer connects)."""
    rows = curated_rows(path)
    wanted = sorted(
        (r["predecessor_key"], r["successor_key"], r["relation"], r["effective_date"], r["source"])
        for r in rows
    )
    if wanted == con.execute("SELECT * FROM lineage_curated ORDER BY ALL").fetchall():
        return  # unchanged: a writer that stores nothing leaves the file untouched
    with transaction(con):
        con.execute("DELETE FROM lineage_curated")
        bulk.insert(con, "lineage_curated", rows)
        materialise(con)


def materialise(con: duckdb.DuckDBPyConnection, *, notice_ids: list[str] | None = None) -> None:
    """Bring `lineage_links` (what the agency_lineage view shows) up to date.

    With `notice_ids`, only the links those notices' claims state are added (new notices whose
    names resolve as before); otherwise every curated entry and claim is resolved again.
    """
    if notice_ids is not None:
        con.execute(
            "INSERT INTO lineage_links SELECT * FROM lineage_for_notices(?::VARCHAR[]) "
            "EXCEPT SELECT * FROM lineage_links",
            [sorted(notice_ids)],
        )
        return
    fresh = con.execute("SELECT * FROM lineage_resolved ORDER BY ALL").fetchall()
    if fresh != con.execute("SELECT * FROM lineage_links ORDER BY ALL").fetchall():
        con.execute("DELETE FROM lineage_links")
        con.execute("INSERT INTO lineage_links SELECT * FROM lineage_resolved")
