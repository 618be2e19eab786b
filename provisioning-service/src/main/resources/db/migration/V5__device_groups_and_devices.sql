-- Device groups: an operator's rules that put devices in a group (state: the DeviceGroupChanged JSON as published),
-- tried in the order of their precedence, which is therefore unique per operator. A deleted group's row is removed;
-- its versions, the deletion included, stay in entity_version.
CREATE TABLE device_group (
    id          VARCHAR(36) PRIMARY KEY,          -- server-generated UUID, unique across operators
    operator_id VARCHAR(63) NOT NULL REFERENCES operator (id),
    precedence  INTEGER     NOT NULL,
    version     BIGINT      NOT NULL CHECK (version > 0),
    state       JSONB       NOT NULL,
    CONSTRAINT device_group_precedence_unique UNIQUE (operator_id, precedence)
);

-- Devices: hardware ids only (the group is resolved from the rules, never stored). Designed for millions of rows per
-- operator: the device's configuration is read by its primary key alone. A deleted device's row is removed.
CREATE TABLE device (
    operator_id   VARCHAR(63)  NOT NULL REFERENCES operator (id),
    device_id     VARCHAR(200) NOT NULL,
    imsi          VARCHAR(15),
    iccid         VARCHAR(22),
    provider_id   VARCHAR(200),
    provider_name VARCHAR(200),
    version       BIGINT       NOT NULL CHECK (version > 0),
    changed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (operator_id, device_id)
);
