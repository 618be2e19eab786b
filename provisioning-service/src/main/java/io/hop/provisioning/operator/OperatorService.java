package io.hop.provisioning.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import io.hop.platform.tx.DataAccessException;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;

/** Operators: each change commits together with the {@code provisioning.operator-changed.v1} event announcing it. */
@ApplicationScoped
public class OperatorService {

    private final OperatorRepository operators;
    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    OperatorService(OperatorRepository operators, Outbox outbox, DataSource dataSource) {
        this.operators = operators;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public Operator create(String id, String name) {
        if (operators.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("operator '" + id + "' already exists");
        }
        // Microseconds: what PostgreSQL stores, so the event and a later read agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Operator operator = Operator.create(id, name, now);
        // Flushed now: a concurrent create of the same id fails here on the primary key (409), not later at commit.
        operators.persistAndFlush(operator);
        // Keyed by entity (the topic is compacted), subject the operator id.
        outbox.publish(Channels.PROVISIONING_CHANGES, ProvisioningKeys.operator(id), id, ProvisioningEvents.OPERATOR_CHANGED,
                operator.toEvent());
        return operator;
    }

    /**
     * Changes an operator that is still at {@code expectedVersion} (the version the client read): otherwise 409, and
     * nothing changes. Two concurrent changes from the same version: one wins, the other gets 409 from the optimistic
     * lock when its update finds the row changed.
     */
    @Transactional
    public Operator change(String id, long expectedVersion, String name, Operator.Status status) {
        Operator operator = operators.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no operator '" + id + "'"));
        if (operator.version() != expectedVersion) {
            throw ProblemException.conflict("operator '" + id + "' is at version " + operator.version() + ", not "
                    + expectedVersion + "; read it again and retry");
        }
        operator.change(name, status, clock.instant().truncatedTo(ChronoUnit.MICROS));
        operators.flush(); // raises the version (the event carries it), or fails on a concurrent change
        outbox.publish(Channels.PROVISIONING_CHANGES, ProvisioningKeys.operator(id), id, ProvisioningEvents.OPERATOR_CHANGED,
                operator.toEvent());
        return operator;
    }

    /**
     * The operator as stored now: one primary-key read in plain JDBC, outside any transaction and persistence
     * context. A read that changes nothing needs neither, and on this, the path every operator token takes, the ORM's
     * session and load machinery cost more than the query (see docs/benchmarks.md, "http").
     */
    public Optional<Operator> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select id, name, status, version, created_at, updated_at from operator where id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(Operator.loaded(rs.getString(1), rs.getString(2),
                        Operator.Status.valueOf(rs.getString(3)), rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read operator " + id, e);
        }
    }

    public List<Operator> list() {
        return operators.listAll(Sort.by("id"));
    }
}
