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
    static final int LOCK_CLASS_KEY = 0x484F5001; // per topic+key: serializes publishers of one key
    static final int LOCK_CLASS_RELAY = 0x484F5002; // object 0: the one relay allowed to publish

    /** A row not yet sent, in publication order. */
    record Pending(long seq, Instant createdAt, int attempts, OutboxMessage message) {
    }

    /** Rows still to send and the oldest one's age, for the metrics. */
    record Backlog(long count, Instant oldestCreatedAt) {
    }

    private OutboxStore() {
    }

    /**
     * Appends an event. Before taking its sequence number it waits for any other open transaction that published
     * on the same topic and key, so that per key the sequence order is the commit order, which the relay relies on.
     */
    static void append(Connection connection, OutboxMessage message) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_advisory_xact_lock(?, hashtext(? || chr(31) || ?))")) {
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

    /** Takes the relay lock for the caller's transaction; false when another relay holds it. */
    static boolean tryRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?, 0)")) {
            lock.setInt(1, LOCK_CLASS_RELAY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static List<Pending> unsent(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select seq, created_at, attempts, id, topic, event_key, ce_type, ce_source, ce_subject, ce_time,
                       payload::text
                  from hop_outbox
                 where sent_at is null
                 order by seq
                 limit ?""")) {
            select.setInt(1, limit);
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
                "update hop_outbox set sent_at = ? where seq = any (?)")) {
            update.setTimestamp(1, Timestamp.from(sentAt));
            update.setArray(2, connection.createArrayOf("bigint", seqs.toArray()));
            update.executeUpdate();
        }
    }

    static void markFailed(Connection connection, long seq, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update hop_outbox set attempts = attempts + 1, last_error = ? where seq = ?")) {
            update.setString(1, error);
            update.setLong(2, seq);
            update.executeUpdate();
        }
    }

    static Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select count(*), min(created_at) from hop_outbox where sent_at is null");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        }
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
