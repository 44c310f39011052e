-- One home for how a lineage claim resolves to agencies: lineage_links_of(sources) resolves the
-- claims of the given sources ('notice:<id>' or a curated entry's source; NULL: every source), the
-- view lineage_resolved is it over every source, and a write re-resolves only its sources' links
-- with it (storage/lineage.py). The macro lineage_for_notices, which wrote the rule a second time
-- and is no longer used, goes.
create or replace macro lineage_links_of(sources) as table
with claims as (
    select predecessor_key, successor_key, relation, effective_date, source from lineage_curated
    where sources is null or source in (select unnest(sources))
    union all
    select predecessor_key, successor_key, relation, effective_date, 'notice:' || notice_id from lineage_claims
    where sources is null or 'notice:' || notice_id in (select unnest(sources))
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

create or replace view lineage_resolved as select * from lineage_links_of(null::varchar[]);

drop macro table if exists lineage_for_notices;
