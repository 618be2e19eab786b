-- Platform tables of every service (hop-platform), in the platform's own Flyway location and history table
-- (hop_platform_schema_history, see io.hop.platform.schema.LibrarySchema): the platform and each service evolve their
-- schemas independently. The tables are written by plain JDBC in io.hop.platform.*; services do not map them.

-- Transactional outbox: events committed with the state change they announce, published by OutboxRelay.
create table hop_outbox (
    seq         bigserial   primary key,        -- publication order (per key = commit order, see OutboxStore)
    id          uuid        not null unique,    -- ce_id
    topic       text        not null,
    event_key   text        not null,           -- Kafka record key
    ce_type     text        not null,
    ce_source   text        not null,
    ce_subject  text,
    ce_time     timestamptz not null,
    payload     json        not null,           -- json (not jsonb) keeps the serialized text byte for byte
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,                    -- set once Kafka acknowledged; purged after hop.outbox.retention
    attempts    integer     not null default 0, -- failed sends so far
    last_error  text
);
create index hop_outbox_unsent on hop_outbox (seq) where sent_at is null;
create index hop_outbox_sent on hop_outbox (sent_at) where sent_at is not null;

-- Inbox: the events each consumer has processed (idempotent consumers).
create table hop_inbox (
    consumer     text        not null,
    event_id     text        not null,          -- ce_id
    event_type   text,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index hop_inbox_processed_at on hop_inbox (processed_at);

-- Durable timers, fired once across replicas and restarts by TimerPoller.
create table hop_timer (
    timer_key    text        primary key,
    timer_type   text        not null,
    due_at       timestamptz not null,
    payload      text,
    failures     integer     not null default 0,
    generation   uuid        not null,          -- new on every (re)schedule: a firing deletes only its own schedule
    last_error   text,
    scheduled_at timestamptz not null default now()
);
create index hop_timer_due on hop_timer (due_at);

