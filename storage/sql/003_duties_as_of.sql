-- duties_as_of(d): every agency's duties in force on date d (CONTRACT §3).
-- A version is in force from valid_from (inclusive) to valid_to (exclusive). Amendment records are
-- never in force themselves, only the versions derived from them.
create or replace macro duties_as_of(d) as table
with in_force as (
    select snapshot_id, agency_id, notice_id, valid_from, valid_to, derived
    from snapshots
    where not amendment
      and valid_from <= d
      and (valid_to is null or valid_to > d)
)
select
    in_force.agency_id,
    agencies.name as agency,
    in_force.snapshot_id,
    duties.section,
    duties.ordinal,
    duties.parent_ordinal,
    duties.unit_name,
    duties.kind,
    duties.text,
    duties.span_start,
    duties.span_end,
    duties.position,
    in_force.notice_id,
    in_force.valid_from,
    in_force.valid_to,
    in_force.derived
from in_force
join agencies on agencies.agency_id = in_force.agency_id
join duties on duties.snapshot_id = in_force.snapshot_id;
