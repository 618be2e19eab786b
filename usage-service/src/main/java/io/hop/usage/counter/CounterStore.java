package io.hop.usage.counter;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Writes a batch's {@link UsageAggregation} with two set-based upserts (one for the device counters, one for the
 * tethered clients), whatever the number of records, and hands the changed counters to the {@link CounterListener} on
 * the same connection. Rows are written in key order, so two transactions touching the same devices (two consumers,
 * a consumer and a REST call) wait for each other instead of deadlocking. Plain JDBC: the caller owns the
 * transaction.
 */
public final class CounterStore {

    private static final Comparator<CounterDelta> COUNTER_ORDER = Comparator.comparing(CounterDelta::operatorId)
            .thenComparing(CounterDelta::deviceId).thenComparing(CounterDelta::periodStart);

    /** How a delta is added to a device's counter of one period. */
    private static final String COUNTER_CONFLICT = """
            on conflict (operator_id, device_id, period_start) do update set
                bytes_up = usage_counter.bytes_up + excluded.bytes_up,
                bytes_down = usage_counter.bytes_down + excluded.bytes_down,
                cellular_up = usage_counter.cellular_up + excluded.cellular_up,
                cellular_down = usage_counter.cellular_down + excluded.cellular_down,
                wifi_offload_up = usage_counter.wifi_offload_up + excluded.wifi_offload_up,
                wifi_offload_down = usage_counter.wifi_offload_down + excluded.wifi_offload_down,
                tethered_up = usage_counter.tethered_up + excluded.tethered_up,
                tethered_down = usage_counter.tethered_down + excluded.tethered_down,
                roaming_up = usage_counter.roaming_up + excluded.roaming_up,
                roaming_down = usage_counter.roaming_down + excluded.roaming_down,
                records = usage_counter.records + excluded.records,
                plan_id = coalesce(excluded.plan_id, usage_counter.plan_id),
                updated_at = greatest(usage_counter.updated_at, excluded.updated_at)
            """;

    private static final String UPSERT_COUNTERS = """
            insert into usage_counter (operator_id, device_id, period_start, period_end, bytes_up, bytes_down,
                cellular_up, cellular_down, wifi_offload_up, wifi_offload_down, tethered_up, tethered_down, roaming_up,
                roaming_down, records, plan_id, updated_at)
            select u.*, ? from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[],
                ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                ?::bigint[], ?::bigint[], ?::text[]) as u
            """ + COUNTER_CONFLICT + """
            returning operator_id, device_id, period_start, bytes_up + bytes_down + adjust_bytes,
                tethered_up + tethered_down, roaming_up + roaming_down
            """;

    private static final String UPSERT_CLIENTS = """
            insert into usage_client_counter (operator_id, device_id, period_start, client_id, bytes_up, bytes_down,
                updated_at)
            select u.*, ? from unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bigint[], ?::bigint[]) as u
            on conflict (operator_id, device_id, period_start, client_id) do update set
                bytes_up = usage_client_counter.bytes_up + excluded.bytes_up,
                bytes_down = usage_client_counter.bytes_down + excluded.bytes_down,
                updated_at = greatest(usage_client_counter.updated_at, excluded.updated_at)
            """;

    private final CounterListener listener;

    public CounterStore(CounterListener listener) {
        this.listener = listener;
    }

    /**
     * Adds the aggregation to the counters, in the connection's transaction; returns the changed counters, which the
     * caller then hands to {@link #changed} in the same transaction.
     */
    public List<CounterChange> add(Connection connection, UsageAggregation aggregation, Instant now)
            throws SQLException {
        if (aggregation.isEmpty()) {
            return List.of();
        }
        List<CounterDelta> counters = new ArrayList<>(aggregation.counters());
        counters.sort(COUNTER_ORDER);
        Map<List<Object>, CounterDelta> byKey = new HashMap<>();
        counters.forEach(d -> byKey.put(List.of(d.operatorId, d.deviceId, d.periodStart), d));
        List<CounterChange> changes = new ArrayList<>(counters.size());
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_COUNTERS)) {
            int i = 1;
            statement.setTimestamp(i++, Timestamp.from(now));
            statement.setArray(i++, texts(connection, counters, d -> d.operatorId));
            statement.setArray(i++, texts(connection, counters, d -> d.deviceId));
            statement.setArray(i++, texts(connection, counters, d -> d.periodStart.toString()));
            statement.setArray(i++, texts(connection, counters, d -> d.periodEnd.toString()));
            for (ToLongFunction<CounterDelta> column : List.<ToLongFunction<CounterDelta>>of(d -> d.bytesUp,
                    d -> d.bytesDown, d -> d.cellularUp, d -> d.cellularDown, d -> d.wifiOffloadUp,
                    d -> d.wifiOffloadDown, d -> d.tetheredUp, d -> d.tetheredDown, d -> d.roamingUp,
                    d -> d.roamingDown, d -> d.records)) {
                statement.setArray(i++, longs(connection, counters, column));
            }
            statement.setArray(i++, texts(connection, counters, d -> d.planId));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    CounterDelta delta = byKey.get(List.of(rows.getString(1), rows.getString(2),
                            rows.getTimestamp(3).toInstant()));
                    CounterChange.Totals after = new CounterChange.Totals(rows.getLong(4), rows.getLong(5),
                            rows.getLong(6));
                    CounterChange.Totals before = new CounterChange.Totals(after.total() - delta.total(),
                            after.tethered() - delta.tethered(), after.roaming() - delta.roaming());
                    changes.add(new CounterChange(delta.operatorId, delta.deviceId, delta.periodStart,
                            delta.periodEnd, before, after));
                }
            }
        }
        List<ClientDelta> clients = new ArrayList<>(aggregation.clients());
        if (!clients.isEmpty()) {
            clients.sort(Comparator.comparing((ClientDelta d) -> d.operatorId).thenComparing(d -> d.deviceId)
                    .thenComparing(d -> d.periodStart).thenComparing(d -> d.clientId));
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_CLIENTS)) {
                statement.setTimestamp(1, Timestamp.from(now));
                statement.setArray(2, texts(connection, clients, d -> d.operatorId));
                statement.setArray(3, texts(connection, clients, d -> d.deviceId));
                statement.setArray(4, texts(connection, clients, d -> d.periodStart.toString()));
                statement.setArray(5, texts(connection, clients, d -> d.clientId));
                statement.setArray(6, longs(connection, clients, d -> d.bytesUp));
                statement.setArray(7, longs(connection, clients, d -> d.bytesDown));
                statement.executeUpdate();
            }
        }
        return changes;
    }

    /**
     * Hands the changes {@link #add} returned to the listener (the alerts), on the same connection. Separate so that
     * the caller can run it last in its transaction: the alerts take locks other writers share (the outbox's key
     * buckets), held until the commit.
     */
    public void changed(Connection connection, List<CounterChange> changes) throws SQLException {
        if (!changes.isEmpty()) {
            listener.countersChanged(connection, changes);
        }
    }

    private static <T> Array texts(Connection connection, Collection<T> rows,
            java.util.function.Function<T, String> column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray());
    }

    private static <T> Array longs(Connection connection, Collection<T> rows, ToLongFunction<T> column)
            throws SQLException {
        return connection.createArrayOf("bigint", rows.stream().map(r -> column.applyAsLong(r)).toArray());
    }
}
