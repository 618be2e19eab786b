package io.hop.platform.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.platform.tx.Transactor;

/**
 * A test stand-in for a service's read model (test table {@code test_operator}): the effect the messaging tests
 * observe. The real operator read model lives in hop-readmodel; the platform holds no domain code.
 */
@ApplicationScoped
public class TestOperators {

    @Inject
    DataSource dataSource;

    @Inject
    Transactor transactor;

    /** Keeps {@code change} when its version is newer than the one held, in the caller's transaction. */
    public boolean apply(OperatorChanged change) {
        transactor.requireActive("TestOperators.apply");
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement upsert = connection.prepareStatement("""
                            insert into test_operator (operator_id, name, status, version, changed_at)
                            values (?, ?, ?, ?, ?)
                            on conflict (operator_id) do update
                               set name = excluded.name, status = excluded.status, version = excluded.version,
                                   changed_at = excluded.changed_at
                             where test_operator.version < excluded.version""")) {
                upsert.setString(1, change.operatorId());
                upsert.setString(2, change.name());
                upsert.setString(3, change.status());
                upsert.setLong(4, change.version());
                upsert.setTimestamp(5, change.changedAt() == null ? null : Timestamp.from(change.changedAt()));
                return upsert.executeUpdate() == 1;
            }
        });
    }

    public Optional<OperatorChanged> find(String operatorId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select operator_id, name, status, version, changed_at from test_operator where operator_id = ?")) {
            select.setString(1, operatorId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp changedAt = rs.getTimestamp(5);
                return Optional.of(new OperatorChanged(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        changedAt == null ? null : changedAt.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
