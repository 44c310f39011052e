-- What each ingest source has already seen (flows/sources/state.py): the validators a server gave
-- for conditional requests, the sha256 of the bytes last stored from a location, and for index pages
-- and feeds the links they listed. Written after the notices it describes.
create table source_state (
    location      varchar primary key,  -- a file path or an http(s) address
    etag          varchar,
    last_modified varchar,
    content_hash  varchar,              -- sha256 hex of the raw bytes last stored or rejected
    links         varchar[],            -- for an index page or feed: the notice links it listed
    seen_at       timestamptz not null
);
