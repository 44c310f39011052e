"""Change detection between versions of an agency: the only entry into diffing.

Pure: records in, change events out, no I/O.

Events (`models.Change`) and what their `detail` holds:

- `declared_adjustment` (section "adjustment"): `ordinal`, `kind`, `counterpart`; `evidence`, indexes
  in the same list of the observed events that bear it out; `reconciled` (False: no trace found; None:
  a first version, nothing to compare with).
- `duty_added` / `duty_removed` / `duty_reworded` (section "duty", "unit" or "other"): `old_ordinal` /
  `new_ordinal` as dotted paths ("2.3" is item 3 of duty 2); a rewording has `similarity` and `ops`,
  the character-level inline diff `[(op, text)]`. Section "unit" is a kept unit's duties, named by
  `unit_name` (and `old_unit_name` when it was renamed). A duty cut in two or folded into another
  names its partners by ordinal path: `split_into` (on the reworded original) / `split_from` (on the
  added part), `merged_into` (on the removed duty) / `merged_from` (on the reworded survivor).
- `unit_added` / `unit_removed` / `unit_renamed` (section "unit"): `split_from` / `split_into`,
  `merged_from` / `merged_into` name the partner units; a rename has `old_name`, `new_name`,
  `old_alias`, `new_alias` (old_text/new_text are the labels, name（alias）).
- `staffing_changed` (section "staffing"): `field` ("staffing" with `category`, `included_in` (and
  `old_included_in` when the line moved under another), or
  "declared_unit_count"), `old_count`, `new_count`.
- `rank_changed` (section "rank"): `field` "rank".
- `alias_changed` (section "alias"): the agency's other names (加挂…牌子); `field` "aliases" with `added` / `removed`.
- Every observed duty, unit, staffing and rank event: `explained` and `explained_by` (indexes of the
  declarations it bears out).
- `transferred` (from `Transfer.to_change()`): both ends' agency, date, notice and change id.
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
