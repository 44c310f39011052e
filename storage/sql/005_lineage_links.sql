-- agency_lineage becomes a plain table read (timelines query it on every request): the resolution of
-- 004 moves to the view lineage_resolved, materialised into lineage_links whenever a write changes
-- agencies or the curated file is loaded (storage.lineage.materialise).
create table lineage_links (
    predecessor_id varchar not null,
    successor_id   varchar not null,
    relation       varchar not null,
    effective_date date,
    source         varchar not null
);

create index lineage_links_successor on lineage_links (successor_id);

create or replace view lineage_resolved as
with stated as (
    select
        lineage_claims.predecessor_key,
        snapshots.agency_key as successor_key,
        lineage_claims.relation,
        snapshots.valid_from as effective_date,
        'notice:' || snapshots.notice_id as source
    from lineage_claims
    join snapshots using (snapshot_id)
),
claims as (
    select predecessor_key, successor_key, relation, effective_date, source from lineage_curated
    union all
    select predecessor_key, successor_key, relation, effective_date, source from stated
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

insert into lineage_links select * from lineage_resolved;

create or replace view agency_lineage as
select predecessor_id, successor_id, relation, effective_date, source from lineage_links;
