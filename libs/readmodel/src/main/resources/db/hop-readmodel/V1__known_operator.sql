-- Tables of hop-readmodel: provisioning's state as this service knows it from provisioning.changes.v1.
-- Own location and history table (hop_readmodel_schema_history), so the library and each service evolve their
-- schemas independently. Written by plain JDBC in io.hop.readmodel.*; services do not map them as entities.
-- Each entity type adds its table in a migration of its own (V2__known_policy.sql, ...).

-- Operators (OperatorDirectory, entity type "operator"). "if not exists": databases created before this library
-- existed got the same table from the platform's migrations.
create table if not exists known_operator (
    operator_id text        primary key,
    name        text,
    status      text,
    version     bigint      not null,
    changed_at  timestamptz,
    applied_at  timestamptz not null default now()
);
