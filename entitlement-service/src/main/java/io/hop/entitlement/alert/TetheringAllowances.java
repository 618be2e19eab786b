package io.hop.entitlement.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.platform.tx.DataAccessException;

/**
 * Which billing period each device's tethering allowance was last exhausted in (from TETHERING_ALLOWANCE_EXHAUSTED
 * alerts). The latest period wins, so a redelivered or late alert of an older period changes nothing.
 */
@ApplicationScoped
public class TetheringAllowances {

    private final DataSource dataSource;

    TetheringAllowances(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the exhaustion in the caller's transaction; true when it changed what is known. */
    public boolean exhausted(UsageAlertRaised alert) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into tethering_allowance (operator_id, device_id, period_start, exhausted_at, alert_id)
                        values (?, ?, ?, ?, ?)
                        on conflict (operator_id, device_id) do update
                           set period_start = excluded.period_start, exhausted_at = excluded.exhausted_at,
                               alert_id = excluded.alert_id
                         where tethering_allowance.period_start < excluded.period_start""")) {
            upsert.setString(1, alert.operatorId());
            upsert.setString(2, alert.deviceId());
            upsert.setTimestamp(3, Timestamp.from(alert.periodStart()));
            upsert.setTimestamp(4, Timestamp.from(alert.raisedAt() == null ? Instant.now() : alert.raisedAt()));
            upsert.setString(5, alert.alertId());
            return upsert.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("cannot record the exhausted allowance of " + alert.deviceId(), e);
        }
    }

    /** The start of the last period the device's allowance was exhausted in, if any. */
    public Optional<Instant> exhaustedPeriodStart(String operatorId, String deviceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select period_start from tethering_allowance where operator_id = ? and device_id = ?")) {
            select.setString(1, operatorId);
            select.setString(2, deviceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the allowance of " + deviceId, e);
        }
    }
}
