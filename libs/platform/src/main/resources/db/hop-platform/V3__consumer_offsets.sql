-- Offsets of the aggregating consumers (io.hop.platform.messaging.BatchConsumer, mode OFFSETS_IN_DATABASE): the next
-- offset to apply per consumer and partition, written in the same transaction as the aggregates it accounts for, so
-- that a batch's effect and its position commit together (exactly once, without an inbox row per record). The
-- consumer seeks to these offsets when it is assigned a partition; Kafka's committed offsets only feed lag metrics.
create table hop_consumer_offset (
    consumer    text        not null,           -- <service>.<channel>
    topic       text        not null,
    partition   integer     not null,
    next_offset bigint      not null,           -- the offset of the next record to apply
    updated_at  timestamptz not null default now(),
    primary key (consumer, topic, partition)
);
