-- Ingest at scale (docs/architecture.md, "usage-service"): the Kafka path appends each batch's usage, aggregated per
-- device, billing period, hour, interface, client/hotspot and roaming, to usage_pending (append-only, no index: an
-- insert costs no index maintenance and no row lock) in the transaction that stores the consumer's offsets. The
-- roll-up (UsageRollup, one replica at a time) moves pending rows, in transactions of bounded size, into the counters
-- (with the alerts), the hourly history and the operators' hourly statistics. However many records arrive, a device's
-- counter is updated once per roll-up. WAL-logged like every table here: a crash loses nothing.
CREATE TABLE usage_pending (
    operator_id        text        NOT NULL,
    device_id          text        NOT NULL,
    period_start       timestamptz NOT NULL,
    period_end         timestamptz NOT NULL,
    plan_id            text,
    hour               timestamptz NOT NULL,
    network_interface  text        NOT NULL,
    label              text,
    roaming            boolean     NOT NULL,
    bytes_up           bigint      NOT NULL,
    bytes_down         bigint      NOT NULL,
    records            bigint      NOT NULL
);
COMMENT ON TABLE usage_pending IS 'usage appended by the Kafka ingest path, not yet rolled up into the counters (UsageRollup)';
COMMENT ON COLUMN usage_pending.label IS 'TETHERED_CLIENT: the client id; WIFI_OFFLOAD: the hotspot (HotspotKey) the device was on, or null';

-- The hourly history of every device: what the raw records were, at the resolution of an hour (billing snapshots
-- read "usage after the snapshot" here; reports). Range-partitioned by month on hour; UsageHousekeeping creates the
-- coming months' partitions and drops those older than hop.usage.history-retention (a partition drop, no delete).
CREATE TABLE usage_hourly (
    operator_id        text        NOT NULL,
    device_id          text        NOT NULL,
    period_start       timestamptz NOT NULL,
    hour               timestamptz NOT NULL,
    network_interface  text        NOT NULL,
    label              text,
    roaming            boolean     NOT NULL,
    bytes_up           bigint      NOT NULL,
    bytes_down         bigint      NOT NULL,
    records            bigint      NOT NULL
) PARTITION BY RANGE (hour);
CREATE TABLE usage_hourly_default PARTITION OF usage_hourly DEFAULT;
CREATE INDEX usage_hourly_device ON usage_hourly (operator_id, device_id, hour);
COMMENT ON TABLE usage_hourly IS 'per device and hour (one row per roll-up that saw it): interface, client or hotspot, roaming; monthly partitions';

-- Per operator, hour, interface and hotspot: the offload report's source (a few rows per operator and hour).
CREATE TABLE usage_operator_hourly (
    operator_id        text        NOT NULL,
    hour               timestamptz NOT NULL,
    network_interface  text        NOT NULL,
    hotspot            text        NOT NULL DEFAULT '',
    bytes_up           bigint      NOT NULL,
    bytes_down         bigint      NOT NULL,
    PRIMARY KEY (operator_id, hour, network_interface, hotspot)
);

-- Devices' hotspot connections (offload.connections.v1): which hotspot a WIFI_OFFLOAD record is attributed to.
CREATE TABLE usage_device_hotspot (
    operator_id       text        NOT NULL,
    device_id         text        NOT NULL,
    connection_id     text        NOT NULL,
    ssid              text        NOT NULL,
    bssid             text,
    plugin_id         text,
    connected_at      timestamptz NOT NULL,
    disconnected_at   timestamptz,
    PRIMARY KEY (operator_id, device_id, connected_at, connection_id)
);
COMMENT ON TABLE usage_device_hotspot IS 'intervals during which a device was on a hotspot (AUTHORIZED until DISCONNECTED/FAILED or the next connection)';

-- Tethered clients as the sharing sessions saw them (sharing.sessions.v1).
CREATE TABLE usage_sharing_client (
    operator_id     text        NOT NULL,
    device_id       text        NOT NULL,
    session_id      text        NOT NULL,
    client_id       text        NOT NULL,
    transport       text,
    joined_at       timestamptz NOT NULL,
    left_at         timestamptz,
    PRIMARY KEY (operator_id, device_id, session_id, client_id, joined_at)
);
