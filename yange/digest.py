"""What changed since a date, for people who subscribe: Markdown for reading, Atom for feed readers.

Pure: the entries of `storage.queries.digest` (plain dicts) in, text out. Each entry links to its
notice on the dashboard (`{base_url}/notice?notice=ID`); a notice fetched from the web links to its
source as well. Change types are worded by the `words` the caller passes (the dashboard's
vocabulary), so the digest reads like the dashboard.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from feedgen.feed import FeedGenerator

_MARKDOWN = re.compile(r"[!-/:-@\[-`{-~]")
# Control characters never reach a feed or a terminal as they are (C0 but tab/newline, DEL, C1).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def notice_url(base_url: str, notice_id: str) -> str:
    return f"{base_url.rstrip('/')}/notice?notice={quote(notice_id)}"


def _clean(value: object) -> str:
    return _CONTROL.sub("", " ".join(str(value or "").split()))


def _md(value: object) -> str:
    return _MARKDOWN.sub(lambda m: "\\" + m.group(0), _clean(value))


def summary(entry: Mapping[str, Any], words: Mapping[str, str]) -> list[str]:
    """One line per agency: its change events by type, e.g. 福建省商务厅：职责调整表述 2、新增职责 1."""
    per_agency: dict[str, list[str]] = {}
    for change in entry["changes"]:
        label = words.get(change["change_type"], change["change_type"])
        per_agency.setdefault(_clean(change["agency"]), []).append(f"{label} {change['events']}")
    return [f"{agency}：{'、'.join(parts)}" for agency, parts in per_agency.items()]


def _title(entry: Mapping[str, Any]) -> str:
    return _clean(entry.get("title") or entry.get("source") or entry["notice_id"])


def _day(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def markdown(
    entries: Sequence[Mapping[str, Any]],
    *,
    since: dt.date,
    base_url: str,
    words: Mapping[str, str],
    heading: str,
) -> str:
    """A Markdown digest: `heading`, then one section per notice with its links and change lines."""
    lines = [f"# {_md(heading)}", ""]
    for entry in entries:
        doc = f"（{_md(entry['doc_number'])}）" if entry.get("doc_number") else ""
        lines.append(f"## {_day(entry.get('published_on'))} {_md(_title(entry))}{doc}")
        lines.append("")
        lines.append(f"<{notice_url(base_url, entry['notice_id'])}>")
        source = str(entry.get("source") or "")
        if source.startswith(("http://", "https://")):
            lines.append(f"<{quote(source, safe=':/?&=#%')}>")
        lines.append("")
        lines.extend(f"- {_md(line)}" for line in summary(entry, words))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def atom(
    entries: Sequence[Mapping[str, Any]],
    *,
    since: dt.date,
    base_url: str,
    words: Mapping[str, str],
    heading: str,
    updated: dt.datetime,
) -> bytes:
    """An Atom feed (feedgen) with one entry per notice, linking to it on the dashboard."""
    feed = FeedGenerator()
    feed.id(f"{base_url.rstrip('/')}/digest?since={since.isoformat()}")
    feed.title(_clean(heading))
    feed.link(href=f"{base_url.rstrip('/')}/digest?since={since.isoformat()}", rel="alternate")
    feed.language("zh-CN")
    feed.updated(updated)
    for entry in reversed(entries):  # feedgen puts the last added first: keep newest first
        item = feed.add_entry()
        url = notice_url(base_url, entry["notice_id"])
        item.id(url)
        item.title(_title(entry))
        item.link(href=url, rel="alternate")
        published = entry.get("published_on")
        stamp = (
            dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC)
            if isinstance(published, dt.date)
            else updated
        )
        item.published(stamp)
        item.updated(stamp)
        item.summary("\n".join(summary(entry, words)) or _clean(entry.get("doc_number")))
    return bytes(feed.atom_str(pretty=True))
