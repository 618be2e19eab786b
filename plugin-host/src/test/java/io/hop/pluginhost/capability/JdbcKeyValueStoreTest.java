package io.hop.pluginhost.capability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hop.platform.tx.Transactor;
import io.quarkus.test.junit.QuarkusTest;

/** The key-value capability on the service's PostgreSQL: the batch write plugins import with. */
@QuarkusTest
class JdbcKeyValueStoreTest {

    @Inject
    DataSource dataSource;
    @Inject
    Transactor transactor;

    JdbcKeyValueStore store(String plugin, String operator) {
        return new JdbcKeyValueStore(dataSource, transactor, plugin, operator);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putAllStoresEveryEntryAcrossStatementChunksAndReplacesOldValues() {
        String plugin = "kv-" + UUID.randomUUID();
        JdbcKeyValueStore store = store(plugin, "acme");
        store.put("k-7", bytes("old"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int n = JdbcKeyValueStore.PUT_ALL_CHUNK * 2 + 500;
        for (int i = 0; i < n; i++) {
            entries.put("k-" + i, bytes("v-" + i));
        }

        store.putAll(entries);

        for (int i : new int[] {0, 7, JdbcKeyValueStore.PUT_ALL_CHUNK, n - 1}) {
            assertArrayEquals(bytes("v-" + i), store.get("k-" + i).orElseThrow(), "k-" + i);
        }
        assertEquals(n, transactor.required(() -> {
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                    "select count(*) from plugin_kv where plugin_id = ? and operator_id = 'acme'")) {
                ps.setString(1, plugin);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }));
        assertTrue(store(plugin, "globex").get("k-0").isEmpty(), "another operator's store sees none of them");
    }

    @Test
    void aBatchWithOneInvalidEntryStoresNothing() {
        JdbcKeyValueStore store = store("kv-" + UUID.randomUUID(), "acme");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("fine", bytes("v"));
        entries.put("x".repeat(JdbcKeyValueStore.MAX_KEY_LENGTH + 1), bytes("v"));

        assertThrows(IllegalArgumentException.class, () -> store.putAll(entries));

        assertTrue(store.get("fine").isEmpty());
    }
}
