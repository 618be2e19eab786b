package io.hop.offload.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.platform.tx.DataAccessException;

/** Offload settings per device ({@code device_settings}). A device without a row has offload enabled. */
@ApplicationScoped
public class SettingsRepository {

    /** Offload is on until the user turns it off. */
    public static final boolean DEFAULT_OFFLOAD_ENABLED = true;

    private final DataSource dataSource;

    SettingsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Boolean> find(String operatorId, String deviceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select offload_enabled from device_settings where operator_id = ? and device_id = ?")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBoolean(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public boolean offloadEnabled(String operatorId, String deviceId) {
        return find(operatorId, deviceId).orElse(DEFAULT_OFFLOAD_ENABLED);
    }

    public void save(String operatorId, String deviceId, boolean offloadEnabled, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into device_settings (operator_id, device_id, offload_enabled, updated_at) values (?, ?, ?, ?) "
                        + "on conflict (operator_id, device_id) do update set offload_enabled = excluded.offload_enabled, "
                        + "updated_at = excluded.updated_at")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            s.setBoolean(3, offloadEnabled);
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
