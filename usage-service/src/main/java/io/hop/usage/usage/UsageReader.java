package io.hop.usage.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.BillingPeriods;

/** Reads a device's counters of one billing period. */
@ApplicationScoped
public class UsageReader {

    private final DataSource dataSource;

    UsageReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether any counter of the device exists (in any period). */
    public boolean hasCounters(String operatorId, String deviceId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection
                .prepareStatement("select 1 from usage_counter where operator_id = ? and device_id = ? limit 1")) {
            statement.setString(1, operatorId);
            statement.setString(2, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The device's usage in {@code period} under {@code plan}. */
    public DeviceUsage usage(String operatorId, String deviceId, Optional<PlanChanged> plan,
            BillingPeriods.Period period) throws SQLException {
        long up = 0, down = 0, cellUp = 0, cellDown = 0, wifiUp = 0, wifiDown = 0, tethUp = 0, tethDown = 0,
                roaming = 0, adjust = 0;
        Instant updated = null;
        List<DeviceUsage.ClientBytes> clients = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select bytes_up, bytes_down, cellular_up, cellular_down, wifi_offload_up, wifi_offload_down,
                        tethered_up, tethered_down, roaming_up + roaming_down, updated_at, adjust_bytes
                    from usage_counter where operator_id = ? and device_id = ? and period_start = ?""")) {
                statement.setString(1, operatorId);
                statement.setString(2, deviceId);
                statement.setTimestamp(3, Timestamp.from(period.start()));
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        up = rows.getLong(1);
                        down = rows.getLong(2);
                        cellUp = rows.getLong(3);
                        cellDown = rows.getLong(4);
                        wifiUp = rows.getLong(5);
                        wifiDown = rows.getLong(6);
                        tethUp = rows.getLong(7);
                        tethDown = rows.getLong(8);
                        roaming = rows.getLong(9);
                        updated = rows.getTimestamp(10).toInstant();
                        adjust = rows.getLong(11);
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    select client_id, bytes_up, bytes_down from usage_client_counter
                    where operator_id = ? and device_id = ? and period_start = ?
                    order by bytes_up + bytes_down desc, client_id""")) {
                statement.setString(1, operatorId);
                statement.setString(2, deviceId);
                statement.setTimestamp(3, Timestamp.from(period.start()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        clients.add(new DeviceUsage.ClientBytes(rows.getString(1), rows.getLong(2), rows.getLong(3),
                                rows.getLong(2) + rows.getLong(3)));
                    }
                }
            }
        }
        Map<String, DeviceUsage.Bytes> interfaces = new LinkedHashMap<>();
        interfaces.put("CELLULAR", DeviceUsage.Bytes.of(cellUp, cellDown));
        interfaces.put("WIFI_OFFLOAD", DeviceUsage.Bytes.of(wifiUp, wifiDown));
        interfaces.put("TETHERED_CLIENT", DeviceUsage.Bytes.of(tethUp, tethDown));
        long total = up + down + adjust;
        DeviceUsage.Plan planView = plan.map(p -> new DeviceUsage.Plan(p.planId(), p.name(), p.dataLimitBytes(),
                p.metered())).orElse(null);
        return new DeviceUsage(operatorId, deviceId, planView, new DeviceUsage.Period(period.start(), period.end()),
                up, down, total, adjust, percentUsed(total, plan.map(PlanChanged::dataLimitBytes).orElse(null)), roaming,
                interfaces, clients, updated);
    }

    /** {@code used} in percent of {@code limit}, two decimals; null when unlimited. */
    static Double percentUsed(long used, Long limit) {
        if (limit == null) {
            return null;
        }
        if (limit <= 0) {
            return used > 0 ? 100.0 : 0.0;
        }
        return Math.round(used * 10000.0 / limit) / 100.0;
    }
}
