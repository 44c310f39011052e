"""Yange (沿革): parse reform notices, keep their history, show what changed.

The pure core is `parse_notice` (text in, records out) and `diff_snapshots` (records in, changes
out). They are imported lazily so that `import yange` (the CLI) stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "diff_snapshots", "parse_notice"]


def __getattr__(name: str) -> Any:
    if name == "parse_notice":
        from yange.parse import parse_notice

        return parse_notice
    if name == "diff_snapshots":
        from yange.diff import diff_snapshots

        return diff_snapshots
    raise AttributeError(name)
