-- Issue 13. DuckDB holds an ART index in memory once a write touches it, and rewrites it at every
-- checkpoint: the writer's memory and the cost of a commit grew with the history (in the 100,000-
-- notice national history, 82 MB of ART in the writer's 128 MB, and +1.5 ms a notice stored). The
-- batch queries join with hash joins and never used these indexes. (Point lookups for one agency
-- were measured as fast without them only on a history sorted by agency, where zone maps narrow
-- the scan; migration 065 gives back the four they need.)
-- So the tables a write grows lose their indexes and primary keys. Their ids are hashes of what they
-- stand for and every write deletes an id before it inserts it (storage/history.py, resolve.py,
-- repository.py, flows/sources/state.py), so each key stays unique by construction;
-- storage/keys.py names each key and checks it. Each table is rebuilt with its columns, in order, and its
-- defaults and checks.
drop index snapshots_agency;
drop index duties_snapshot;
drop index staffing_snapshot;
drop index changes_agency;
drop index name_forms_key;

create table changes_unkeyed as select * from changes;
drop table changes;
alter table changes_unkeyed rename to changes;
alter table changes alter change_id set not null;
alter table changes alter agency_id set not null;
alter table changes alter to_snapshot set not null;
alter table changes alter change_type set not null;
alter table changes alter notice_id set not null;
alter table changes alter seq set not null;

create table notices_unkeyed (
    notice_id varchar not null, title varchar, doc_number varchar, issuer varchar, published_on date,
    source varchar, ingested_at timestamptz not null default current_timestamp, status varchar not null,
    reason varchar, kind varchar, text varchar, raw blob, raw_sha256 varchar, quality json,
    raw_deflated blob,
    check (status in ('parsed', 'rejected'))
);
insert into notices_unkeyed select * from notices;
drop table notices;
alter table notices_unkeyed rename to notices;

create table snapshots_unkeyed (
    snapshot_id varchar not null, agency_id varchar, notice_id varchar not null, valid_from date,
    valid_to date, record json not null, record_hash varchar not null,
    derived boolean not null default false, partial boolean not null default false,
    base_snapshot varchar, amendment boolean not null default false,
    counterpart_keys varchar[] not null default [], agency_key varchar not null,
    alias_keys varchar[] not null, display_name varchar not null, seq integer not null,
    names varchar[], warnings varchar[] default [], implied boolean default false
);
insert into snapshots_unkeyed select * from snapshots;
drop table snapshots;
alter table snapshots_unkeyed rename to snapshots;

create table notice_sources_unkeyed (
    notice_id varchar not null, source varchar not null, first_seen timestamptz not null,
    raw_sha256 varchar, raw_bytes bigint, title varchar
);
insert into notice_sources_unkeyed select * from notice_sources;
drop table notice_sources;
alter table notice_sources_unkeyed rename to notice_sources;

create table name_forms_unkeyed (
    name varchar not null, context varchar not null, name_key varchar not null, how varchar not null,
    level varchar not null
);
insert into name_forms_unkeyed select * from name_forms;
drop table name_forms;
alter table name_forms_unkeyed rename to name_forms;

create table source_state_unkeyed (
    location varchar not null, etag varchar, last_modified varchar, content_hash varchar,
    links varchar[], seen_at timestamptz not null
);
insert into source_state_unkeyed select * from source_state;
drop table source_state;
alter table source_state_unkeyed rename to source_state;

create table agencies_unkeyed (
    agency_id varchar not null, name varchar not null, aliases varchar[] not null,
    region varchar not null
);
insert into agencies_unkeyed select * from agencies;
drop table agencies;
alter table agencies_unkeyed rename to agencies;

create table agency_names_unkeyed (
    name_key varchar not null, agency_id varchar not null, via varchar default 'name'
);
insert into agency_names_unkeyed select * from agency_names;
drop table agency_names;
alter table agency_names_unkeyed rename to agency_names;
