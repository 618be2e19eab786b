package io.hop.platform.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.hop.platform.schema.LibrarySchema;
import io.hop.platform.tx.LocalTransactions;
import io.hop.testing.infra.Infrastructure;

/**
 * A fresh database on the real PostgreSQL for one plain (non-Quarkus) test class, migrated by the same Flyway
 * scripts a service runs (the platform's own schema, then the test's {@code db/migration} V1 standing for a service's),
 * with a small connection pool.
 */
public final class TestDatabase implements AutoCloseable {

    private final Infrastructure.Database database;
    private final AgroalDataSource pool;
    private final LocalTransactions transactions;

    private TestDatabase(Infrastructure.Database database, AgroalDataSource pool) {
        this.database = database;
        this.pool = pool;
        this.transactions = new LocalTransactions(pool);
    }

    public static TestDatabase create(String purpose) {
        Infrastructure infra = Infrastructure.get();
        Infrastructure.Database database = infra.createDatabase(purpose);
        try {
            AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(cp -> cp
                            .maxSize(20)
                            .acquisitionTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(cf -> cf
                                    .jdbcUrl(database.jdbcUrl())
                                    .principal(new NamePrincipal(database.user()))
                                    .credential(new SimplePassword(database.password())))));
            LibrarySchema.PLATFORM.migrate(pool);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
            return new TestDatabase(database, pool);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain connections, each in auto-commit mode: what the outbox relay gets. */
    public DataSource rawDataSource() {
        return pool;
    }

    /** Local transactions on this database, and {@link LocalTransactions#dataSource()} that joins them. */
    public LocalTransactions transactions() {
        return transactions;
    }

    public long queryLong(String sql, Object... parameters) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> queryStrings(String sql, Object... parameters) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on {@code dataSource} (e.g. inside the current local transaction). */
    public static int update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @Override
    public void close() {
        pool.close();
        Infrastructure.get().dropDatabase(database);
    }
}
