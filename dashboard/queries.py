"""SQL text of the dashboard, kept apart from the Python that runs it.

Every value is a bound named parameter (`$name`); filters take lists, where an empty list means
"no filter", so one statement serves every combination of filters without building SQL strings.
Aggregation happens here, in DuckDB, so a page never loads a whole table of a large history.
"""

from __future__ import annotations

# Whether the database holds anything a reviewer could look at.
NOTICE_COUNT = "select count(*) from notices"

FILTER_AGENCIES = "select agency_id, name, region from agencies order by name"

FILTER_REGIONS = "select distinct region from agencies order by region"

FILTER_CHANGE_TYPES = "select distinct change_type from changes order by change_type"

DATE_RANGE = "select min(valid_from), max(valid_from) from snapshots"

# Shared filter of change events: agencies, regions, change types and an inclusive date range.
# `changes.published_on` (the new version's valid_from) spares a join on the large tables.
_EVENT_FILTER = """
    (len($agencies) = 0 or list_contains($agencies, c.agency_id))
    and (len($regions) = 0 or c.agency_id in (select agency_id from agencies where list_contains($regions, region)))
    and (len($types) = 0 or list_contains($types, c.change_type))
    and ($start is null or c.published_on >= $start)
    and ($end is null or c.published_on <= $end)
"""

# Versions (not amendment records) within the filters: agencies, regions, an inclusive date range,
# and with a change-type filter only agencies that have such an event. Every agency has versions, so
# an agency without a single change event still counts and shows.
_VERSION_FILTER = f"""
    not s.amendment
    and (len($agencies) = 0 or list_contains($agencies, s.agency_id))
    and (len($regions) = 0 or s.agency_id in (select agency_id from agencies where list_contains($regions, region)))
    and ($start is null or s.valid_from >= $start)
    and ($end is null or s.valid_from <= $end)
    and (len($types) = 0 or s.agency_id in (select c.agency_id from changes c where {_EVENT_FILTER}))
"""

TIMELINE_TOTALS = f"""
select (select count(distinct s.agency_id) from snapshots s where {_VERSION_FILTER}) as agencies,
       (select count(*) from snapshots s where {_VERSION_FILTER}) as versions,
       (select count(*) from changes c where {_EVENT_FILTER}) as events
"""

# The same without any filter (the first page): plain counts, without the filters' subqueries.
TIMELINE_TOTALS_ALL = """
select (select count(distinct agency_id) from snapshots where not amendment) as agencies,
       (select count(*) from snapshots where not amendment) as versions,
       (select count(*) from changes) as events
"""

# The `top` agencies with the most versions and events within the filters, each with both counts.
TIMELINE_AGENCIES = f"""
with v as (select s.agency_id, count(*) as versions from snapshots s where {_VERSION_FILTER} group by all),
e as (select c.agency_id, count(*) as events from changes c where {_EVENT_FILTER} group by all)
select v.agency_id, a.name as agency, v.versions, coalesce(e.events, 0) as events
from v
join agencies a on a.agency_id = v.agency_id
left join e on e.agency_id = v.agency_id
order by v.versions + coalesce(e.events, 0) desc, a.name
limit $top
"""

# Events per agency, day and type of the given agencies: aggregated in DuckDB, one row per circle.
TIMELINE_EVENTS = f"""
select c.agency_id, a.name as agency, c.published_on as day, c.change_type, count(*) as events
from changes c
join agencies a on a.agency_id = c.agency_id
where c.agency_id in (select unnest($shown::varchar[])) and {_EVENT_FILTER}
group by all
order by day, agency
"""

# Versions of the given agencies: one tick each on the timeline.
TIMELINE_VERSIONS = """
select s.agency_id, a.name as agency, s.valid_from as day, s.snapshot_id, s.derived, n.title
from snapshots s
join agencies a on a.agency_id = s.agency_id
left join notices n on n.notice_id = s.notice_id
where list_contains($agencies, s.agency_id) and not s.amendment
  and ($start is null or s.valid_from >= $start)
  and ($end is null or s.valid_from <= $end)
order by s.valid_from
"""

# Every agency with what a reviewer may search it by: its name, aliases and the names of its versions
# (former names), its region and number of versions; the Agency page's picker.
AGENCY_DIRECTORY = """
select a.agency_id, a.name, a.region, a.aliases,
       list(distinct s.display_name) filter (where s.display_name is not null) as former,
       list(distinct s.record->>'agency') filter (where s.record->>'agency' is not null) as record_names,
       count(s.snapshot_id) as versions
from agencies a
left join snapshots s on s.agency_id = a.agency_id and not s.amendment
group by all
order by a.region, a.name
"""

