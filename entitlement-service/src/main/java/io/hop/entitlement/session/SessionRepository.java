package io.hop.entitlement.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.tx.DataAccessException;

/** The {@code sharing_session} table: one row per device (its current or last session). */
@ApplicationScoped
public class SessionRepository {

    private static final String COLUMNS = """
            operator_id, device_id, session_id, state, policy_id, policy_version, settings, wifi_clients,
            bluetooth_clients, public_available, public_connection, public_lost_since, started_at, stopped_at,
            stop_reason, last_result, last_reason, last_checked_at, unavailable_attempts, peerless_due_at,
            public_due_at, recheck_due_at, last_refusal, last_refusal_at""";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper mapper = PlatformJson.mapper();

    SessionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The device's session row, locked for the caller's transaction. */
    public Optional<SharingSession> findForUpdate(String operatorId, String deviceId) {
        return query("select " + COLUMNS + " from sharing_session where operator_id = ? and device_id = ? for update",
                operatorId, deviceId).stream().findFirst();
    }

    public Optional<SharingSession> find(String operatorId, String deviceId) {
        return query("select " + COLUMNS + " from sharing_session where operator_id = ? and device_id = ?", operatorId,
                deviceId).stream().findFirst();
    }

    /** The sessions that are on with this policy, locked (Enabled=false turns them off). */
    /** The operator's running sessions, locked (primary-key prefix). */
    public List<SharingSession> onOfOperatorForUpdate(String operatorId) {
        return query("select " + COLUMNS + " from sharing_session where operator_id = ? and state = 'ON' for update",
                operatorId);
    }

    public List<SharingSession> onWithPolicyForUpdate(String policyId) {
        return query("select " + COLUMNS + " from sharing_session where policy_id = ? and state = 'ON' for update",
                policyId);
    }

    public void save(SharingSession session, Instant now) {
        SharingSession.Snapshot s = session.snapshot();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("insert into sharing_session (" + COLUMNS
                        + ", updated_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (operator_id, device_id) do update set session_id = excluded.session_id,"
                        + " state = excluded.state, policy_id = excluded.policy_id, policy_version = excluded.policy_version,"
                        + " settings = excluded.settings, wifi_clients = excluded.wifi_clients,"
                        + " bluetooth_clients = excluded.bluetooth_clients, public_available = excluded.public_available,"
                        + " public_connection = excluded.public_connection, public_lost_since = excluded.public_lost_since,"
                        + " started_at = excluded.started_at, stopped_at = excluded.stopped_at,"
                        + " stop_reason = excluded.stop_reason, last_result = excluded.last_result,"
                        + " last_reason = excluded.last_reason, last_checked_at = excluded.last_checked_at,"
                        + " unavailable_attempts = excluded.unavailable_attempts,"
                        + " peerless_due_at = excluded.peerless_due_at, public_due_at = excluded.public_due_at,"
                        + " recheck_due_at = excluded.recheck_due_at, last_refusal = excluded.last_refusal,"
                        + " last_refusal_at = excluded.last_refusal_at, updated_at = excluded.updated_at")) {
            int i = 1;
            upsert.setString(i++, session.operatorId());
            upsert.setString(i++, session.deviceId());
            // a device refused before it ever shared has a row without a session: a placeholder id
            upsert.setObject(i++, s.sessionId() == null ? new UUID(0, 0) : s.sessionId());
            upsert.setString(i++, s.state().name());
            upsert.setString(i++, s.policyId());
            upsert.setLong(i++, s.policyVersion());
            upsert.setString(i++, mapper.writeValueAsString(s.settings()));
            upsert.setString(i++, mapper.writeValueAsString(s.wifiClients()));
            upsert.setString(i++, mapper.writeValueAsString(s.bluetoothClients()));
            upsert.setObject(i++, s.publicAvailable());
            upsert.setString(i++, s.publicConnection());
            upsert.setTimestamp(i++, ts(s.publicLostSince()));
            upsert.setTimestamp(i++, ts(s.startedAt() == null ? now : s.startedAt()));
            upsert.setTimestamp(i++, ts(s.stoppedAt()));
            upsert.setString(i++, s.stopReason());
            upsert.setString(i++, s.lastResult());
            upsert.setString(i++, s.lastReason());
            upsert.setTimestamp(i++, ts(s.lastCheckedAt()));
            upsert.setInt(i++, s.unavailableAttempts());
            upsert.setTimestamp(i++, ts(s.peerlessDueAt()));
            upsert.setTimestamp(i++, ts(s.publicDueAt()));
            upsert.setTimestamp(i++, ts(s.recheckDueAt()));
            upsert.setString(i++, s.lastRefusal());
            upsert.setTimestamp(i++, ts(s.lastRefusalAt()));
            upsert.setTimestamp(i, ts(now));
            upsert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new DataAccessException("cannot store the sharing session of " + session.deviceId(),
                    e instanceof SQLException sql ? sql : new SQLException(e));
        }
    }

    private List<SharingSession> query(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<SharingSession> sessions = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID sessionId = rs.getObject(3, UUID.class);
                    SharingSession.Snapshot s = new SharingSession.Snapshot(
                            new UUID(0, 0).equals(sessionId) ? null : sessionId,
                            SharingSession.State.valueOf(rs.getString(4)), rs.getString(5), rs.getLong(6),
                            mapper.readValue(rs.getString(7), SharingPolicySettings.class),
                            mapper.readValue(rs.getString(8), STRINGS), mapper.readValue(rs.getString(9), STRINGS),
                            (Boolean) rs.getObject(10), rs.getString(11), instant(rs, 12), instant(rs, 13),
                            instant(rs, 14), rs.getString(15), rs.getString(16), rs.getString(17), instant(rs, 18),
                            rs.getInt(19), instant(rs, 20), instant(rs, 21), instant(rs, 22), rs.getString(23),
                            instant(rs, 24));
                    sessions.add(SharingSession.restore(rs.getString(1), rs.getString(2), s));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw new DataAccessException("cannot read sharing sessions", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored sharing session is not readable", e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
