-- plugin-host owns this database alone; other services learn its state from events, never from these tables.
-- The platform tables (outbox, processed events, timers, operator read model) come from hop-platform's migration.
COMMENT ON SCHEMA public IS 'plugin-host: hotspot plugins, their ranking and health';
