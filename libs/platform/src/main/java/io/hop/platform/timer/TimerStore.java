package io.hop.platform.timer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** SQL on {@code hop_timer}. Every method works on the caller's connection and transaction. */
final class TimerStore {

    /**
     * A due timer locked by the caller's transaction. {@code generation} changes with every (re)schedule, so the
     * firing deletes only the schedule it fired.
     */
    record Claimed(String key, String type, Instant dueAt, String payload, int failures, UUID generation) {
        FiredTimer fired() {
            return new FiredTimer(key, type, dueAt, payload, failures + 1);
        }
    }

    private TimerStore() {
    }

    static void schedule(Connection connection, String key, String type, Instant dueAt, String payload)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into hop_timer (timer_key, timer_type, due_at, payload, failures, generation, last_error)
                values (?, ?, ?, ?, 0, ?, null)
                on conflict (timer_key) do update
                   set timer_type = excluded.timer_type, due_at = excluded.due_at, payload = excluded.payload,
                       failures = 0, generation = excluded.generation, last_error = null,
                       scheduled_at = now()""")) {
            upsert.setString(1, key);
            upsert.setString(2, type);
            upsert.setTimestamp(3, Timestamp.from(dueAt));
            upsert.setString(4, payload);
            upsert.setObject(5, UUID.randomUUID());
            upsert.executeUpdate();
        }
    }

    static boolean cancel(Connection connection, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from hop_timer where timer_key = ?")) {
            delete.setString(1, key);
            return delete.executeUpdate() == 1;
        }
    }

    /**
     * Locks the earliest due timer that no other transaction has locked ({@code FOR UPDATE SKIP LOCKED}), so that
     * concurrent pollers never fire the same timer.
     */
    static Optional<Claimed> claimNextDue(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select timer_key, timer_type, due_at, payload, failures, generation
                  from hop_timer
                 where due_at <= ?
                 order by due_at
                 limit 1
                   for update skip locked""")) {
            select.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claimed(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getInt(5), rs.getObject(6, UUID.class)));
            }
        }
    }

    /** Deletes the fired schedule, unless the handler rescheduled the key meanwhile. */
    static void deleteFired(Connection connection, Claimed claimed) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from hop_timer where timer_key = ? and generation = ?")) {
            delete.setString(1, claimed.key());
            delete.setObject(2, claimed.generation());
            delete.executeUpdate();
        }
    }

    /** Records a failed firing and when to retry, unless the timer was rescheduled or cancelled meanwhile. */
    static void recordFailure(Connection connection, Claimed claimed, Instant retryAt, String error)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                update hop_timer set failures = failures + 1, due_at = ?, last_error = ?
                 where timer_key = ? and generation = ? and failures = ?""")) {
            update.setTimestamp(1, Timestamp.from(retryAt));
            update.setString(2, error);
            update.setString(3, claimed.key());
            update.setObject(4, claimed.generation());
            update.setInt(5, claimed.failures());
            update.executeUpdate();
        }
    }
}
