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

# Events per agency, day and type, for the busiest agencies within the filter: aggregated before
# any join, so a million events cost one scan.
TIMELINE_EVENTS = f"""
with counts as (
    select c.agency_id, c.published_on as day, c.change_type, count(*) as events
    from changes c
    where {_EVENT_FILTER}
    group by all
),
busiest as (
    select agency_id from counts group by agency_id order by sum(events) desc, agency_id limit $top
)
select k.agency_id, a.name as agency, k.day, k.change_type, k.events
from counts k
join busiest b on b.agency_id = k.agency_id
join agencies a on a.agency_id = k.agency_id
order by k.day, a.name
"""

TIMELINE_TOTALS = f"""
select count(*) as events, count(distinct c.agency_id) as agencies, count(distinct c.to_snapshot) as versions
from changes c
where {_EVENT_FILTER}
"""

# Versions of the given agencies: one point each on the timeline.
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

# A name or alias to agency ids, exact first: the Agency page's search box.
FIND_AGENCY = """
select agency_id, name
from agencies
where name = $q or list_contains(aliases, $q) or contains(name, $q)
order by (name = $q) desc, length(name), name
limit 50
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
select notice_id, concat_ws(' ', published_on, coalesce(title, source)) as label, status
from notices
order by published_on desc nulls last, title
"""

NOTICE = """
select notice_id, title, doc_number, issuer, published_on, source, ingested_at, status, reason, kind,
       text, quality
from notices
where notice_id = $notice_id
"""

# Spans of every record item that a notice defines, to highlight in its text.
NOTICE_SPANS = """
select d.span_start, d.span_end, d.section, a.name as agency
from duties d
join snapshots s on s.snapshot_id = d.snapshot_id
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

# Shown on the SQL page as starting points.
EXAMPLES: dict[str, str] = {
    "Change events per type": "select change_type, count(*) as events\nfrom changes\ngroup by all\norder by events desc",
    "Versions per agency": (
        "select a.name, count(*) as versions, min(s.valid_from) as first, max(s.valid_from) as last\n"
        "from snapshots s join agencies a using (agency_id)\ngroup by all\norder by versions desc\nlimit 50"
    ),
    "Duties in force on a date": (
        "select agency, section, ordinal, text\nfrom duties_as_of(date '2012-01-01')\n"
        "where section = 'duty'\norder by agency, ordinal\nlimit 100"
    ),
    "Rejected notices": "select source, reason, ingested_at\nfrom notices\nwhere status = 'rejected'",
}
