"""Change detection between versions of an agency: the only entry into diffing.

Pure: records in, change events out, no I/O.
"""

from yange.diff.align import align
from yange.diff.inline import inline_diff
from yange.diff.snapshots import diff_snapshots
from yange.diff.transfers import AgencyEvents, Transfer, TransferEnd, find_transfers

__all__ = [
    "AgencyEvents",
    "Transfer",
    "TransferEnd",
    "align",
    "diff_snapshots",
    "find_transfers",
    "inline_diff",
]
