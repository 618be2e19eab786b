-- Provisioning's configuration entities as this service knows them from provisioning.changes.v1 (issue 6).
-- Each table holds an entity's full event state ("state", JSONB written and read with the platform's event mapper
-- io.hop.platform.json.PlatformJson) next to the columns services query by. A change replaces a row only when its
-- version is newer; a tombstone deletes it. Written by plain JDBC in io.hop.readmodel.* (JsonStateTable).

-- Sharing policies (SharingPolicyDirectory, entity type "sharing-policy"). Ids are unique across operators.
create table known_sharing_policy (
    policy_id   text        primary key,
    operator_id text        not null,
    version     bigint      not null,
    changed_at  timestamptz,
    state       jsonb       not null,
    applied_at  timestamptz not null default now()
);
create index known_sharing_policy_operator on known_sharing_policy (operator_id);

-- Hotspot offload profiles (HotspotProfileDirectory, entity type "hotspot-profile").
create table known_hotspot_profile (
    profile_id  text        primary key,
    operator_id text        not null,
    version     bigint      not null,
    changed_at  timestamptz,
    state       jsonb       not null,
    applied_at  timestamptz not null default now()
);
create index known_hotspot_profile_operator on known_hotspot_profile (operator_id);

-- Plans (PlanDirectory, entity type "plan").
create table known_plan (
    plan_id     text        primary key,
    operator_id text        not null,
    version     bigint      not null,
    changed_at  timestamptz,
    state       jsonb       not null,
    applied_at  timestamptz not null default now()
);
create index known_plan_operator on known_plan (operator_id);

-- Device groups (DeviceGroupDirectory, entity type "device-group"). DeviceResolver reads all of an operator's groups
-- at once (an operator has few) and keeps them in memory.
create table known_device_group (
    group_id    text        primary key,
    operator_id text        not null,
    version     bigint      not null,
    changed_at  timestamptz,
    state       jsonb       not null,
    applied_at  timestamptz not null default now()
);
create index known_device_group_operator on known_device_group (operator_id);

-- The revision of each operator's groups: a new number from the sequence with every change or deletion of one of its
-- groups, in the same transaction. DeviceResolver reads it with the device (same statement) and uses its in-memory
-- copy of the groups only while the revision is unchanged, so that the copy is never stale: not after a change
-- applied by another replica on the same database, not after a rolled-back one (a sequence never hands out a number
-- twice, so a revision that was rolled back never comes back).
create sequence known_device_group_revision_seq;
create table known_device_group_revision (
    operator_id text   primary key,
    revision    bigint not null
);

-- Devices (DeviceDirectory, entity type "device", entity id <operatorId>:<deviceId>). Up to a million per operator:
-- a device is read by its primary key, and listed by operator in key order (pages).
create table known_device (
    operator_id   text        not null,
    device_id     text        not null,
    imsi          text,
    iccid         text,
    provider_id   text,
    provider_name text,
    version       bigint      not null,
    changed_at    timestamptz,
    state         jsonb       not null,
    applied_at    timestamptz not null default now(),
    primary key (operator_id, device_id)
);
