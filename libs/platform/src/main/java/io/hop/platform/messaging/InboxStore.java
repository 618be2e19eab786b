package io.hop.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SQL on {@code hop_inbox}: the ids of the events each consumer has processed. */
final class InboxStore {

    private InboxStore() {
    }

    /**
     * Records that {@code consumer} processes {@code event} in the caller's transaction. False when it already has
     * (a concurrent delivery of the same event waits here until the first one commits or rolls back).
     */
    static boolean record(Connection connection, String consumer, IncomingEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into hop_inbox (consumer, event_id, event_type) values (?, ?, ?)
                on conflict (consumer, event_id) do nothing""")) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            insert.setString(3, event.type());
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Records a batch of events in one statement; returns those the consumer had not processed yet, in batch order
     * (an id twice in the batch counts once).
     */
    static List<IncomingEvent> recordNew(Connection connection, String consumer, List<IncomingEvent> events)
            throws SQLException {
        if (events.isEmpty()) {
            return events;
        }
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).id();
            types[i] = events.get(i).type();
        }
        Set<String> fresh = new HashSet<>(ids.length * 2);
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into hop_inbox (consumer, event_id, event_type)
                select ?, e.id, e.type from unnest(?::text[], ?::text[]) as e(id, type)
                on conflict (consumer, event_id) do nothing
                returning event_id""")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text", ids));
            insert.setArray(3, connection.createArrayOf("text", types));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        List<IncomingEvent> result = new ArrayList<>(fresh.size());
        for (IncomingEvent event : events) {
            if (fresh.remove(event.id())) {
                result.add(event);
            }
        }
        return result;
    }

    /**
     * Deletes processed ids older than {@code processedBefore}, {@code batchSize} rows per statement (each its own
     * short transaction on the auto-commit {@code connection}, so neither locks nor WAL pile up), while holding a
     * session advisory lock: one replica purges at a time, the others return 0 at once.
     */
    static int purge(Connection connection, Instant processedBefore, int batchSize) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_lock(hashtext('hop_inbox_purge'))");
                ResultSet rs = lock.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return 0;
            }
        }
        int purged = 0;
        try (PreparedStatement delete = connection.prepareStatement("""
                delete from hop_inbox where ctid = any(array(
                    select ctid from hop_inbox where processed_at < ? limit ?))""")) {
            delete.setTimestamp(1, Timestamp.from(processedBefore));
            delete.setInt(2, batchSize);
            int deleted;
            do {
                deleted = delete.executeUpdate();
                purged += deleted;
            } while (deleted == batchSize);
        } finally {
            try (PreparedStatement unlock = connection.prepareStatement(
                    "select pg_advisory_unlock(hashtext('hop_inbox_purge'))")) {
                unlock.execute();
            }
        }
        return purged;
    }
}