CHANGES_TABLE = f"""
select c.published_on as date, a.name as agency, c.change_type, c.section, c.unit_name,
       c.old_text, c.new_text, c.similarity, n.title as notice, c.change_id, c.agency_id, c.notice_id
from changes c
join agencies a on a.agency_id = c.agency_id
left join notices n on n.notice_id = c.notice_id
where {_EVENT_FILTER}
  and ($min_similarity is null or c.similarity >= $min_similarity)
order by c.published_on, a.name, c.seq
limit $limit
"""

AGENCY = "select agency_id, name, aliases, region from agencies where agency_id = $agency_id"

# The agencies whose name or one of whose aliases contains $q: the agency filter of the timeline and
# changes pages (a text box: a list of every agency made the first page a second slower to draw).
MATCH_AGENCIES = """
select agency_id
from agencies
where contains(name, $q) or len(list_filter(aliases, lambda a: contains(a, $q))) > 0
order by agency_id
"""

AGENCY_VERSIONS = """
select s.snapshot_id, s.valid_from, s.valid_to, s.derived, s.partial, s.warnings, s.base_snapshot, s.notice_id,
       n.title, n.doc_number, n.kind
from snapshots s
left join notices n on n.notice_id = s.notice_id
where s.agency_id = $agency_id and not s.amendment
order by s.valid_from, s.seq, s.snapshot_id
"""

# Predecessors and successors. A linked body that no stored notice defines has no agencies row; its
# name key (region|name), whose hash is its id, still names it.
AGENCY_LINEAGE = """
with keys as (
    select predecessor_key as key from lineage_claims
    union select predecessor_key from lineage_curated
    union select successor_key from lineage_curated
),
named as (select substr(sha256(key), 1, 16) as agency_id, min(key) as name_key from keys group by all),
links as (
    select 'predecessor' as direction, predecessor_id as agency_id, relation, effective_date, source
    from agency_lineage where successor_id = $agency_id
    union all
    select 'successor', successor_id, relation, effective_date, source
    from agency_lineage where predecessor_id = $agency_id
)
select l.direction, l.relation, l.effective_date, l.agency_id, a.name, n.name_key, l.source,
       a.agency_id is not null as stored
from links l
left join agencies a on a.agency_id = l.agency_id
left join named n on n.agency_id = l.agency_id
order by l.direction, l.effective_date nulls last, coalesce(a.name, n.name_key)
"""

RECORD_AS_OF = """
select snapshot_id, derived, section, ordinal, unit_name, kind, text
from duties_as_of($day)
where agency_id = $agency_id
order by position
"""

STAFFING_OVER_TIME = """
select s.valid_from as day, st.category, st.count
from staffing st
join snapshots s on s.snapshot_id = st.snapshot_id
where s.agency_id = $agency_id and st.included_in is null and not s.amendment
order by s.valid_from, st.category
"""

SNAPSHOT_RECORD = "select record from snapshots where snapshot_id = $snapshot_id"

# Stored change events between two versions of one agency (adjacent versions have them).
CHANGES_BETWEEN = """
select change_id, change_type, section, unit_name, old_text, new_text, similarity, detail
from changes
where from_snapshot = $old and to_snapshot = $new
order by seq
"""

NOTICE_LIST = """
select notice_id, published_on, coalesce(title, source) as label, status
from notices
order by published_on desc nulls last, title
"""

NOTICE = """
select notice_id, title, doc_number, issuer, published_on, source, ingested_at, status, reason, kind,
       text, quality
from notices
where notice_id = $notice_id
"""

# Spans of every record item that a notice defines, to highlight in its text (joined on the write
# stamp too, so only the row groups of the notice's own write are read: docs/schema.md).
NOTICE_SPANS = """
select d.span_start, d.span_end, d.section, a.name as agency
from duties d
join snapshots s on s.snapshot_id = d.snapshot_id and d.written = s.written
join agencies a on a.agency_id = s.agency_id
where s.notice_id = $notice_id and not s.derived and d.span_start is not null and d.span_end > d.span_start
order by d.span_start, d.span_end desc
"""

# An amendment notice's own records: their effects carry the spans (derived versions point elsewhere).
NOTICE_RECORDS = """
select s.record, a.name as agency
from snapshots s
join agencies a on a.agency_id = s.agency_id
where s.notice_id = $notice_id and not s.derived
union all
select r.record, a.name
from amendment_records r
join agencies a on a.agency_id = r.agency_id
where r.notice_id = $notice_id
"""

REJECTED = """
select source, reason, ingested_at
from notices where status = 'rejected'
order by ingested_at desc
limit 200
"""

SEARCH_DUTIES = """
select a.name as agency, s.valid_from, s.valid_to, d.section, d.ordinal, d.unit_name, d.text,
       a.agency_id, s.snapshot_id
from duties d
join snapshots s on s.snapshot_id = d.snapshot_id
join agencies a on a.agency_id = s.agency_id
where contains(d.text, $q) and not s.amendment and (not $current or s.valid_to is null)
order by a.name, s.valid_from, d.section, d.ordinal
limit $limit
"""

