-- Issue 14 (2). A stated record that was never in force is no version: a regulation followed on its
-- own date by another version of its agency (a second regulation, or an amendment applied on top of
-- it), or stated on the date its agency was abolished. It moves here, with the columns of
-- `snapshots`, and back when a recompute finds it in force again (storage/history.py).
create table superseded_records as select * from snapshots limit 0;
alter table superseded_records add primary key (snapshot_id);
create index superseded_records_agency on superseded_records (agency_id);
