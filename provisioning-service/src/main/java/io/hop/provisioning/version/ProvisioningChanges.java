package io.hop.provisioning.version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.Channels;
import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.tx.Transactor;

/**
 * The one way a provisioning entity changes: in the caller's transaction, the new immutable version is stored, the
 * operator's configuration epoch is raised (unless the entity is a device), and the full new state is published on
 * {@code provisioning.changes.v1} through the outbox, keyed {@code <type>:<id>}; a deletion stores a version without
 * state and publishes a tombstone. So every version that exists was published, and every event has its version.
 */
@ApplicationScoped
public class ProvisioningChanges {

    /** One stored version: its state as published (JSON), or none for the deletion. */
    public record StoredVersion(String entityType, String entityId, long version, String operatorId, String stateJson,
            Instant createdAt) {

        public boolean deletion() {
            return stateJson == null;
        }
    }

    private final DataSource dataSource;
    private final Transactor transactor;
    private final Outbox outbox;

    ProvisioningChanges(DataSource dataSource, Transactor transactor, Outbox outbox) {
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.outbox = outbox;
    }

    /**
     * Records version {@code version} of entity {@code entityType}/{@code entityId} with {@code state}, and publishes
     * it (caller's transaction).
     *
     * @param subject the CloudEvent subject (usually the entity id)
     * @throws io.hop.platform.problem.ProblemException 409 (through the platform's conflict mapping) when that version
     *                                                  already exists: a concurrent change won
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void changed(String operatorId, String entityType, String entityId, long version, EventType<T> type,
            T state, Instant at) {
        Objects.requireNonNull(state, "state");
        String json;
        try {
            // The event mapper: the stored version is byte for byte the event's data.
            json = PlatformJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + type.name() + ": " + e.getMessage(), e);
        }
        store(operatorId, entityType, entityId, version, json, at);
        outbox.publish(Channels.PROVISIONING_CHANGES, ProvisioningKeys.of(entityType, entityId), entityId, type, state);
    }

    /**
     * Records the deletion of entity {@code entityType}/{@code entityId} as its version {@code version} and publishes
     * its tombstone (caller's transaction).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String operatorId, String entityType, String entityId, long version, Instant at) {
        requireUnassigned(operatorId, entityType, entityId);
        store(operatorId, entityType, entityId, version, null, at);
        outbox.publishTombstone(Channels.PROVISIONING_CHANGES, ProvisioningKeys.of(entityType, entityId), entityId,
                ProvisioningEvents.ENTITY_DELETED);
    }

    /**
     * Serializes, per operator and until the caller's transaction ends, the changes that assign policies, profiles and
     * plans to device groups and the deletions of those entities: a group is never saved referring to an entity that
     * a concurrent transaction deletes. Changes of configuration are rare, so one lock per operator costs nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAssignments(String operatorId) {
        transactor.requireActive("ProvisioningChanges.lockAssignments");
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement lock = connection.prepareStatement(
                            "select pg_advisory_xact_lock(hashtextextended('hop-provisioning-assignments:' || ?, 0))")) {
                lock.setString(1, operatorId);
                lock.execute();
            }
            return null;
        });
    }

    /** 409 when a device group of the operator still assigns the policy, profile or plan about to be deleted. */
    private void requireUnassigned(String operatorId, String entityType, String entityId) {
        String reference = switch (entityType) {
            case ProvisioningKeys.SHARING_POLICY -> "state->>'sharingPolicyId' = ?";
            case ProvisioningKeys.PLAN -> "state->>'planId' = ?";
            case ProvisioningKeys.HOTSPOT_PROFILE -> "state->'hotspotProfileIds' @> jsonb_build_array(cast(? as text))";
            default -> null;
        };
        if (reference == null) {
            return;
        }
        lockAssignments(operatorId);
        List<String> groups = transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "select state->>'name' from device_group where operator_id = ? and " + reference
                                    + " order by precedence")) {
                select.setString(1, operatorId);
                select.setString(2, entityId);
                List<String> names = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            }
        });
        if (!groups.isEmpty()) {
            throw ProblemException.conflict(entityType + " '" + entityId + "' is assigned by device group(s) " + groups
                    + "; assign something else to them, or delete them, first");
        }
    }

    /** Every stored version of the entity, oldest first; empty when the operator has no such entity. */
    public List<StoredVersion> versions(String operatorId, String entityType, String entityId) {
        return select(operatorId, entityType, entityId, null);
    }

    /** Version {@code version} of the entity, if the operator has it. */
    public Optional<StoredVersion> version(String operatorId, String entityType, String entityId, long version) {
        return select(operatorId, entityType, entityId, version).stream().findFirst();
    }

    /** The entity's versions, or only {@code version} when it is not null (one primary-key lookup). */
    private List<StoredVersion> select(String operatorId, String entityType, String entityId, Long version) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            select entity_type, entity_id, version, operator_id, state::text, created_at
                              from entity_version
                             where entity_type = ? and entity_id = ? and operator_id = ?
                               and (cast(? as bigint) is null or version = cast(? as bigint))
                             order by version""")) {
                select.setString(1, entityType);
                select.setString(2, entityId);
                select.setString(3, operatorId);
                select.setObject(4, version, java.sql.Types.BIGINT);
                select.setObject(5, version, java.sql.Types.BIGINT);
                List<StoredVersion> versions = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        versions.add(new StoredVersion(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant()));
                    }
                }
                return versions;
            }
        });
    }

    /** The operator's configuration epoch (see {@code V2__entity_versions.sql}); 0 for an unknown operator. */
    public long configEpoch(String operatorId) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "select config_epoch from operator where id = ?")) {
                select.setString(1, operatorId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private void store(String operatorId, String entityType, String entityId, long version, String json, Instant at) {
        transactor.requireActive("ProvisioningChanges");
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into entity_version (entity_type, entity_id, version, operator_id, state, created_at)
                        values (?, ?, ?, ?, cast(? as jsonb), ?)""")) {
                    insert.setString(1, entityType);
                    insert.setString(2, entityId);
                    insert.setLong(3, version);
                    insert.setString(4, operatorId);
                    insert.setString(5, json);
                    insert.setTimestamp(6, Timestamp.from(at));
                    insert.executeUpdate();
                }
                if (!ProvisioningKeys.DEVICE.equals(entityType)) {
                    try (PreparedStatement bump = connection.prepareStatement(
                            "update operator set config_epoch = config_epoch + 1 where id = ?")) {
                        bump.setString(1, operatorId);
                        bump.executeUpdate();
                    }
                }
            }
            return null;
        });
    }
}
