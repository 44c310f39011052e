-- Issue 13. One agency's duties on a day read `duties`, which keeps no index (migration 065): on
-- the national history, in the order an ingest writes it, the join by snapshot id scanned all 41
-- row groups of 5,000,000 rows (20-27 ms on a busy machine, against a 10 ms target), as the hashed
-- ids give zone maps nothing to skip by. A version and its items are always written in one
-- transaction (store_notices, a refresh's derived and implied versions, rebuild), so both carry
-- that transaction's start time; the moves to and from superseded_records copy it. Joined on as
-- well, it lets DuckDB's join filter skip to the row groups of the version's own write (1 of 41:
-- 20 -> 7 ms). The rows already stored get this migration's time, the same on both sides.
alter table snapshots add column written timestamptz default current_timestamp;
alter table superseded_records add column written timestamptz default current_timestamp;
alter table duties add column written timestamptz default current_timestamp;

create or replace macro duties_as_of(d) as table
with in_force as (
    select snapshot_id, agency_id, notice_id, valid_from, valid_to, derived, written
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
join duties on duties.snapshot_id = in_force.snapshot_id and duties.written = in_force.written;
