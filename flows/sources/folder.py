"""A local inbox: every .txt/.html/.htm file under a folder, or one named file.

Listing and reading are apart in time, so the listing is only a plan: each file is read by
`yange.safe_read.read_regular_file`, which checks what it actually opened (a regular file inside the
folder, no symlink, FIFO, device or /proc file) and never reads past the size cap.

A file whose size and modification time (in ns) are those recorded when it was last stored is not
read again: the file's own conditional request, like an ETag for a web page (the quick check rsync
makes). A nightly run over a large inbox then costs a stat per file, not a read and a hash.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from flows.sources import Candidate, Fetched, SourceError, SourceSpec
from flows.sources.state import SeenEntry
from yange.errors import NoticeRejected
from yange.safe_read import read_regular_file

NOTICE_SUFFIXES = frozenset({".txt", ".html", ".htm"})


def discover(spec: SourceSpec) -> list[Candidate]:
    """List the notice files of a folder (recursively, hidden files skipped) or the one file named."""
    path = Path(spec.location)
    if spec.kind == "file":
        if not path.exists():
            raise SourceError(f"{spec.location}: no such file")
        return [Candidate(source=spec.label, location=str(path))]
    if not path.is_dir():
        raise SourceError(f"{spec.location}: no such folder")
    files = sorted(
        p
        for p in path.rglob("*")
        if p.suffix.lower() in NOTICE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
        and (p.is_file() or p.is_symlink())  # a symlink is listed so that its refusal is recorded
    )
    return [Candidate(source=spec.label, location=str(p)) for p in files]


def read(candidate: Candidate, *, max_bytes: int, seen: SeenEntry | None = None) -> Fetched:
    """Read one file of the candidate's folder (or the one file named), refused with a reason when
    it is not a regular file inside that folder or is over the size limit; 'not_modified' when its
    size and mtime are those `seen` recorded."""
    stamp = _stamp(candidate.location)
    base = {"source": candidate.source, "location": candidate.location, "last_modified": stamp}
    if stamp is not None and seen is not None and seen.content_hash and seen.last_modified == stamp:
        return Fetched(**base, status="not_modified")
    inside = candidate.source if Path(candidate.source).is_dir() else None
    try:
        raw = read_regular_file(candidate.location, max_bytes=max_bytes, inside=inside)
    except NoticeRejected as exc:
        return _failed(candidate, exc.reason_code, exc.detail)
    return Fetched(**base, status="fetched", raw=raw)


def _stamp(location: str) -> str | None:
    """`size:mtime_ns` of a regular file (not following a symlink), else None (always read)."""
    try:
        info = os.lstat(location)
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}" if stat.S_ISREG(info.st_mode) else None


def _failed(candidate: Candidate, code: str, detail: str) -> Fetched:
    return Fetched(
        source=candidate.source, location=candidate.location, status="failed", reason_code=code, detail=detail
    )