# Shown on the SQL page as starting points; their names are vocab labels sql.ex.<key>.
EXAMPLES: dict[str, str] = {
    "types": "select change_type, count(*) as events\nfrom changes\ngroup by all\norder by events desc",
    "versions": (
        "select a.name, count(*) as versions, min(s.valid_from) as first, max(s.valid_from) as last\n"
        "from snapshots s join agencies a using (agency_id)\ngroup by all\norder by versions desc\nlimit 50"
    ),
    "as_of": (
        "select agency, section, ordinal, text\nfrom duties_as_of(date '2012-01-01')\n"
        "where section = 'duty'\norder by agency, ordinal\nlimit 100"
    ),
    "rejected": "select source, reason, ingested_at\nfrom notices\nwhere status = 'rejected'",
}

# Reform rounds: what moved between agencies of a region in a period. Observed transfers are the
# `transferred` rows at the giver's end (detail.direction 'out'); declared ones are the adjustments a
# notice states (划入/划出 with a named counterpart), whether or not the counterpart is stored.
_ROUND_FILTER = """
    (len($regions) = 0 or c.agency_id in (select agency_id from agencies where list_contains($regions, region)))
    and ($start is null or c.published_on >= $start)
    and ($end is null or c.published_on <= $end)
"""

ROUND_TRANSFERS = f"""
select coalesce(g.name, c.agency_id) as giver, coalesce(r.name, c.counterpart_agency_id) as receiver,
       c.agency_id as giver_id, c.counterpart_agency_id as receiver_id, 'observed' as how,
       c.section, coalesce(c.old_text, c.new_text) as text, c.notice_id, n.title, c.published_on
from changes c
join agencies g on g.agency_id = c.agency_id
left join agencies r on r.agency_id = c.counterpart_agency_id
left join notices n on n.notice_id = c.notice_id
where c.change_type = 'transferred' and c.detail->>'direction' = 'out' and {_ROUND_FILTER}
union all
select case when c.detail->>'kind' = 'transferred_in' then c.detail->>'counterpart' else a.name end,
       case when c.detail->>'kind' = 'transferred_in' then a.name else c.detail->>'counterpart' end,
       case when c.detail->>'kind' = 'transferred_in' then null else c.agency_id end,
       case when c.detail->>'kind' = 'transferred_in' then c.agency_id else null end,
       'declared', c.section, c.new_text, c.notice_id, n.title, c.published_on
from changes c
join agencies a on a.agency_id = c.agency_id
left join notices n on n.notice_id = c.notice_id
where c.change_type = 'declared_adjustment' and c.detail->>'kind' in ('transferred_in', 'transferred_out')
  and c.detail->>'counterpart' is not null and {_ROUND_FILTER}
order by published_on, giver, receiver
"""

# Amendment notices' own records in the period: their effects say how many posts move with a duty.
ROUND_AMENDMENTS = """
select s.record, a.name as agency, s.notice_id, n.title, s.published_on
from amendment_records s
join agencies a on a.agency_id = s.agency_id
left join notices n on n.notice_id = s.notice_id
where (len($regions) = 0 or list_contains($regions, a.region))
  and ($start is null or s.published_on >= $start)
  and ($end is null or s.published_on <= $end)
"""

# Agencies whose first version falls in the period: created (or first defined) in the round.
ROUND_CREATED = """
select a.agency_id, a.name, min(s.valid_from) as day, arg_min(s.notice_id, s.valid_from) as notice_id,
       arg_min(n.title, s.valid_from) as title
from snapshots s
join agencies a on a.agency_id = s.agency_id
left join notices n on n.notice_id = s.notice_id
where not s.amendment and (len($regions) = 0 or list_contains($regions, a.region))
group by all
having ($start is null or min(s.valid_from) >= $start) and ($end is null or min(s.valid_from) <= $end)
order by day, a.name
"""

# Merged, renamed, split and abolished bodies whose link takes effect in the period.
ROUND_LINEAGE = """
with keys as (
    select predecessor_key as key from lineage_claims
    union select predecessor_key from lineage_curated
    union select successor_key from lineage_curated
),
named as (select substr(sha256(key), 1, 16) as agency_id, min(key) as name_key from keys group by all)
select l.relation, l.effective_date as day, coalesce(p.name, pn.name_key, l.predecessor_id) as predecessor,
       coalesce(s.name, sn.name_key, l.successor_id) as successor, l.predecessor_id, l.successor_id, l.source
from agency_lineage l
left join agencies p on p.agency_id = l.predecessor_id
left join agencies s on s.agency_id = l.successor_id
left join named pn on pn.agency_id = l.predecessor_id
left join named sn on sn.agency_id = l.successor_id
where (len($regions) = 0 or list_contains($regions, coalesce(s.region, p.region)))
  and ($start is null or l.effective_date >= $start)
  and ($end is null or l.effective_date <= $end)
order by day nulls last, successor
"""
