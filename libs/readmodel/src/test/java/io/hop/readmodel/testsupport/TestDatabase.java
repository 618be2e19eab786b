package io.hop.readmodel.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.postgresql.ds.PGSimpleDataSource;

import io.hop.platform.tx.LocalTransactions;
import io.hop.readmodel.ReadModelSchema;
import io.hop.testing.infra.Infrastructure;

/**
 * A fresh database on the real PostgreSQL for one plain (non-Quarkus) test class, migrated by the library's own
 * {@link ReadModelSchema} as a service's start-up migrates it.
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
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        ReadModelSchema.SCHEMA.migrate(dataSource);
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
