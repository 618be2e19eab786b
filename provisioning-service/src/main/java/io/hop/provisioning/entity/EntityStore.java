package io.hop.provisioning.entity;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.hop.contracts.EventType;
import io.hop.platform.problem.ProblemException;
import io.hop.provisioning.entity.EntityTable.Stored;
import io.hop.provisioning.version.ProvisioningChanges;

/**
 * The changes of one entity type kept in an {@link EntityTable}, each recorded and published through
 * {@link ProvisioningChanges} in the caller's transaction: create at version 1, replace from an expected version
 * (409 when stale), delete with a tombstone. Reads answer 404 for an entity the operator does not have.
 *
 * @param <T> the entity's event record (its full state)
 */
public final class EntityStore<T> {

    private final EntityTable<T> table;
    private final ProvisioningChanges changes;
    private final String entityType;
    private final EventType<T> eventType;
    private final String label;

    /** @param label how problems name the entity, e.g. "hotspot profile" */
    public EntityStore(DataSource dataSource, ProvisioningChanges changes, String table, String entityType,
            EventType<T> eventType, String label) {
        this.table = new EntityTable<>(dataSource, table, eventType.dataClass());
        this.changes = changes;
        this.entityType = entityType;
        this.eventType = eventType;
        this.label = label;
    }

    /** Stores and publishes version 1 of a new entity (404 when the operator does not exist). */
    public void create(String operatorId, String id, T state, Instant at) {
        if (!table.operatorExists(operatorId)) {
            throw ProblemException.notFound("no operator '" + operatorId + "'");
        }
        table.insert(operatorId, id, 1, state, at);
        changes.changed(operatorId, entityType, id, 1, eventType, state, at);
    }

    /** The entity as stored now, its row locked until the transaction ends (404 when the operator has none). */
    public Stored<T> current(String operatorId, String id) {
        return table.find(operatorId, id, true).orElseThrow(() -> notFound(id));
    }

    /**
     * Stores and publishes {@code state} as version {@code expectedVersion + 1}.
     *
     * @param current the entity as read by {@link #current} in this transaction
     * @throws ProblemException 409 when the entity is not at {@code expectedVersion}
     */
    public void replace(String operatorId, Stored<T> current, long expectedVersion, T state, Instant at) {
        if (current.version() != expectedVersion
                || !table.update(operatorId, current.id(), expectedVersion, expectedVersion + 1, state, at)) {
            throw ProblemException.conflict(label + " '" + current.id() + "' is at version " + current.version()
                    + ", not " + expectedVersion + "; read it again and retry");
        }
        changes.changed(operatorId, entityType, current.id(), expectedVersion + 1, eventType, state, at);
    }

    /** Deletes the entity: a deletion version and a tombstone (404 when the operator has none). */
    public void delete(String operatorId, String id, Instant at) {
        Stored<T> current = current(operatorId, id);
        table.delete(operatorId, id, current.version());
        changes.deleted(operatorId, entityType, id, current.version() + 1, at);
    }

    /** Now, truncated to microseconds: what PostgreSQL stores, so that the event and a later read agree. */
    public static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public T find(String operatorId, String id) {
        return table.find(operatorId, id, false).map(Stored::state).orElseThrow(() -> notFound(id));
    }

    public List<T> list(String operatorId) {
        return table.list(operatorId).stream().map(Stored::state).toList();
    }

    private ProblemException notFound(String id) {
        return ProblemException.notFound("no " + label + " '" + id + "'");
    }
}
