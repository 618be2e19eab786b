-- The five service databases of the platform (shared/design/contract.md), one per service, and the database of
-- plugin-host-partner (the second plugin host; created last: compose's postgres health check waits for it).
-- Run once by the postgres image's entrypoint on an empty data directory (/docker-entrypoint-initdb.d), as the
-- role of POSTGRES_USER (hop), which therefore owns them: docker-compose.yml and deploy/overlays/local.
-- bin/infra creates the same databases on a local server; production declares them as CloudNativePG Database
-- resources (deploy/overlays/production/postgres.yaml).
CREATE DATABASE provisioning;
CREATE DATABASE entitlement;
CREATE DATABASE pluginhost;
CREATE DATABASE offload;
CREATE DATABASE usage;
CREATE DATABASE pluginhost_partner;
