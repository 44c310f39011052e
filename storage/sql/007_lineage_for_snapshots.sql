-- The lineage that the claims of some snapshots state, resolved to agency ids: lets a write add its
-- own links without re-resolving every claim (storage.lineage.materialise).
create or replace macro lineage_for_snapshots(ids) as table
with stated as (
    select
        lineage_claims.predecessor_key,
        snapshots.agency_key as successor_key,
        lineage_claims.relation,
        snapshots.valid_from as effective_date,
        'notice:' || snapshots.notice_id as source
    from lineage_claims
    join snapshots using (snapshot_id)
    where list_contains(ids, lineage_claims.snapshot_id)
),
resolved as (
    select
        coalesce(p.agency_id, substr(sha256(stated.predecessor_key), 1, 16)) as predecessor_id,
        coalesce(s.agency_id, substr(sha256(stated.successor_key), 1, 16)) as successor_id,
        stated.relation,
        stated.effective_date,
        stated.source
    from stated
    left join agency_names p on p.name_key = stated.predecessor_key
    left join agency_names s on s.name_key = stated.successor_key
)
select distinct predecessor_id, successor_id, relation, effective_date, source
from resolved
where predecessor_id <> successor_id;
