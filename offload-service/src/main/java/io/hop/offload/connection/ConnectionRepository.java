package io.hop.offload.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.platform.tx.DataAccessException;

/** The {@code connection} and {@code connection_transition} tables; plain JDBC in the caller's transaction. */
@ApplicationScoped
public class ConnectionRepository {

    private static final String COLUMNS = "connection_id, operator_id, device_id, ssid, bssid, plugin_id, auth_method, "
            + "hotspot, manual, state, reason, attempt, max_attempts, pending_request_id, timer_due_at, blocked, "
            + "profile_deleted, created_at, updated_at";

    private final DataSource dataSource;

    ConnectionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ConnectionRow> find(UUID id) {
        return one("select " + COLUMNS + " from connection where connection_id = ?", id);
    }

    /** Reads and locks the connection until the transaction ends: its transitions are decided one at a time. */
    Optional<ConnectionRow> lock(UUID id) {
        return one("select " + COLUMNS + " from connection where connection_id = ? for update", id);
    }

    /** The device's live (not final) connection, if any; the newest when there are several. */
    public Optional<ConnectionRow> findLive(String operatorId, String deviceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select " + COLUMNS
                + " from connection where operator_id = ? and device_id = ? and state not in ('FAILED', 'DISCONNECTED')"
                + " order by created_at desc limit 1")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    void insert(ConnectionRow row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("insert into connection ("
                + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, row.connectionId());
            s.setString(2, row.operatorId());
            s.setString(3, row.deviceId());
            s.setString(4, row.ssid());
            s.setString(5, row.bssid());
            s.setString(6, row.pluginId());
            s.setString(7, row.authMethod());
            s.setBoolean(8, row.hotspot());
            s.setBoolean(9, row.manual());
            s.setString(10, row.state().name());
            s.setString(11, row.reason());
            s.setInt(12, row.attempt());
            s.setInt(13, row.maxAttempts());
            s.setString(14, row.pendingRequestId());
            setInstant(s, 15, row.timerDueAt());
            s.setBoolean(16, row.blocked());
            s.setBoolean(17, row.profileDeleted());
            setInstant(s, 18, row.createdAt());
            setInstant(s, 19, row.updatedAt());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    void update(ConnectionRow row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("update connection set "
                + "state = ?, reason = ?, attempt = ?, pending_request_id = ?, timer_due_at = ?, blocked = ?, "
                + "profile_deleted = ?, updated_at = ? where connection_id = ?")) {
            s.setString(1, row.state().name());
            s.setString(2, row.reason());
            s.setInt(3, row.attempt());
            s.setString(4, row.pendingRequestId());
            setInstant(s, 5, row.timerDueAt());
            s.setBoolean(6, row.blocked());
            s.setBoolean(7, row.profileDeleted());
            setInstant(s, 8, row.updatedAt());
            s.setObject(9, row.connectionId());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    void insertTransition(UUID connectionId, Transition t, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into connection_transition (connection_id, seq, from_state, to_state, reason, detail, attempt, "
                        + "blocked, at) select ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? "
                        + "from connection_transition where connection_id = ?")) {
            s.setObject(1, connectionId);
            s.setString(2, t.from() == null ? null : t.from().name());
            s.setString(3, t.to().name());
            s.setString(4, t.reason());
            s.setString(5, t.detail());
            s.setInt(6, t.attempt());
            s.setBoolean(7, t.blocked());
            setInstant(s, 8, at);
            s.setObject(9, connectionId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The connection's transitions in order. */
    public List<StoredTransition> transitions(UUID connectionId) {
        List<StoredTransition> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select seq, from_state, to_state, reason, detail, attempt, blocked, at from connection_transition "
                        + "where connection_id = ? order by seq")) {
            s.setObject(1, connectionId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    list.add(new StoredTransition(rows.getInt(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getInt(6), rows.getBoolean(7),
                            rows.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        return list;
    }

    /** One stored transition. */
    public record StoredTransition(int seq, String from, String to, String reason, String detail, int attempt,
            boolean blocked, Instant at) {
    }

    private Optional<ConnectionRow> one(String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static ConnectionRow map(ResultSet r) throws SQLException {
        return new ConnectionRow(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8), r.getBoolean(9),
                ConnectionState.valueOf(r.getString(10)), r.getString(11), r.getInt(12), r.getInt(13), r.getString(14),
                instant(r.getTimestamp(15)), r.getBoolean(16), r.getBoolean(17), instant(r.getTimestamp(18)),
                instant(r.getTimestamp(19)));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setTimestamp(index, Timestamp.from(value));
        }
    }
}
