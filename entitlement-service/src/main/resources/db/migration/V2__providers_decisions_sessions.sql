-- Entitlement providers: the server-side form of an operator's "entitlement DLL", named as the sharing policy's
-- entitlementProvider names them. Secrets are sealed with SecretBox (v1:...), never stored in plain text.
create table entitlement_provider (
    operator_id        text        not null,
    name               text        not null,
    type               text        not null check (type in ('WEBHOOK', 'PLAN_ALLOWANCE', 'ALLOW_ALL')),
    url                text,
    timeout_ms         integer,
    sealed_secret      text,
    sealed_bearer      text,
    version            bigint      not null,
    updated_at         timestamptz not null,
    primary key (operator_id, name)
);

-- Every decision taken, whoever asked (also published as EntitlementDecided).
create table entitlement_decision (
    decision_id   uuid        primary key,
    operator_id   text        not null,
    device_id     text        not null,
    result        text        not null,
    reason        text,
    provider_type text,
    trigger       text        not null,
    decided_at    timestamptz not null
);
create index entitlement_decision_device on entitlement_decision (operator_id, device_id, decided_at desc);

-- Tethering allowance exhausted (usage.alerts.v1), per device and billing period: PLAN_ALLOWANCE fails while the
-- period it was exhausted in is the device's current one.
create table tethering_allowance (
    operator_id   text        not null,
    device_id     text        not null,
    period_start  timestamptz not null,
    exhausted_at  timestamptz not null,
    alert_id      text        not null,
    primary key (operator_id, device_id)
);

-- A device's internet-sharing session: one row per device, the current or last session. The policy it runs with is
-- pinned (its settings as JSON and its version) when sharing starts.
create table sharing_session (
    operator_id          text        not null,
    device_id            text        not null,
    session_id           uuid        not null,
    state                text        not null check (state in ('ON', 'OFF')),
    policy_id            text,
    policy_version       bigint      not null,
    settings             jsonb       not null,
    wifi_clients         jsonb       not null default '[]',
    bluetooth_clients    jsonb       not null default '[]',
    public_available     boolean,
    public_connection    text,
    public_lost_since    timestamptz,
    started_at           timestamptz not null,
    stopped_at           timestamptz,
    stop_reason          text,
    last_result          text,
    last_reason          text,
    last_checked_at      timestamptz,
    unavailable_attempts integer     not null default 0,
    peerless_due_at      timestamptz,
    public_due_at        timestamptz,
    recheck_due_at       timestamptz,
    last_refusal         text,
    last_refusal_at      timestamptz,
    updated_at           timestamptz not null,
    primary key (operator_id, device_id)
);
create index sharing_session_on_by_policy on sharing_session (policy_id) where state = 'ON';

-- The shared network the user chose; the passphrase is sealed and never returned.
create table shared_network (
    operator_id       text        not null,
    device_id         text        not null,
    ssid              text        not null,
    sealed_passphrase text        not null,
    updated_at        timestamptz not null,
    primary key (operator_id, device_id)
);
