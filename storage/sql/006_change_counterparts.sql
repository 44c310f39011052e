-- Counterparts are kept by name key and resolved to agency ids after every write (an agency named by
-- an older notice may be stored later); snapshots keep the record's own names for alias lists.
alter table changes add column counterpart_key varchar;
alter table snapshots add column names varchar[];
