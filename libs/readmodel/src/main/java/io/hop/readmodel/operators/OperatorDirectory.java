package io.hop.readmodel.operators;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.platform.tx.DataAccessException;
import io.hop.platform.tx.Transactor;
import io.hop.readmodel.EntityHandler;

/**
 * The operators this service knows (table {@code known_operator}), kept from
 * {@link ProvisioningEvents#OPERATOR_CHANGED} events and {@code operator:<id>} tombstones. Versions make it safe
 * against redelivered and reordered events: a change replaces the held state only when its version is newer.
 * Entity type {@value ProvisioningKeys#OPERATOR} of {@code hop.readmodel.entities}.
 */
@ApplicationScoped
public class OperatorDirectory implements EntityHandler<OperatorChanged> {

    private final DataSource dataSource;
    private final Transactor transactor;

    @Inject
    public OperatorDirectory(DataSource dataSource, Transactor transactor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public String entityType() {
        return ProvisioningKeys.OPERATOR;
    }

    @Override
    public EventType<OperatorChanged> eventType() {
        return ProvisioningEvents.OPERATOR_CHANGED;
    }

    /**
     * Upserts when the change's version is newer than the one held, in the caller's transaction.
     *
     * @return true if applied; false (nothing changed) for an older or equal version
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(OperatorChanged change) {
        Objects.requireNonNull(change, "change");
        if (change.operatorId() == null || change.operatorId().isEmpty()) {
            throw new InvalidEventException("operator change without operatorId");
        }
        transactor.requireActive("OperatorDirectory.apply");
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement upsert = connection.prepareStatement("""
                            insert into known_operator (operator_id, name, status, version, changed_at)
                            values (?, ?, ?, ?, ?)
                            on conflict (operator_id) do update
                               set name = excluded.name, status = excluded.status, version = excluded.version,
                                   changed_at = excluded.changed_at, applied_at = now()
                             where known_operator.version < excluded.version""")) {
                upsert.setString(1, change.operatorId());
                upsert.setString(2, change.name());
                upsert.setString(3, change.status());
                upsert.setLong(4, change.version());
                upsert.setTimestamp(5, change.changedAt() == null ? null : Timestamp.from(change.changedAt()));
                return upsert.executeUpdate() == 1;
            }
        });
    }

    /**
     * Forgets the operator (its tombstone arrived), in the caller's transaction.
     *
     * @return true if it was known
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(String operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        transactor.requireActive("OperatorDirectory.delete");
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from known_operator where operator_id = ?")) {
                delete.setString(1, operatorId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** The operator as last applied, if known. */
    public Optional<KnownOperator> find(String operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select operator_id, name, status, version, changed_at from known_operator where operator_id = ?")) {
            select.setString(1, operatorId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp changedAt = rs.getTimestamp(5);
                return Optional.of(new KnownOperator(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        changedAt == null ? null : changedAt.toInstant()));
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read operator " + operatorId, e);
        }
    }
}
