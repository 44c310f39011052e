"""Change detection between versions of an agency: the only entry into diffing.

Pure: records in, change events out, no I/O.
"""

from yange.diff.align import align
from yange.diff.inline import inline_diff
from yange.diff.snapshots import diff_snapshots

__all__ = ["align", "diff_snapshots", "inline_diff"]
