-- Every source a notice came from. The same notice as an HTML page, a .txt of it or a traditional copy
-- has one notice_id (the hash of its normalised content) and so one `notices` row; each copy's source
-- is kept here, the first one included. An existing history starts with the one source it kept.
create table notice_sources (
    notice_id   varchar not null,       -- the notice (notices.notice_id)
    source      varchar not null,       -- the file path or address this copy came from
    first_seen  timestamptz not null,   -- when this source first gave the notice
    raw_sha256  varchar,                -- sha256 hex of this copy's bytes (differs between copies)
    raw_bytes   bigint,                 -- their size
    title       varchar,                -- the title as read from this copy (a page's may differ)
    primary key (notice_id, source)
);

insert into notice_sources
select notice_id, source, ingested_at, raw_sha256, octet_length(raw), title
from notices
where status = 'parsed' and source is not null;
