package io.hop.plugin.api;

import java.util.Optional;

/**
 * A plugin's small persistent store for one operator. Values are opaque bytes (a plugin seals its secrets itself
 * or with {@link PluginContext#secret}). Calls block; plugin-host makes them on the plugin's own executor.
 */
public interface KeyValueStore {

    Optional<byte[]> get(String key);

    void put(String key, byte[] value);

    /** Stores {@code value} only when the current value equals {@code expected} (null: absent); true if stored. */
    boolean compareAndSet(String key, byte[] expected, byte[] value);

    void delete(String key);

    /**
     * Adds {@code delta} to a counter (absent counts as 0) and returns the new value, atomically and durably across
     * replicas: the way to reserve ranges (e.g. sequence numbers) in blocks.
     */
    long addAndGet(String key, long delta);
}
