-- Point lookups for one agency's history (timelines, as-of for one agency) stay in the milliseconds.
create index snapshots_agency on snapshots (agency_id);
create index duties_snapshot on duties (snapshot_id);
create index staffing_snapshot on staffing (snapshot_id);
create index changes_agency on changes (agency_id);
