package io.hop.usage.alert;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Alert state and thresholds in the database, set-based: one query loads the state of all of a batch's candidate
 * devices, one upsert writes it back, whatever their number. Plain JDBC on the caller's connection (transaction).
 */
public final class AlertStore {

    /** Identifies a device's counter of one billing period. */
    public record Key(String operatorId, String deviceId, Instant periodStart) {
    }

    private AlertStore() {
    }

    /** The thresholds of {@code operators}, per operator. */
    public static Map<String, List<Threshold>> thresholds(Connection connection, Set<String> operators)
            throws SQLException {
        Map<String, List<Threshold>> byOperator = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select operator_id, threshold_id, plan_id, percent, bytes, snooze_seconds from usage_threshold
                where operator_id = any(?) order by operator_id, threshold_id""")) {
            statement.setArray(1, connection.createArrayOf("text", operators.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byOperator.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(threshold(rows));
                }
            }
        }
        return byOperator;
    }

    static Threshold threshold(ResultSet rows) throws SQLException {
        return new Threshold(rows.getString(1), rows.getString(2), rows.getString(3),
                (Integer) rows.getObject(4), (Long) rows.getObject(5), Duration.ofSeconds(rows.getLong(6)));
    }

    /** The alert state of each key (a fresh one where none is stored), with its devices' threshold states. */
    public static Map<Key, AlertState> load(Connection connection, Collection<Key> keys) throws SQLException {
        Map<Key, AlertState> states = new HashMap<>();
        keys.forEach(k -> states.put(k, new AlertState()));
        try (PreparedStatement statement = connection.prepareStatement("""
                select s.operator_id, s.device_id, s.period_start, s.last_step, s.exhausted_at,
                    s.tethering_exhausted_at, s.roaming_started_at
                from usage_alert_state s
                join unnest(?::text[], ?::text[], ?::timestamptz[]) as k(o, d, p)
                    on s.operator_id = k.o and s.device_id = k.d and s.period_start = k.p""")) {
            statement.setArray(1, texts(connection, keys, Key::operatorId));
            statement.setArray(2, texts(connection, keys, Key::deviceId));
            statement.setArray(3, timestamps(connection, keys, Key::periodStart));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Key key = new Key(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant());
                    states.put(key, new AlertState(rows.getInt(4), instant(rows.getTimestamp(5)),
                            instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7))));
                }
            }
        }
        Map<List<String>, List<AlertState>> byDevice = new HashMap<>();
        states.forEach((k, s) -> byDevice.computeIfAbsent(List.of(k.operatorId(), k.deviceId()), x -> new ArrayList<>())
                .add(s));
        try (PreparedStatement statement = connection.prepareStatement("""
                select t.operator_id, t.device_id, t.threshold_id, t.period_start, t.fired_at
                from usage_threshold_state t
                join (select distinct o, d from unnest(?::text[], ?::text[]) as k(o, d)) k
                    on t.operator_id = k.o and t.device_id = k.d""")) {
            statement.setArray(1, texts(connection, keys, Key::operatorId));
            statement.setArray(2, texts(connection, keys, Key::deviceId));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    AlertState.Fired fired = new AlertState.Fired(rows.getTimestamp(4).toInstant(),
                            rows.getTimestamp(5).toInstant());
                    for (AlertState state : byDevice.getOrDefault(List.of(rows.getString(1), rows.getString(2)),
                            List.of())) {
                        state.threshold(rows.getString(3), fired);
                    }
                }
            }
        }
        return states;
    }

    /** Writes the states that changed (two upserts, in key order). */
    public static void save(Connection connection, Map<Key, AlertState> states, Instant now) throws SQLException {
        List<Map.Entry<Key, AlertState>> changed = states.entrySet().stream().filter(e -> e.getValue().periodChanged)
                .sorted(Map.Entry.comparingByKey(KEY_ORDER)).toList();
        if (!changed.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into usage_alert_state (operator_id, device_id, period_start, last_step, exhausted_at,
                        tethering_exhausted_at, roaming_started_at, updated_at)
                    select u.*, ? from unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::timestamptz[],
                        ?::timestamptz[], ?::timestamptz[]) as u
                    on conflict (operator_id, device_id, period_start) do update set
                        last_step = greatest(usage_alert_state.last_step, excluded.last_step),
                        exhausted_at = coalesce(usage_alert_state.exhausted_at, excluded.exhausted_at),
                        tethering_exhausted_at = coalesce(usage_alert_state.tethering_exhausted_at,
                            excluded.tethering_exhausted_at),
                        roaming_started_at = coalesce(usage_alert_state.roaming_started_at,
                            excluded.roaming_started_at),
                        updated_at = excluded.updated_at""")) {
                List<Key> keys = changed.stream().map(Map.Entry::getKey).toList();
                List<AlertState> values = changed.stream().map(Map.Entry::getValue).toList();
                statement.setTimestamp(1, Timestamp.from(now));
                statement.setArray(2, texts(connection, keys, Key::operatorId));
                statement.setArray(3, texts(connection, keys, Key::deviceId));
                statement.setArray(4, timestamps(connection, keys, Key::periodStart));
                statement.setArray(5, connection.createArrayOf("int",
                        values.stream().map(AlertState::lastStep).toArray()));
                statement.setArray(6, timestamps(connection, values, AlertState::exhaustedAt));
                statement.setArray(7, timestamps(connection, values, AlertState::tetheringExhaustedAt));
                statement.setArray(8, timestamps(connection, values, AlertState::roamingStartedAt));
                statement.executeUpdate();
            }
        }
        List<String[]> fired = new ArrayList<>();
        List<Instant[]> firedTimes = new ArrayList<>();
        states.entrySet().stream().sorted(Map.Entry.comparingByKey(KEY_ORDER)).forEach(e -> e.getValue()
                .thresholdsChanged().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> {
                    fired.add(new String[] { e.getKey().operatorId(), e.getKey().deviceId(), t.getKey() });
                    firedTimes.add(new Instant[] { t.getValue().periodStart(), t.getValue().firedAt() });
                }));
        if (!fired.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into usage_threshold_state (operator_id, device_id, threshold_id, period_start, fired_at)
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                    on conflict (operator_id, device_id, threshold_id) do update set
                        period_start = excluded.period_start, fired_at = excluded.fired_at""")) {
                for (int i = 0; i < 3; i++) {
                    int column = i;
                    statement.setArray(i + 1, connection.createArrayOf("text",
                            fired.stream().map(f -> f[column]).toArray()));
                }
                statement.setArray(4, timestamps(connection, firedTimes, f -> f[0]));
                statement.setArray(5, timestamps(connection, firedTimes, f -> f[1]));
                statement.executeUpdate();
            }
        }
        states.values().forEach(s -> {
            s.periodChanged = false;
            s.thresholdsChanged.clear();
        });
    }

    static final java.util.Comparator<Key> KEY_ORDER = java.util.Comparator.comparing(Key::operatorId)
            .thenComparing(Key::deviceId).thenComparing(Key::periodStart);

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static <T> Array texts(Connection connection, Collection<T> rows, Function<T, String> column)
            throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray());
    }

    private static <T> Array timestamps(Connection connection, Collection<T> rows, Function<T, Instant> column)
            throws SQLException {
        return connection.createArrayOf("timestamptz",
                rows.stream().map(column).map(i -> i == null ? null : Timestamp.from(i)).toArray());
    }
}
