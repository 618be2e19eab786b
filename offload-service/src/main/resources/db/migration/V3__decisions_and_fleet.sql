-- Why each network of a scan was selected or rejected; one multi-row insert per scan, purged after a retention.
create table scan_decision (
    operator_id        text        not null,
    device_id          text        not null,
    scan_id            uuid        not null,
    decided_at         timestamptz not null,
    ssid               text,
    bssid              text,
    selected           boolean     not null,
    reason             text        not null,
    plugin_id          text,
    priority           integer,
    effective_priority integer,
    auth_method        text,
    fallback_reason    text,
    detail             text
);
create index scan_decision_device on scan_decision (operator_id, device_id, decided_at desc);
create index scan_decision_age on scan_decision (decided_at);

-- Post-connect outcomes per hotspot, for fleet learning over a sliding window.
create table fleet_outcome (
    operator_id text        not null,
    ssid        text        not null,
    bssid       text,
    failed      boolean     not null,
    at          timestamptz not null
);
create index fleet_outcome_operator on fleet_outcome (operator_id, at);
