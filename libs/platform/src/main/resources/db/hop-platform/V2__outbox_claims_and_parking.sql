-- Outbox relay (OutboxRelay): per-key retry with backoff, and parking of rows Kafka keeps rejecting.
-- No claim columns: one relay at a time holds a session-level advisory lock as leadership, reads its rows without
-- locking them, sends them with no transaction open and marks them afterwards in a short transaction.
alter table hop_outbox
    add column next_attempt_at timestamptz,  -- after a failed send: the row, and every later row of its key, waits until then
    add column parked_at       timestamptz;  -- set aside after hop.outbox.max-attempts rejections; its key waits for an operator

-- The rows that hold back their key (failed, or parked), looked up per topic and key by the relay on every pass.
create index hop_outbox_held on hop_outbox (topic, event_key, seq)
    where sent_at is null and (next_attempt_at is not null or parked_at is not null);
create index hop_outbox_parked on hop_outbox (parked_at) where sent_at is null and parked_at is not null;
