-- Issue 13. Migration 064 dropped every index of the tables a write grows. Measured since on a
-- national history in the order an ingest writes it (an agency's versions years apart, so no zone
-- map narrows a scan by agency), a reader's lookups of one agency scanned whole tables: its events
-- took 25 ms, against 4 ms with these four indexes. They grow by a row a notice, an agency or a
-- change event, and the writer does not pay for them measurably (1,000 notices into the
-- 100,000-notice national history: 8.5 ms a notice with them, 8.8 without, the same peak). The
-- index that cost (duties by snapshot: 5,000,000 rows there, +2 ms a notice and +145 MB) stays
-- dropped. Plain indexes, not keys: each key is kept by construction (storage/keys.py).
create index notices_id on notices(notice_id);
create index agencies_id on agencies(agency_id);
create index snapshots_agency on snapshots(agency_id);
create index changes_agency on changes(agency_id);
