package io.hop.pluginhost.capability;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.hop.plugin.api.KeyValueStore;
import io.hop.platform.tx.Transactor;

/**
 * A plugin's store for one operator, in this host's PostgreSQL ({@code plugin_kv}, {@code plugin_counter}) and
 * scoped to (plugin, operator): no plugin reads another's keys, no operator's keys leak to another. Each call is one
 * statement in the caller's transaction or its own. Counters ({@link #addAndGet}) live beside the values, under their
 * own keys: a single upsert adds atomically across replicas, which is how a plugin reserves blocks of numbers.
 */
public final class JdbcKeyValueStore implements KeyValueStore {

    static final int MAX_KEY_LENGTH = 512;
    static final int MAX_VALUE_BYTES = 64 * 1024;
    static final int PUT_ALL_CHUNK = 1_000;

    private final DataSource dataSource;
    private final Transactor transactor;
    private final String pluginId;
    private final String operatorId;

    public JdbcKeyValueStore(DataSource dataSource, Transactor transactor, String pluginId, String operatorId) {
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.pluginId = pluginId;
        this.operatorId = operatorId;
    }

    @Override
    public Optional<byte[]> get(String key) {
        check(key, null);
        return transactor.required(() -> {
            try (var c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "select value from plugin_kv where plugin_id = ? and operator_id = ? and key = ?")) {
                bind(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public void put(String key, byte[] value) {
        check(key, value);
        update("insert into plugin_kv (plugin_id, operator_id, key, value) values (?, ?, ?, ?) "
                + "on conflict (plugin_id, operator_id, key) do update set value = excluded.value", key, value, null);
    }

    /** One transaction; one upsert statement per {@value #PUT_ALL_CHUNK} entries (keys and values bound as arrays). */
    @Override
    public void putAll(Map<String, byte[]> entries) {
        entries.forEach(JdbcKeyValueStore::check);
        if (entries.isEmpty()) {
            return;
        }
        List<Map.Entry<String, byte[]>> all = new ArrayList<>(entries.entrySet());
        transactor.required(() -> {
            try (var c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("insert into plugin_kv (plugin_id, operator_id, key, value) "
                            + "select ?, ?, k, v from unnest(?::text[], ?::bytea[]) as u(k, v) "
                            + "on conflict (plugin_id, operator_id, key) do update set value = excluded.value")) {
                for (int from = 0; from < all.size(); from += PUT_ALL_CHUNK) {
                    List<Map.Entry<String, byte[]>> chunk = all.subList(from, Math.min(all.size(), from + PUT_ALL_CHUNK));
                    ps.setString(1, pluginId);
                    ps.setString(2, operatorId);
                    ps.setArray(3, c.createArrayOf("text", chunk.stream().map(Map.Entry::getKey).toArray()));
                    ps.setArray(4, c.createArrayOf("bytea", chunk.stream().map(Map.Entry::getValue).toArray(byte[][]::new)));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] value) {
        check(key, value);
        if (expected == null) {
            return update("insert into plugin_kv (plugin_id, operator_id, key, value) values (?, ?, ?, ?) "
                    + "on conflict do nothing", key, value, null) == 1;
        }
        return update("update plugin_kv set value = ? where plugin_id = ? and operator_id = ? and key = ? "
                + "and value = ?", key, value, expected) == 1;
    }

    @Override
    public void delete(String key) {
        check(key, null);
        update("delete from plugin_kv where plugin_id = ? and operator_id = ? and key = ?", key, null, null);
    }

    @Override
    public long addAndGet(String key, long delta) {
        check(key, null);
        return transactor.required(() -> {
            try (var c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "insert into plugin_counter as t (plugin_id, operator_id, key, value) values (?, ?, ?, ?) "
                                    + "on conflict (plugin_id, operator_id, key) "
                                    + "do update set value = t.value + excluded.value returning value")) {
                bind(ps, key);
                ps.setLong(4, delta);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private int update(String sql, String key, byte[] value, byte[] expected) {
        return transactor.required(() -> {
            try (var c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                if (sql.startsWith("update")) {
                    ps.setBytes(1, value);
                    ps.setString(2, pluginId);
                    ps.setString(3, operatorId);
                    ps.setString(4, key);
                    ps.setBytes(5, expected);
                } else {
                    bind(ps, key);
                    if (value != null) {
                        ps.setBytes(4, value);
                    }
                }
                return ps.executeUpdate();
            }
        });
    }

    private void bind(PreparedStatement ps, String key) throws java.sql.SQLException {
        ps.setString(1, pluginId);
        ps.setString(2, operatorId);
        ps.setString(3, key);
    }

    private static void check(String key, byte[] value) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key must be 1.." + MAX_KEY_LENGTH + " characters");
        }
        if (value != null && value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value must be at most " + MAX_VALUE_BYTES + " bytes, not "
                    + value.length);
        }
    }

    @Override
    public String toString() {
        return "JdbcKeyValueStore[" + pluginId + "/" + operatorId + "]";
    }
}
