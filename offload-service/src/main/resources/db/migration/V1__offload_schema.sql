-- offload-service owns this database alone; other services learn its state from events, never from these tables.
-- The platform tables (outbox, processed events, timers, operator read model) come from hop-platform's migration.
COMMENT ON SCHEMA public IS 'offload-service: device offload settings and the connection lifecycle';
