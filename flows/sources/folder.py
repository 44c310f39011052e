"""A local inbox: every .txt/.html/.htm file under a folder, or one named file.

Listing and reading are apart in time, so the listing is only a plan: each file is read by
`yange.safe_read.read_regular_file`, which checks what it actually opened (a regular file inside the
folder, no symlink, FIFO, device or /proc file) and never reads past the size cap.
"""

from __future__ import annotations

from pathlib import Path

from flows.sources import Candidate, Fetched, SourceError, SourceSpec
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


def read(candidate: Candidate, *, max_bytes: int) -> Fetched:
    """Read one file of the candidate's folder (or the one file named), refused with a reason when
    it is not a regular file inside that folder or is over the size limit."""
    inside = candidate.source if Path(candidate.source).is_dir() else None
    try:
        raw = read_regular_file(candidate.location, max_bytes=max_bytes, inside=inside)
    except NoticeRejected as exc:
        return _failed(candidate, exc.reason_code, exc.detail)
    return Fetched(source=candidate.source, location=candidate.location, status="fetched", raw=raw)


def _failed(candidate: Candidate, code: str, detail: str) -> Fetched:
    return Fetched(
        source=candidate.source, location=candidate.location, status="failed", reason_code=code, detail=detail
    )
