-- The bytes of a notice as fetched, deflated by the writer (zlib). Every checkpoint after an append
-- rewrites the long strings of a table's last, partly filled row group, so the raw bytes, kept only
-- for `yange rebuild`, cost the writer memory and time on every batch; deflated they are a third of
-- the size. Rows written before this migration keep `raw` as it was; new rows leave it NULL.
alter table notices add column raw_deflated blob;
