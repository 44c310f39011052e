"""The result of one ingest run: what happened to every notice, and the change events it caused.

`IngestSummary.render()` is the text `yange ingest` prints; `to_markdown()` is the Prefect artifact.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from yange.safe_text import printable

Outcome = Literal["new", "unchanged", "rejected"]
# The terminal summary lists at most this many new notices and rejects (the artifact lists all
# those kept: at most KEPT_OUTCOMES).
LIST_LIMIT = 30
KEPT_OUTCOMES = 1000


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
    """Counts of a whole run, and the notices worth naming (new and rejected ones).

    A national ingest sees hundreds of thousands of notices, so the summary never grows with the
    run: outcomes come in batch by batch through `add`, the counts are kept for all of them, and only
    the first KEPT_OUTCOMES new or rejected notices are kept by name (unchanged ones never are)."""

    model_config = ConfigDict(extra="forbid")

    sources: list[str] = Field(default_factory=list)
    db: str = ""
    started_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished_at: dt.datetime | None = None
    outcomes: list[NoticeOutcome] = Field(default_factory=list)
    new: int = 0
    unchanged: int = 0
    rejected_count: int = 0
    change_events: dict[str, int] = Field(default_factory=dict)
    failed_sources: list[SourceFailure] = Field(default_factory=list)

    @classmethod
    def of(cls, outcomes: Iterable[NoticeOutcome], **fields: Any) -> IngestSummary:
        summary = cls(**fields)
        summary.add(outcomes)
        return summary

    def add(self, outcomes: Iterable[NoticeOutcome]) -> None:
        events = Counter(self.change_events)
        for outcome in outcomes:
            if outcome.outcome == "unchanged":
                self.unchanged += 1
                continue
            if outcome.outcome == "new":
                self.new += 1
                events.update(outcome.changes)
            else:
                self.rejected_count += 1
            if len(self.outcomes) < KEPT_OUTCOMES:
                self.outcomes.append(outcome)
        self.change_events = dict(sorted(events.items()))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rejected(self) -> list[NoticeOutcome]:
        """The rejected notices kept by name (`rejected_count` counts them all)."""
        return [o for o in self.outcomes if o.outcome == "rejected"]

    def render(self) -> str:
        """Plain text for the terminal: counts, then new notices, change events and rejects. Text
        from the sources (titles, names, reasons) is printed with control characters escaped."""
        seconds = (self.finished_at - self.started_at).total_seconds() if self.finished_at else 0.0
        lines = [
            f"ingest: {self.new} new, {self.unchanged} unchanged, {self.rejected_count} rejected"
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
            lines += _more(self.new)
        events = self.change_events
        if events:
            lines.append(f"change events: {sum(events.values())}")
            lines += [f"  {kind}: {count}" for kind, count in events.items()]
        if self.rejected:
            lines.append("rejected:")
            lines += [
                f"  {printable(o.location)}: {printable(o.reason or '')}" for o in self.rejected[:LIST_LIMIT]
            ]
            lines += _more(self.rejected_count)
        if self.failed_sources:
            lines.append("sources that failed:")
            lines += [f"  {printable(f.source)}: {printable(f.reason)}" for f in self.failed_sources]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The Prefect artifact of the run: the same content as render(), as tables."""
        out = [
            "# Yange ingest",
            "",
            f"**{self.new}** new · **{self.unchanged}** unchanged · **{self.rejected_count}** rejected",
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
        if self.new + self.rejected_count > len(self.outcomes):
            out.append(f"(the first {len(self.outcomes)} new or rejected notices are listed)")
        return "\n".join(out)


def _more(count: int) -> list[str]:
    return [f"  … and {count - LIST_LIMIT} more"] if count > LIST_LIMIT else []


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
