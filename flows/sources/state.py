"""What each source has already seen, so a rerun neither downloads nor parses the same thing twice.

One entry per location (a file path or an address): the validators a server gave (ETag,
Last-Modified) for conditional requests, the sha256 of the bytes last stored, and for index pages
and feeds the links they listed (a 304 answer carries no body to read links from).

The memory is written right after the notices it describes (see flows/stages.py): a notice is
never remembered before it is stored, and one stored but not yet remembered is only parsed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import duckdb
from pydantic import BaseModel, ConfigDict, Field

from storage import bulk


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class SeenEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    location: str
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    links: list[str] = Field(default_factory=list)
    seen_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class SourceMemory(BaseModel):
    """All entries, keyed by location. Plain data, so it travels between tasks (and Dask workers)."""

    model_config = ConfigDict(extra="forbid")

    entries: dict[str, SeenEntry] = Field(default_factory=dict)

    def get(self, location: str) -> SeenEntry | None:
        return self.entries.get(location)

    def is_stored(self, location: str, raw: bytes) -> bool:
        """True when these exact bytes were already stored (or rejected) from this location."""
        entry = self.entries.get(location)
        return entry is not None and entry.content_hash == content_hash(raw)

    def updated(self, changes: Iterable[SeenEntry]) -> SourceMemory:
        merged = dict(self.entries)
        merged.update((entry.location, entry) for entry in changes)
        return SourceMemory(entries=merged)


def load(con: duckdb.DuckDBPyConnection) -> SourceMemory:
    """Read every entry from the `source_state` table (storage/sql/050_source_state.sql)."""
    rows = con.execute(
        "select location, etag, last_modified, content_hash, links, seen_at from source_state"
    ).fetchall()
    return SourceMemory(
        entries={
            row[0]: SeenEntry(
                location=row[0],
                etag=row[1],
                last_modified=row[2],
                content_hash=row[3],
                links=list(row[4] or []),
                seen_at=row[5],
            )
            for row in rows
        }
    )


def save(con: duckdb.DuckDBPyConnection, entries: Iterable[SeenEntry]) -> int:
    """Upsert entries inside the caller's transaction (one DELETE and one INSERT for the batch: row by
    row took most of a second per batch); returns how many were written."""
    latest = {e.location: e for e in entries}  # a location listed twice: the last entry wins
    if latest:
        bulk.delete_in(con, "source_state", "location", sorted(latest))
        bulk.insert(
            con,
            "source_state",
            [
                {
                    "location": e.location,
                    "etag": e.etag,
                    "last_modified": e.last_modified,
                    "content_hash": e.content_hash,
                    "links": e.links,
                    "seen_at": e.seen_at,
                }
                for e in latest.values()
            ],
        )
    return len(latest)
