package io.hop.platform.operators;

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

import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.tx.DataAccessException;
import io.hop.platform.tx.Transactor;

/**
 * The operators this service knows (table {@code known_operator}), kept from
 * {@link io.hop.contracts.provisioning.ProvisioningEvents#OPERATOR_CHANGED} events. Versions make it safe against
 * redelivered and reordered events: a change replaces the held state only when its version is newer.
 */
@ApplicationScoped
public class OperatorDirectory {

    private final DataSource dataSource;
    private final Transactor transactor;

    @Inject
    public OperatorDirectory(DataSource dataSource, Transactor transactor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    /**
     * Upserts when the change's version is newer than the one held, in the caller's transaction.
     *
     * @return true if applied; false (nothing changed) for an older or equal version
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(OperatorChanged change) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(change.operatorId(), "operatorId");
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
     * Applies {@code event} when it is a {@link ProvisioningEvents#OPERATOR_CHANGED}; any other provisioning change is
     * not this read model's (the service's consumer dispatches those itself). Caller's transaction, as {@link #apply}.
     *
     * @return true if the event changed the held state
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyIfOperatorChange(IncomingEvent event) {
        return event.is(ProvisioningEvents.OPERATOR_CHANGED) && apply(event.dataAs(ProvisioningEvents.OPERATOR_CHANGED));
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
