-- Every change of a provisioning entity is kept as an immutable version: the full state as published on
-- provisioning.changes.v1 (the same JSON), so that any earlier version stays readable and matches its event.
CREATE TABLE entity_version (
    entity_type VARCHAR(32)  NOT NULL,   -- as in the topic's keys: sharing-policy, hotspot-profile, plan, device-group, device
    entity_id   VARCHAR(200) NOT NULL,
    version     BIGINT       NOT NULL CHECK (version > 0),
    operator_id VARCHAR(63)  NOT NULL REFERENCES operator (id),
    state       JSONB,                   -- null: this version is the entity's deletion
    created_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (entity_type, entity_id, version)
);

-- Raised by every change that can change devices' effective configuration (policies, profiles, plans, groups):
-- a replica's cached view of an operator's configuration is current exactly when its epoch is the stored one.
ALTER TABLE operator ADD COLUMN config_epoch BIGINT NOT NULL DEFAULT 0;
