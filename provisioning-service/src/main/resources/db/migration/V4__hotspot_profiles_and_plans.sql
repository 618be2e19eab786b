-- Hotspot offload profiles and plans: the current state of each, as the JSON of its last published event
-- (io.hop.contracts.provisioning.HotspotProfileChanged / PlanChanged); every version, the deletion included, is in
-- entity_version. Secrets inside the state (WISPr and APN passwords) are sealed (io.hop.platform.crypto.SecretBox).
CREATE TABLE hotspot_profile (
    id          VARCHAR(64)  PRIMARY KEY,
    operator_id VARCHAR(63)  NOT NULL REFERENCES operator (id),
    version     BIGINT       NOT NULL CHECK (version > 0),
    state       JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX hotspot_profile_operator ON hotspot_profile (operator_id, created_at);

CREATE TABLE plan (
    id          VARCHAR(64)  PRIMARY KEY,
    operator_id VARCHAR(63)  NOT NULL REFERENCES operator (id),
    version     BIGINT       NOT NULL CHECK (version > 0),
    state       JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX plan_operator ON plan (operator_id, created_at);
