-- Offload settings per device. Device ids are unique within an operator only.
create table device_settings (
    operator_id     text        not null,
    device_id       text        not null,
    offload_enabled boolean     not null,
    updated_at      timestamptz not null,
    primary key (operator_id, device_id)
);

-- A device's connection profile per network (SSID): created or updated by scans and manual connections. A hotspot
-- profile records its owning plugin and auth method and is blocked (applications may not use it) until authorized.
create table connection_profile (
    operator_id  text        not null,
    device_id    text        not null,
    ssid         text        not null,
    bssid        text,
    hotspot      boolean     not null,
    plugin_id    text,
    auth_method  text,
    display_name text,
    priority     integer,
    blocked      boolean     not null,
    updated_at   timestamptz not null,
    primary key (operator_id, device_id, ssid)
);

-- A connection and where it stands in its lifecycle (io.hop.offload.connection.ConnectionLifecycle).
create table connection (
    connection_id      uuid        primary key,
    operator_id        text        not null,
    device_id          text        not null,
    ssid               text        not null,
    bssid              text,
    plugin_id          text,
    auth_method        text,
    hotspot            boolean     not null,
    manual             boolean     not null,
    state              text        not null,
    reason             text,
    attempt            integer     not null,
    max_attempts       integer     not null,
    pending_request_id text,
    timer_due_at       timestamptz,
    blocked            boolean     not null,
    profile_deleted    boolean     not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
-- the device's live connections (a scan starts one only when the device has none)
create index connection_live on connection (operator_id, device_id) where state not in ('FAILED', 'DISCONNECTED');

-- Every transition, as published on offload.connections.v1.
create table connection_transition (
    connection_id uuid        not null references connection on delete cascade,
    seq           integer     not null,
    from_state    text,
    to_state      text        not null,
    reason        text,
    detail        text,
    attempt       integer     not null,
    blocked       boolean     not null,
    at            timestamptz not null,
    primary key (connection_id, seq)
);
