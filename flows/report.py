"""The result of one ingest run: what happened to every notice, and the change events it caused.

`IngestSummary.render()` is the text `yange ingest` prints; `to_markdown()` is the Prefect artifact.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from yange.safe_text import printable

Outcome = Literal["new", "unchanged", "rejected"]
# The terminal summary lists at most this many new notices and rejects (the artifact lists all).
LIST_LIMIT = 30


class NoticeOutcome(BaseModel):
    """How one fetched notice ended. `changes` counts its change events by change_type."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    location: str
    outcome: Outcome
    notice_id: str | None = None
    title: str | None = None
    published_on: dt.date | None = None
    reason: str | None = None
    changes: dict[str, int] = Field(default_factory=dict)


class SourceFailure(BaseModel):
    """A source that could not be listed at all (its notices were not reached)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    reason: str


class IngestSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[str] = Field(default_factory=list)
    db: str = ""
    started_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished_at: dt.datetime | None = None
    outcomes: list[NoticeOutcome] = Field(default_factory=list)
    failed_sources: list[SourceFailure] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def new(self) -> int:
        return sum(1 for o in self.outcomes if o.outcome == "new")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unchanged(self) -> int:
        return sum(1 for o in self.outcomes if o.outcome == "unchanged")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rejected(self) -> list[NoticeOutcome]:
        return [o for o in self.outcomes if o.outcome == "rejected"]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def change_events(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for outcome in self.outcomes:
            total.update(outcome.changes)
        return dict(sorted(total.items()))

    def render(self) -> str:
        """Plain text for the terminal: counts, then new notices, change events and rejects. Text
        from the sources (titles, names, reasons) is printed with control characters escaped."""
        seconds = (self.finished_at - self.started_at).total_seconds() if self.finished_at else 0.0
        lines = [
            f"ingest: {self.new} new, {self.unchanged} unchanged, {len(self.rejected)} rejected"
            f" from {len(self.sources)} source(s) in {seconds:.1f} s",
        ]
        new = [o for o in self.outcomes if o.outcome == "new"]
        if new:
            lines.append("new notices:")
            lines += [
                f"  {o.published_on or '----------'}  {printable(o.title or o.location)}"
                f"  ({sum(o.changes.values())} changes)"
                for o in new[:LIST_LIMIT]
            ]
            lines += _more(len(new))
        events = self.change_events
        if events:
            lines.append(f"change events: {sum(events.values())}")
            lines += [f"  {kind}: {count}" for kind, count in events.items()]
        if self.rejected:
            lines.append("rejected:")
            lines += [
                f"  {printable(o.location)}: {printable(o.reason or '')}" for o in self.rejected[:LIST_LIMIT]
            ]
            lines += _more(len(self.rejected))
        if self.failed_sources:
            lines.append("sources that failed:")
            lines += [f"  {printable(f.source)}: {printable(f.reason)}" for f in self.failed_sources]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The Prefect artifact of the run: the same content as render(), as tables."""
        out = [
            "# Yange ingest",
            "",
            f"**{self.new}** new · **{self.unchanged}** unchanged · **{len(self.rejected)}** rejected",
            "",
        ]
        new = [o for o in self.outcomes if o.outcome == "new"]
        if new:
            out += ["## New notices", "", "| published | title | changes |", "|---|---|---|"]
            out += [
                f"| {o.published_on or ''} | {_md(o.title or o.location)} | {sum(o.changes.values())} |"
                for o in new
            ]
            out.append("")
        if self.change_events:
            out += ["## Change events", "", "| change_type | count |", "|---|---|"]
            out += [f"| {kind} | {count} |" for kind, count in self.change_events.items()]
            out.append("")
        if self.rejected or self.failed_sources:
            out += ["## Rejected", "", "| source | reason |", "|---|---|"]
            out += [f"| {_md(o.location)} | {_md(o.reason or '')} |" for o in self.rejected]
            out += [f"| {_md(f.source)} (whole source) | {_md(f.reason)} |" for f in self.failed_sources]
            out.append("")
        return "\n".join(out)


def _more(count: int) -> list[str]:
    return [f"  … and {count - LIST_LIMIT} more"] if count > LIST_LIMIT else []


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
