package io.hop.readmodel;

import io.hop.contracts.EventType;

/**
 * Keeps one entity type of provisioning (e.g. operators) in a local table. {@link ProvisioningReadModel} dispatches
 * to it: a change event of {@link #eventType()} to {@link #apply}, a tombstone keyed {@code <entityType>:<id>} to
 * {@link #delete}. Both run in the caller's transaction (the consumer's inbox transaction) and must be idempotent:
 * the same event or tombstone may come again, and a change older than the held state must change nothing.
 *
 * <p>Implementations are CDI beans of this library; a service enables them by name in
 * {@code hop.readmodel.entities}.
 *
 * @param <T> the payload record of the entity's change event (its full state and version)
 */
public interface EntityHandler<T> {

    /** The entity type as in the topic's keys, e.g. {@code operator} (see {@code ProvisioningKeys}). */
    String entityType();

    /** The event carrying this entity's state, e.g. {@code provisioning.operator-changed.v1}. */
    EventType<T> eventType();

    /**
     * Stores {@code state} when it is newer than the held one (caller's transaction).
     *
     * @return true if the held state changed
     */
    boolean apply(T state);

    /**
     * Forgets entity {@code id} (caller's transaction).
     *
     * @return true if it was held
     */
    boolean delete(String id);
}
