package io.hop.plugin.api;

import java.util.Map;
import java.util.Optional;

/**
 * A plugin's small persistent store for one operator. Values are opaque bytes (a plugin seals its secrets itself
 * or with {@link PluginContext#secret}). Calls block; plugin-host makes them on the plugin's own executor.
 */
public interface KeyValueStore {

    Optional<byte[]> get(String key);

    void put(String key, byte[] value);

    /**
     * Stores every entry (a key's new value replaces its old one). The host's store writes them all in one transaction,
     * a few statements whatever their number, so that importing many values (e.g. subscribers) costs one commit, not
     * one per key, and either all are stored or none. This default, for stores without a batch write, puts them one by
     * one.
     */
    default void putAll(Map<String, byte[]> entries) {
        entries.forEach(this::put);
    }

    /** Stores {@code value} only when the current value equals {@code expected} (null: absent); true if stored. */
    boolean compareAndSet(String key, byte[] expected, byte[] value);

    void delete(String key);

    /**
     * Adds {@code delta} to a counter (absent counts as 0) and returns the new value, atomically and durably across
     * replicas: the way to reserve ranges (e.g. sequence numbers) in blocks.
     */
    long addAndGet(String key, long delta);
}
