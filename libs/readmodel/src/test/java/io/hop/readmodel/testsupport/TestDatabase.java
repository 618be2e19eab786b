package io.hop.readmodel.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.hop.platform.tx.LocalTransactions;
import io.hop.testing.infra.Infrastructure;

/**
 * A fresh database on the real PostgreSQL for one plain (non-Quarkus) test class, migrated by the library's own
 * scripts as a service runs them.
 */
public final class TestDatabase implements AutoCloseable {

    private final Infrastructure.Database database;
    private final LocalTransactions transactions;

    private TestDatabase(Infrastructure.Database database, LocalTransactions transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    public static TestDatabase create(String purpose) {
        Infrastructure.Database database = Infrastructure.get().createDatabase(purpose);
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/hop-readmodel")
                .table("hop_readmodel_schema_history")
                .load()
                .migrate();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return new TestDatabase(database, new LocalTransactions(dataSource));
    }

    /** Local transactions on this database, and {@link LocalTransactions#dataSource()} that joins them. */
    public LocalTransactions transactions() {
        return transactions;
    }

    /** Runs a statement outside any transaction (set-up of test tables). */
    public void execute(String sql) {
        try (Connection connection = transactions.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Infrastructure.get().dropDatabase(database);
    }
}
