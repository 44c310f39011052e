-- Issue 14. (1) An amendment notice's own records are no versions: they move out of `snapshots` into
-- `amendment_records` (the versions derived from them stay in `snapshots`; their ids are unchanged).
create table amendment_records (
    record_id        varchar primary key,   -- hash of the notice and the record's position in it
    agency_id        varchar,
    notice_id        varchar not null,
    published_on     date,                  -- the notice's date
    record           json not null,         -- the AgencyRecord JSON, its `effects` included
    record_hash      varchar not null,
    counterpart_keys varchar[] not null default [],  -- name keys of the other agencies its effects name
    agency_key       varchar not null,
    alias_keys       varchar[] not null,
    display_name     varchar not null,
    seq              integer not null,
    names            varchar[]
);
create index amendment_records_agency on amendment_records (agency_id);

insert into amendment_records
select s.snapshot_id, s.agency_id, s.notice_id, n.published_on, s.record, s.record_hash, s.counterpart_keys,
       s.agency_key, s.alias_keys, s.display_name, s.seq, s.names
from snapshots s join notices n using (notice_id)
where s.amendment;

-- (2) Lineage claims carry both ends, their notice and date: a notice may state a link between two
-- other bodies (X更名为Z), not only one into the agency of its record.
alter table lineage_claims add column successor_key varchar;
alter table lineage_claims add column notice_id varchar;
alter table lineage_claims add column effective_date date;
alter table lineage_claims alter column snapshot_id drop not null;
update lineage_claims set successor_key = r.agency_key, notice_id = r.notice_id, effective_date = r.published_on
from (
    select snapshot_id as id, agency_key, notice_id, valid_from as published_on from snapshots where not amendment
    union all
    select record_id, agency_key, notice_id, published_on from amendment_records
) r
where r.id = lineage_claims.snapshot_id;

delete from duties where snapshot_id in (select record_id from amendment_records);
delete from staffing where snapshot_id in (select record_id from amendment_records);
delete from snapshots where amendment;

create or replace view lineage_resolved as
with claims as (
    select predecessor_key, successor_key, relation, effective_date, source from lineage_curated
    union all
    select predecessor_key, successor_key, relation, effective_date, 'notice:' || notice_id from lineage_claims
),
resolved as (
    select
        coalesce(p.agency_id, substr(sha256(claims.predecessor_key), 1, 16)) as predecessor_id,
        coalesce(s.agency_id, substr(sha256(claims.successor_key), 1, 16)) as successor_id,
        claims.relation,
        claims.effective_date,
        claims.source
    from claims
    left join agency_names p on p.name_key = claims.predecessor_key
    left join agency_names s on s.name_key = claims.successor_key
)
select distinct predecessor_id, successor_id, relation, effective_date, source
from resolved
where predecessor_id <> successor_id;

-- The links the claims of some notices state (a write adds its own without re-resolving all).
create or replace macro lineage_for_notices(ids) as table
select distinct
    coalesce(p.agency_id, substr(sha256(c.predecessor_key), 1, 16)) as predecessor_id,
    coalesce(s.agency_id, substr(sha256(c.successor_key), 1, 16)) as successor_id,
    c.relation,
    c.effective_date,
    'notice:' || c.notice_id as source
from lineage_claims c
left join agency_names p on p.name_key = c.predecessor_key
left join agency_names s on s.name_key = c.successor_key
where list_contains(ids, c.notice_id)
  and coalesce(p.agency_id, substr(sha256(c.predecessor_key), 1, 16))
      <> coalesce(s.agency_id, substr(sha256(c.successor_key), 1, 16));

-- (3) Identity as audit data: every name a notice wrote, in the context it was written (region, and
-- locality below it), the key the rules gave it and which rule (storage.identity.resolve_name).
create table name_forms (
    name     varchar not null,             -- as written
    context  varchar not null,             -- 福建, 安徽|金寨县, 中央
    name_key varchar not null,
    how      varchar not null,             -- exact / region-qualified / abbreviation / override
    level    varchar not null,             -- central / province / city / county
    primary key (name, context)
);
create index name_forms_key on name_forms (name_key);

-- Whether a key is an agency's own name or only a sign/alias of it.
alter table agency_names add column via varchar default 'name';

create or replace view agency_identity as
with successors as (
    select predecessor_id, min(successor_id) as successor_id
    from lineage_links
    where relation in ('renamed', 'merged_into', 'split_into', 'abolished_into')
    group by all
)
select
    f.name,
    f.context,
    f.level,
    f.name_key,
    coalesce(n.agency_id, l.successor_id) as agency_id,
    case
        when f.how = 'override' then 'override'
        when n.agency_id is null and l.successor_id is not null then 'lineage'
        when n.agency_id is null then 'unresolved'
        when n.via = 'alias' then 'alias'
        else f.how
    end as how
from name_forms f
left join agency_names n on n.name_key = f.name_key
left join successors l on l.predecessor_id = substr(sha256(f.name_key), 1, 16);
