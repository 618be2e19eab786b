-- A tombstone (the deletion of an entity on a compacted topic) is an outbox row with no payload: the relay sends the
-- key with a null value, and its CloudEvent headers, so that consumers deduplicate it by ce_id like any event.
alter table hop_outbox alter column payload drop not null;
