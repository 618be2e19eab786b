package io.hop.plugins.eapaka;

import io.hop.plugin.api.KeyValueStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory KeyValueStore for plain unit tests (plugin-host's PostgreSQL store is tested by the host). */
public final class MemoryStore implements KeyValueStore {

    public final Map<String, byte[]> values = new ConcurrentHashMap<>();
    public final Map<String, Long> counters = new ConcurrentHashMap<>();
    public final AtomicInteger counterCalls = new AtomicInteger();

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(values.get(key)).map(byte[]::clone);
    }

    @Override
    public void put(String key, byte[] value) {
        values.put(key, value.clone());
    }

    @Override
    public synchronized boolean compareAndSet(String key, byte[] expected, byte[] value) {
        byte[] current = values.get(key);
        if (expected == null ? current != null : current == null || !Arrays.equals(current, expected)) {
            return false;
        }
        values.put(key, value.clone());
        return true;
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public long addAndGet(String key, long delta) {
        counterCalls.incrementAndGet();
        return counters.merge(key, delta, Long::sum);
    }
}
