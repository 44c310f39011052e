"""A local inbox: every .txt/.html/.htm file under a folder, or one named file."""

from __future__ import annotations

from pathlib import Path

from flows.sources import Candidate, Fetched, SourceError, SourceSpec

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
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    return [Candidate(source=spec.label, location=str(p)) for p in files]


def read(candidate: Candidate, *, max_bytes: int) -> Fetched:
    """Read one file, refusing it before reading when it is over the size limit."""
    path = Path(candidate.location)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _failed(candidate, "too_large", f"{size} bytes, over the {max_bytes} byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        return _failed(candidate, "unreadable", exc.strerror or str(exc))
    return Fetched(source=candidate.source, location=candidate.location, status="fetched", raw=raw)


def _failed(candidate: Candidate, code: str, detail: str) -> Fetched:
    return Fetched(
        source=candidate.source, location=candidate.location, status="failed", reason_code=code, detail=detail
    )
