-- Usage is aggregated on ingest: one row per device and billing period (and one per tethered client), never a row
-- per usage record, so hundreds of millions of records cost only counter updates. Kafka records need no row at all
-- (the consumer's offsets commit in the same transaction, hop_consumer_offset); REST records leave their id in
-- usage_seen_record for idempotency, purged after hop.usage.seen-record-retention (UsageHousekeeping).
-- The counters are updated in place all period long: fillfactor 70 leaves room in each page for the new row version,
-- so an update is HOT (no index entry written; the primary key columns never change).

CREATE TABLE usage_counter (
    operator_id        text        NOT NULL,
    device_id          text        NOT NULL,
    period_start       timestamptz NOT NULL,
    period_end         timestamptz NOT NULL,
    bytes_up           bigint      NOT NULL DEFAULT 0,
    bytes_down         bigint      NOT NULL DEFAULT 0,
    cellular_up        bigint      NOT NULL DEFAULT 0,
    cellular_down      bigint      NOT NULL DEFAULT 0,
    wifi_offload_up    bigint      NOT NULL DEFAULT 0,
    wifi_offload_down  bigint      NOT NULL DEFAULT 0,
    tethered_up        bigint      NOT NULL DEFAULT 0,
    tethered_down      bigint      NOT NULL DEFAULT 0,
    roaming_up         bigint      NOT NULL DEFAULT 0,
    roaming_down       bigint      NOT NULL DEFAULT 0,
    records            bigint      NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (operator_id, device_id, period_start)
) WITH (fillfactor = 70);
COMMENT ON TABLE usage_counter IS 'bytes per device and billing period, per interface and roaming; one row per period';

CREATE TABLE usage_client_counter (
    operator_id   text        NOT NULL,
    device_id     text        NOT NULL,
    period_start  timestamptz NOT NULL,
    client_id     text        NOT NULL,
    bytes_up      bigint      NOT NULL DEFAULT 0,
    bytes_down    bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (operator_id, device_id, period_start, client_id)
) WITH (fillfactor = 70);
COMMENT ON TABLE usage_client_counter IS 'bytes per tethered client of a device and billing period';

CREATE TABLE usage_seen_record (
    operator_id  text        NOT NULL,
    record_id    text        NOT NULL,
    seen_at      timestamptz NOT NULL,
    PRIMARY KEY (operator_id, record_id)
);
CREATE INDEX usage_seen_record_seen_at ON usage_seen_record (seen_at);
COMMENT ON TABLE usage_seen_record IS 'record ids posted to POST /v1/usage-records (idempotency), purged after the retention';
