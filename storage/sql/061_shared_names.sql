-- Issue 14 (1). A sign or 对外称 name that the records of two or more agencies carry (省人民政府口岸工作办公室
-- on the foreign trade department in 2010 and on the foreign affairs office in 2019) joins neither to
-- the other: it is no key of `agency_names`, and each agency carrying it has a row here. A change
-- naming it goes to the one carrier whose version in force on the change's date carries it.
create table shared_names (
    name_key  varchar not null,
    agency_id varchar not null,
    primary key (name_key, agency_id)
);
create index shared_names_agency on shared_names (agency_id);

create or replace view agency_identity as
with successors as (
    select predecessor_id, min(successor_id) as successor_id
    from lineage_links
    where relation in ('renamed', 'merged_into', 'split_into', 'abolished_into')
    group by all
),
shared as (
    select name_key, list(agency_id order by agency_id) as carriers from shared_names group by all
)
select
    f.name,
    f.context,
    f.level,
    f.name_key,
    coalesce(n.agency_id, l.successor_id) as agency_id,
    case
        when f.how = 'override' then 'override'
        when n.agency_id is null and s.carriers is not null then 'shared'
        when n.agency_id is null and l.successor_id is not null then 'lineage'
        when n.agency_id is null then 'unresolved'
        when n.via = 'alias' then 'alias'
        else f.how
    end as how,
    s.carriers as shared_by
from name_forms f
left join agency_names n on n.name_key = f.name_key
left join shared s on s.name_key = f.name_key
left join successors l on l.predecessor_id = substr(sha256(f.name_key), 1, 16);
