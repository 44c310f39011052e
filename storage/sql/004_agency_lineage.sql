-- agency_lineage: predecessor -> successor links, from the curated YAML and from what notices state.
-- A name that no stored agency answers to gets the id it will have once a notice about it arrives.
create or replace view agency_lineage as
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
