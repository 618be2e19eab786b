package io.hop.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL on {@code hop_outbox}. Every method works on the caller's connection and transaction. */
final class OutboxStore {

    /** Advisory-lock class ids (the two-int key space of {@code pg_advisory_xact_lock}). */
    static final int LOCK_CLASS_KEY = 0x484F5001; // per bucket of topic+key: serializes publishers of one key

    /**
     * Keys share {@value} lock buckets ({@code hashtext(topic, key) & (KEY_BUCKETS - 1)}): publishers of one key still
     * wait for each other, and a transaction that publishes for many keys (a batch's alerts for thousands of devices)
     * holds at most this many locks, well inside PostgreSQL's shared lock table ({@code max_locks_per_transaction} ×
     * connections), which one lock per key exhausts ("out of shared memory").
     */
    static final int KEY_BUCKETS = 1024;
    static final int LOCK_CLASS_RELAY = 0x484F5002; // object 0: the one relay allowed to publish (session lock)

    /** A row not yet sent, in publication order. */
    record Pending(long seq, Instant createdAt, int attempts, OutboxMessage message) {
    }

    private OutboxStore() {
    }

    /**
     * Appends an event. Before taking its sequence number it waits for any other open transaction that published
     * on the same topic and key, so that per key the sequence order is the commit order, which the relay relies on.
     */
    static void append(Connection connection, OutboxMessage message) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_advisory_xact_lock(?, hashtext(? || chr(31) || ?) & " + (KEY_BUCKETS - 1) + ")")) {
            lock.setInt(1, LOCK_CLASS_KEY);
            lock.setString(2, message.topic());
            lock.setString(3, message.key());
            lock.execute();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into hop_outbox (id, topic, event_key, ce_type, ce_source, ce_subject, ce_time, payload)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as json))""")) {
            insert.setObject(1, message.id());
            insert.setString(2, message.topic());
            insert.setString(3, message.key());
            insert.setString(4, message.type());
            insert.setString(5, message.source());
            insert.setString(6, message.subject());
            insert.setTimestamp(7, Timestamp.from(message.time()));
            insert.setString(8, message.payload());
            insert.executeUpdate();
        }
    }

    /**
     * Appends events as {@link #append} does, with two statements: the keys' locks in one sorted order (so two batch
     * publishers wait for each other rather than deadlock), then one multi-row insert in the list's order.
     */
    static void appendAll(Connection connection, java.util.List<OutboxMessage> messages) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("""
                select pg_advisory_xact_lock(?, h) from (
                    select distinct hashtext(t || chr(31) || k) & %d as h from unnest(?::text[], ?::text[]) as u(t, k)
                    order by h) as locks""".formatted(KEY_BUCKETS - 1))) {
            lock.setInt(1, LOCK_CLASS_KEY);
            lock.setArray(2, connection.createArrayOf("text", messages.stream().map(OutboxMessage::topic).toArray()));
            lock.setArray(3, connection.createArrayOf("text", messages.stream().map(OutboxMessage::key).toArray()));
            lock.execute();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into hop_outbox (id, topic, event_key, ce_type, ce_source, ce_subject, ce_time, payload)
                select id, topic, k, ty, so, su, ti, cast(p as json)
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                    with ordinality as u(id, topic, k, ty, so, su, ti, p, n)
                order by n""")) {
            insert.setArray(1, connection.createArrayOf("uuid", messages.stream().map(OutboxMessage::id).toArray()));
            insert.setArray(2, connection.createArrayOf("text", messages.stream().map(OutboxMessage::topic).toArray()));
            insert.setArray(3, connection.createArrayOf("text", messages.stream().map(OutboxMessage::key).toArray()));
            insert.setArray(4, connection.createArrayOf("text", messages.stream().map(OutboxMessage::type).toArray()));
            insert.setArray(5, connection.createArrayOf("text", messages.stream().map(OutboxMessage::source).toArray()));
            insert.setArray(6, connection.createArrayOf("text", messages.stream().map(OutboxMessage::subject).toArray()));
            insert.setArray(7, connection.createArrayOf("timestamptz",
                    messages.stream().map(m -> Timestamp.from(m.time())).toArray()));
            insert.setArray(8, connection.createArrayOf("text", messages.stream().map(OutboxMessage::payload).toArray()));
            insert.executeUpdate();
        }
    }

    /**
     * Tries to take the relay leadership: a session-level advisory lock on {@code connection}, held until
     * {@link #releaseLeadership} or until the session ends (also when the process dies). Returns false when another
     * relay holds it. Not reentrant-safe: call once per session.
     */
    static boolean tryLeadership(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, 0)")) {
            lock.setInt(1, LOCK_CLASS_RELAY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void releaseLeadership(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, 0)")) {
            unlock.setInt(1, LOCK_CLASS_RELAY);
            unlock.execute();
        }
    }

    /**
     * Unsent rows that may be sent now, in sequence order: every unsent row except those of a key (topic and key)
     * held back by a row of the same key at or before it that is parked or waits for its next attempt.
     */
    static List<Pending> sendable(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select o.seq, o.created_at, o.attempts, o.id, o.topic, o.event_key, o.ce_type, o.ce_source,
                       o.ce_subject, o.ce_time, o.payload::text
                  from hop_outbox o
                 where o.sent_at is null
                   and not exists (
                       select 1 from hop_outbox h
                        where h.sent_at is null and (h.next_attempt_at is not null or h.parked_at is not null)
                          and h.topic = o.topic and h.event_key = o.event_key and h.seq <= o.seq
                          and (h.parked_at is not null or h.next_attempt_at > ?))
                 order by o.seq
                 limit ?""")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<Pending> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getInt(3),
                            new OutboxMessage(rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                                    rs.getString(7), rs.getString(8), rs.getString(9),
                                    rs.getTimestamp(10).toInstant(), rs.getString(11))));
                }
                return rows;
            }
        }
    }

    static void markSent(Connection connection, List<Long> seqs, Instant sentAt) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update hop_outbox set sent_at = ? where seq = any (?) and sent_at is null")) {
            update.setTimestamp(1, Timestamp.from(sentAt));
            update.setArray(2, connection.createArrayOf("bigint", seqs.toArray()));
            update.executeUpdate();
        }
    }

    /** A failed send of one row: its key waits until {@code nextAttemptAt}, or for good when parked. */
    record Failure(long seq, String error, Instant nextAttemptAt, Instant parkedAt) {
    }

    static void markFailed(Connection connection, List<Failure> failures) throws SQLException {
        if (failures.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update hop_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, parked_at = ?
                 where seq = ? and sent_at is null""")) {
            for (Failure failure : failures) {
                update.setString(1, failure.error());
                update.setTimestamp(2, Timestamp.from(failure.nextAttemptAt()));
                update.setTimestamp(3, failure.parkedAt() == null ? null : Timestamp.from(failure.parkedAt()));
                update.setLong(4, failure.seq());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Rows waiting to be sent (not parked), the oldest one's creation, parked rows, and the earliest retry still
     * ahead (so that the relay wakes for it even when nothing else does).
     */
    record Backlog(long pending, Instant oldestPendingCreatedAt, long parked, Instant nextRetryAt) {
    }

    static Backlog backlog(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select count(*) filter (where parked_at is null),
                       min(created_at) filter (where parked_at is null),
                       count(*) filter (where parked_at is not null),
                       min(next_attempt_at) filter (where parked_at is null and next_attempt_at > ?)
                  from hop_outbox where sent_at is null""")) {
            select.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), instant(rs.getTimestamp(2)), rs.getLong(3),
                        instant(rs.getTimestamp(4)));
            }
        }
    }

    /** A parked row, as operators see it. */
    record Parked(UUID id, String topic, String key, String type, int attempts, String lastError, Instant createdAt,
            Instant parkedAt) {
    }

    static List<Parked> parked(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select id, topic, event_key, ce_type, attempts, last_error, created_at, parked_at
                  from hop_outbox where sent_at is null and parked_at is not null
                 order by seq limit ?""")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<Parked> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Parked(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getTimestamp(8).toInstant()));
                }
                return rows;
            }
        }
    }

    /** The documented operator statement: a parked row gets a fresh set of attempts. */
    static final String RETRY_PARKED_SQL = """
            update hop_outbox set parked_at = null, next_attempt_at = null, attempts = 0
             where sent_at is null and parked_at is not null""";

    /** Un-parks the row with ce_id {@code id} (or every parked row when {@code id} is null); returns how many. */
    static int retryParked(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                id == null ? RETRY_PARKED_SQL : RETRY_PARKED_SQL + " and id = ?")) {
            if (id != null) {
                update.setObject(1, id);
            }
            return update.executeUpdate();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Deletes rows sent before {@code sentBefore}; returns how many. */
    static int purgeSent(Connection connection, Instant sentBefore) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from hop_outbox where sent_at is not null and sent_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(sentBefore));
            return delete.executeUpdate();
        }
    }
}
