-- Operators: the tenants of the platform. Every other provisioning table will reference one.
CREATE TABLE operator (
    id         VARCHAR(63)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    status     VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    version    BIGINT       NOT NULL CHECK (version > 0),
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
