"""Where notices come from: a folder inbox, one file, an http(s) index page, or an RSS/Atom feed.

A source is configured by one string, so that prefect.yaml parameters, `Settings.sources` and the
CLI can all name it the same way:

    examples/notices                       a folder (its .txt/.html/.htm files, recursively)
    inbox/notice.txt                       one file
    https://host/list.html                 an index page (links picked by the default rule)
    https://host/list.html|selector=ul.news a|pattern=/art/\\d+
    feed:https://host/rss.xml              an RSS/Atom feed (detected without the prefix too)

Options after `|` are `key=value`: `selector` (CSS, selectolax) and `pattern` (a regex the link's
address must match). Discovery yields `Candidate`s; fetching turns each into a `Fetched`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

SourceKind = Literal["folder", "file", "index", "feed", "web"]
FetchStatus = Literal["fetched", "not_modified", "failed"]

_PREFIXES: dict[str, SourceKind] = {"feed:": "feed", "index:": "index"}
_OPTIONS = ("selector", "pattern")


class SourceSpec(BaseModel):
    """One configured source. `web` means an http(s) address whose kind is decided by its content."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: SourceKind
    location: str = Field(min_length=1)
    selector: str | None = None
    pattern: str | None = None

    @property
    def label(self) -> str:
        return self.location


class Candidate(BaseModel):
    """A notice a source points at, before it is read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    location: str


class Fetched(BaseModel):
    """What fetching one candidate gave: bytes, 'not modified since last time', or a failure reason."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    location: str
    status: FetchStatus
    raw: bytes = b""
    reason_code: str | None = None
    detail: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class SourceError(RuntimeError):
    """A source that cannot be listed at all (bad option, missing folder, index not reachable)."""


def parse_spec(text: str) -> SourceSpec:
    """Read one source string (see the module docstring). Raises SourceError on a bad one."""
    head, *option_parts = (part.strip() for part in text.strip().split("|"))
    options: dict[str, str] = {}
    for part in option_parts:
        key, sep, value = part.partition("=")
        if not sep or key.strip() not in _OPTIONS:
            raise SourceError(f"{text!r}: unknown option {part!r} (valid: {', '.join(_OPTIONS)})")
        options[key.strip()] = value.strip()
    if "pattern" in options:
        try:
            re.compile(options["pattern"])
        except re.error as exc:
            raise SourceError(f"{text!r}: bad link pattern: {exc}") from None
    kind: SourceKind | None = None
    for prefix, prefixed_kind in _PREFIXES.items():
        if head.lower().startswith(prefix):
            kind, head = prefixed_kind, head[len(prefix) :]
    if not head:
        raise SourceError(f"{text!r}: empty source")
    scheme = urlsplit(head).scheme.lower()
    if scheme in ("http", "https"):
        return SourceSpec(kind=kind or "web", location=head, **options)
    if kind is not None or (scheme and len(scheme) > 1):
        raise SourceError(f"{text!r}: only http and https addresses are fetched (got {scheme or 'none'!r})")
    if options:
        raise SourceError(f"{text!r}: selector/pattern apply to web sources only")
    path = Path(head).expanduser()
    return SourceSpec(kind="folder" if path.is_dir() else "file", location=str(path))
