package io.hop.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

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

    static int purge(Connection connection, Instant processedBefore) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from hop_inbox where processed_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(processedBefore));
            return delete.executeUpdate();
        }
    }
}
