package io.hop.readmodel;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Something a service reads per operator and that changes rarely (the operator's policies and plans, its entitlement
 * providers), held in memory and used only while the operator's revision is the one the caller has just read from the
 * database, e.g. {@link ConfigurationRevisions}' revision read in the device's statement
 * ({@code DeviceResolver.resolveWithRevision}). So the copy costs no read of its own while nothing changes, and is never
 * stale: every change gives the operator a new revision in the transaction that makes it, so the first read after its
 * commit, on any replica, sees another revision and loads again.
 *
 * <p>Why labelling a copy with the caller's revision is safe: the caller read that revision <em>before</em> calling
 * {@link #get}, so {@code load} runs later and sees at least every change up to that revision (each statement sees what
 * had committed when it started, and a transaction sees its own changes). A copy may be newer than its label, when a
 * change committed in between; then that change's new revision differs from the label, and the next caller who reads
 * it loads again. A copy is never older than its label. A revision that was rolled back never comes back, because
 * revisions come from a sequence.
 *
 * <p>Threads that miss at the same time each load (once per change and operator); the last one's copy is held. Plain
 * Java, thread-safe; one entry per operator that was asked for, never evicted (an operator's configuration is small).
 *
 * @param <T> what is held per operator
 */
public final class RevisionCache<T> {

    private final Function<String, T> load;
    private final Map<String, Held<T>> held = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();

    /**
     * @param load reads an operator's value from the database (in the caller's transaction, if any); never null
     */
    public RevisionCache(Function<String, T> load) {
        this.load = Objects.requireNonNull(load, "load");
    }

    /**
     * The operator's value: the copy held if it was loaded at {@code revision}, else one loaded now and held with that
     * label.
     *
     * @param revision the operator's revision as the caller has just read it, before this call
     */
    public T get(String operatorId, long revision) {
        Objects.requireNonNull(operatorId, "operatorId");
        Held<T> copy = held.get(operatorId);
        if (copy != null && copy.revision() == revision) {
            return copy.value();
        }
        loads.incrementAndGet();
        T value = Objects.requireNonNull(load.apply(operatorId), "loaded value");
        held.put(operatorId, new Held<>(revision, value));
        return value;
    }

    /** How often a value was loaded (a miss), for tests and metrics. */
    public long loads() {
        return loads.get();
    }

    private record Held<T>(long revision, T value) {
    }
}
