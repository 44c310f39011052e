-- The base tables of the history (CONTRACT §3). Nothing is ever overwritten: a notice adds snapshots,
-- and validity ranges, derived versions and changes are recomputed from the set of snapshots.

create table notices (
    notice_id   varchar primary key,    -- sha256 of the normalised text (rejections: sha256 of the raw bytes)
    title       varchar,
    doc_number  varchar,
    issuer      varchar,
    published_on date,
    source      varchar,
    ingested_at timestamptz not null default current_timestamp,
    status      varchar not null check (status in ('parsed', 'rejected')),
    reason      varchar,
    kind        varchar,                -- sanding / functions / amendment
    text        varchar,                -- the normalised text every span points into
    raw         blob,                   -- the bytes as fetched, kept for `yange rebuild`
    raw_sha256  varchar,
    quality     json
);

create table agencies (
    agency_id varchar primary key,      -- sha256 prefix of the agency's canonical key (region|trimmed name)
    name      varchar not null,         -- the name of its latest version
    aliases   varchar[] not null,       -- every other name, sign (加挂牌子) and trimmed form seen
    region    varchar not null          -- 福建, 中央, ...
);

-- Every name key an agency answers to: how names, aliases and trimmed forms resolve.
create table agency_names (
    name_key  varchar primary key,
    agency_id varchar not null
);

create table snapshots (
    snapshot_id   varchar primary key,
    agency_id     varchar,
    notice_id     varchar not null,
    valid_from    date,                 -- the notice's published_on
    valid_to      date,                 -- the next version's valid_from; NULL = current
    record        json not null,        -- canonical AgencyRecord JSON
    record_hash   varchar not null,
    derived       boolean not null default false,   -- produced by applying an amendment to a base
    partial       boolean not null default false,   -- derived with no earlier version: only what the notice says
    base_snapshot varchar,              -- for a derived version: the version the effects were applied to
    amendment     boolean not null default false,   -- an amendment notice's record: effects only, never in force
    counterpart_keys varchar[] not null default [],  -- name keys of the other agencies its effects name
    agency_key    varchar not null,     -- region|trimmed name of the record's own agency name
    alias_keys    varchar[] not null,
    display_name  varchar not null,     -- the record's agency name, region-qualified
    seq           integer not null      -- the record's position in its notice
);

create table duties (
    snapshot_id    varchar not null,
    section        varchar not null check (section in ('duty', 'unit', 'adjustment', 'other')),
    ordinal        integer,
    parent_ordinal integer,             -- for a nested duty item: the ordinal of its parent duty
    unit_name      varchar,
    unit_alias     varchar,
    kind           varchar,             -- adjustment KIND for section 'adjustment'
    text           varchar not null,
    span_start     integer,
    span_end       integer,
    position       integer not null     -- order inside the snapshot
);

create table staffing (
    snapshot_id varchar not null,
    category    varchar not null,
    count       integer not null,
    included_in varchar,
    text        varchar,
    position    integer not null
);

create table changes (
    change_id             varchar primary key,
    agency_id             varchar not null,
    from_snapshot         varchar,      -- NULL for an agency's first version
    to_snapshot           varchar not null,
    change_type           varchar not null,
    section               varchar,
    unit_name             varchar,
    old_text              varchar,
    new_text              varchar,
    similarity            double,
    notice_id             varchar not null,
    detail                json,
    old_span_start        integer,
    old_span_end          integer,
    new_span_start        integer,
    new_span_end          integer,
    counterpart_agency_id varchar,
    counterpart_snapshot  varchar,
    published_on          date,         -- the to_snapshot's valid_from, kept here for fast timelines
    seq                   integer not null
);

-- What notices state about predecessors (从原…划入, 不再保留…), by name key; resolved in agency_lineage.
create table lineage_claims (
    snapshot_id     varchar not null,
    predecessor_key varchar not null,
    relation        varchar not null
);

-- The curated mapping of storage/lineage.yaml, by name key; reloaded whenever a writer connects.
create table lineage_curated (
    predecessor_key varchar not null,
    successor_key   varchar not null,
    relation        varchar not null,
    effective_date  date,
    source          varchar not null
);
