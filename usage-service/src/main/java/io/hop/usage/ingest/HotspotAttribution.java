package io.hop.usage.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.hop.contracts.usage.UsageRecorded;

/**
 * Which hotspot each Wi-Fi offload record of a batch is attributed to: the one the device was connected to at the
 * record's {@code periodStart}, from the connection intervals kept from {@code offload.connections.v1}
 * ({@code usage_device_hotspot}, {@code io.hop.usage.connection}). One query per batch for all its Wi-Fi devices.
 */
@FunctionalInterface
public interface HotspotAttribution {

    /** The hotspot ({@link HotspotKey}) of each Wi-Fi offload record that has one; other records are absent. */
    Map<UsageRecorded, String> hotspots(Connection connection, List<UsageRecorded> records) throws SQLException;

    /** From the connection intervals in the database. */
    HotspotAttribution FROM_CONNECTIONS = (connection, records) -> {
        List<UsageRecorded> wifi = records.stream()
                .filter(r -> UsageRecorded.Interface.WIFI_OFFLOAD.name().equals(r.networkInterface())).toList();
        Map<UsageRecorded, String> found = new IdentityHashMap<>();
        if (wifi.isEmpty()) {
            return found;
        }
        Instant from = wifi.stream().map(UsageRecorded::periodStart).min(Instant::compareTo).orElseThrow();
        Instant to = wifi.stream().map(UsageRecorded::periodStart).max(Instant::compareTo).orElseThrow();
        record Interval(String hotspot, Instant from, Instant until) {
        }
        Map<String, List<Interval>> byDevice = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select h.operator_id, h.device_id, h.ssid, h.bssid, h.connected_at, h.disconnected_at
                from usage_device_hotspot h
                join (select distinct o, d from unnest(?::text[], ?::text[]) as u(o, d)) k
                    on h.operator_id = k.o and h.device_id = k.d
                where h.connected_at <= ? and (h.disconnected_at is null or h.disconnected_at > ?)
                order by h.connected_at""")) {
            statement.setArray(1, connection.createArrayOf("text", wifi.stream().map(UsageRecorded::operatorId).toArray()));
            statement.setArray(2, connection.createArrayOf("text", wifi.stream().map(UsageRecorded::deviceId).toArray()));
            statement.setTimestamp(3, Timestamp.from(to));
            statement.setTimestamp(4, Timestamp.from(from));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp until = rows.getTimestamp(6);
                    byDevice.computeIfAbsent(rows.getString(1) + '\u0000' + rows.getString(2), k -> new ArrayList<>())
                            .add(new Interval(HotspotKey.of(rows.getString(3), rows.getString(4)),
                                    rows.getTimestamp(5).toInstant(), until == null ? null : until.toInstant()));
                }
            }
        }
        for (UsageRecorded record : wifi) {
            List<Interval> intervals = byDevice.getOrDefault(record.operatorId() + '\u0000' + record.deviceId(),
                    List.of());
            for (int i = intervals.size() - 1; i >= 0; i--) {
                Interval interval = intervals.get(i);
                if (!interval.from().isAfter(record.periodStart())
                        && (interval.until() == null || interval.until().isAfter(record.periodStart()))) {
                    found.put(record, interval.hotspot());
                    break;
                }
            }
        }
        return found;
    };
}
