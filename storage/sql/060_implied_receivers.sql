-- Issue 14 (4). A body a regulation hands duties to (将X职责划给省Y厅) that no notice of its own nor any
-- amendment record describes gets an agency and partial versions made from those declarations alone:
-- snapshots rows with derived, partial and implied all true (storage/receivers.py).
alter table snapshots add column implied boolean default false;
