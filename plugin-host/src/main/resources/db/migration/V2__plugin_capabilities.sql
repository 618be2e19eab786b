-- A plugin's key-value store, scoped to (plugin, operator): PluginContext.store(operatorId).
create table plugin_kv (
    plugin_id   text   not null,
    operator_id text   not null,
    key         text   not null,
    value       bytea  not null,
    primary key (plugin_id, operator_id, key)
);

-- Counters of the same store (KeyValueStore.addAndGet): one atomic upsert per call, e.g. SQN block reservations.
create table plugin_counter (
    plugin_id   text   not null,
    operator_id text   not null,
    key         text   not null,
    value       bigint not null,
    primary key (plugin_id, operator_id, key)
);

-- Notifications sent through a plugin's notifier, by their stable id (plugin + dedup key): sent once.
create table plugin_notification (
    notification_id uuid        primary key,
    plugin_id       text        not null,
    device_id       text        not null,
    sent_at         timestamptz not null default now()
);

-- Each PluginActionRequested answered once, whatever its delivery: the result by request id.
create table plugin_action_result (
    request_id    text        primary key,
    connection_id text        not null,
    plugin_id     text,
    outcome       text        not null,
    completed_at  timestamptz not null default now()
);
