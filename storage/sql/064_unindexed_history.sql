-- Issue 13. DuckDB holds an ART index in memory whole once a write touches it, and rewrites it at
-- every checkpoint, so the writer's memory and the cost of a commit grew with the history (at
-- 100,000 notices: 82 MB of ART in a 128 MB budget). The batch queries join on these columns with
-- hash joins and never used the indexes, and point lookups for one agency run as fast without them
-- (bench/storage_bench.py: as-of and timeline queries on the national history). `changes` is the
-- largest keyed table (8 events a notice); its ids are hashes of what they stand for and each write
-- deletes an id before inserting it (storage/history.py), so the key is kept by construction.
drop index snapshots_agency;
drop index duties_snapshot;
drop index staffing_snapshot;
drop index changes_agency;
create table changes_unkeyed as select * from changes;
drop table changes;
alter table changes_unkeyed rename to changes;
alter table changes alter change_id set not null;
alter table changes alter agency_id set not null;
alter table changes alter to_snapshot set not null;
alter table changes alter change_type set not null;
alter table changes alter notice_id set not null;
alter table changes alter seq set not null;
