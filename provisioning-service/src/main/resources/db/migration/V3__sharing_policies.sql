-- Sharing policies (the HotSpot settings of an operator): the current state of each; every version, the deletion
-- included, is kept in entity_version. A deleted policy's row is removed (its versions stay readable).
CREATE TABLE sharing_policy (
    id          VARCHAR(36)  PRIMARY KEY,            -- server-generated UUID, unique across operators
    operator_id VARCHAR(63)  NOT NULL REFERENCES operator (id),
    name        VARCHAR(200) NOT NULL,
    version     BIGINT       NOT NULL CHECK (version > 0),
    settings    JSONB        NOT NULL,               -- SharingPolicySettings, as published
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- An operator's policies, listed in creation order.
CREATE INDEX sharing_policy_operator ON sharing_policy (operator_id, created_at, id);
