package io.hop.usage.counter;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.hop.contracts.usage.UsageRecorded;

/**
 * {@link UsageFacts} in the hourly history and the operators' hourly statistics, one statement each, whatever their
 * number. Plain JDBC on the caller's connection.
 */
public final class FactStore {

    private static final String HISTORY = """
            insert into usage_hourly (operator_id, device_id, period_start, hour, network_interface, label, roaming,
                bytes_up, bytes_down, records)
            select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[],
                ?::boolean[], ?::bigint[], ?::bigint[], ?::bigint[])
            """;

    private static final String OPERATOR_HOURLY = """
            insert into usage_operator_hourly (operator_id, hour, network_interface, hotspot, bytes_up, bytes_down)
            select * from unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
            on conflict (operator_id, hour, network_interface, hotspot) do update set
                bytes_up = usage_operator_hourly.bytes_up + excluded.bytes_up,
                bytes_down = usage_operator_hourly.bytes_down + excluded.bytes_down
            """;

    private FactStore() {
    }

    /** Writes the facts to the hourly history and the operators' hourly statistics (two statements). */
    public static void writeHistory(Connection connection, UsageFacts facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        List<Map.Entry<UsageFacts.Key, UsageFacts.Sum>> rows = new ArrayList<>(facts.facts().entrySet());
        try (PreparedStatement statement = connection.prepareStatement(HISTORY)) {
            int i = 1;
            statement.setArray(i++, texts(connection, rows, k -> k.operatorId()));
            statement.setArray(i++, texts(connection, rows, k -> k.deviceId()));
            statement.setArray(i++, times(connection, rows, k -> k.periodStart()));
            statement.setArray(i++, times(connection, rows, k -> k.hour()));
            statement.setArray(i++, texts(connection, rows, k -> k.networkInterface()));
            statement.setArray(i++, texts(connection, rows, k -> k.label()));
            statement.setArray(i++, connection.createArrayOf("boolean",
                    rows.stream().map(e -> e.getKey().roaming()).toArray()));
            statement.setArray(i++, longs(connection, rows, s -> s.bytesUp));
            statement.setArray(i++, longs(connection, rows, s -> s.bytesDown));
            statement.setArray(i++, longs(connection, rows, s -> s.records));
            statement.executeUpdate();
        }
        // per operator, hour, interface and hotspot; sorted so that concurrent writers do not deadlock
        Map<List<Object>, long[]> perOperator = new LinkedHashMap<>();
        rows.forEach(e -> {
            UsageFacts.Key k = e.getKey();
            String hotspot = UsageRecorded.Interface.WIFI_OFFLOAD.name().equals(k.networkInterface())
                    && k.label() != null ? k.label() : "";
            long[] sum = perOperator.computeIfAbsent(List.of(k.operatorId(), k.hour(), k.networkInterface(), hotspot),
                    x -> new long[2]);
            sum[0] += e.getValue().bytesUp;
            sum[1] += e.getValue().bytesDown;
        });
        List<Map.Entry<List<Object>, long[]>> sorted = new ArrayList<>(perOperator.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<List<Object>, long[]> e) -> (String) e.getKey().get(0))
                .thenComparing(e -> (Instant) e.getKey().get(1)).thenComparing(e -> (String) e.getKey().get(2))
                .thenComparing(e -> (String) e.getKey().get(3)));
        try (PreparedStatement statement = connection.prepareStatement(OPERATOR_HOURLY)) {
            statement.setArray(1, connection.createArrayOf("text", sorted.stream().map(e -> e.getKey().get(0)).toArray()));
            statement.setArray(2, connection.createArrayOf("timestamptz",
                    sorted.stream().map(e -> Timestamp.from((Instant) e.getKey().get(1))).toArray()));
            statement.setArray(3, connection.createArrayOf("text", sorted.stream().map(e -> e.getKey().get(2)).toArray()));
            statement.setArray(4, connection.createArrayOf("text", sorted.stream().map(e -> e.getKey().get(3)).toArray()));
            statement.setArray(5, connection.createArrayOf("bigint", sorted.stream().map(e -> e.getValue()[0]).toArray()));
            statement.setArray(6, connection.createArrayOf("bigint", sorted.stream().map(e -> e.getValue()[1]).toArray()));
            statement.executeUpdate();
        }
    }

    private static Array texts(Connection connection, Collection<Map.Entry<UsageFacts.Key, UsageFacts.Sum>> rows,
            Function<UsageFacts.Key, String> column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(e -> column.apply(e.getKey())).toArray());
    }

    private static Array times(Connection connection, Collection<Map.Entry<UsageFacts.Key, UsageFacts.Sum>> rows,
            Function<UsageFacts.Key, Instant> column) throws SQLException {
        return connection.createArrayOf("timestamptz",
                rows.stream().map(e -> Timestamp.from(column.apply(e.getKey()))).toArray());
    }

    private static Array longs(Connection connection, Collection<Map.Entry<UsageFacts.Key, UsageFacts.Sum>> rows,
            ToLongFunction<UsageFacts.Sum> column) throws SQLException {
        return connection.createArrayOf("bigint", rows.stream().map(e -> column.applyAsLong(e.getValue())).toArray());
    }
}
