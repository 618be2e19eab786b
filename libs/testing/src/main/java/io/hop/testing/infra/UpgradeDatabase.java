package io.hop.testing.infra;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for a test of a schema upgrade: the service's Flyway migrations ({@code db/migration} on the
 * test's class path) up to a version, then what an earlier version of the service left in its tables, then the rest
 * of the migrations, then what the upgrade made of it. Dropped on {@link #close()}.
 */
public final class UpgradeDatabase implements AutoCloseable {

    private final Infrastructure infra;
    private final Infrastructure.Database database;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private UpgradeDatabase(Infrastructure infra, Infrastructure.Database database) {
        this.infra = infra;
        this.database = database;
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
    }

    /** A new, empty database; {@code purpose} goes into its name. */
    public static UpgradeDatabase create(String purpose) {
        Infrastructure infra = Infrastructure.get();
        return new UpgradeDatabase(infra, infra.createDatabase(purpose));
    }

    /** Applies the migrations up to and including {@code version}. */
    public UpgradeDatabase migrateTo(String version) {
        flyway().target(MigrationVersion.fromVersion(version)).load().migrate();
        return this;
    }

    /** Applies the remaining migrations. */
    public UpgradeDatabase migrate() {
        flyway().load().migrate();
        return this;
    }

    /** Runs {@code sql} (e.g. the rows an earlier version wrote). */
    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rows of {@code sql}, each as its columns' text joined by single spaces ({@code null} for SQL null). */
    public List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet result = s.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** The first row of {@code sql}, as {@link #rows(String)} gives it. */
    public String row(String sql) throws SQLException {
        List<String> rows = rows(sql);
        if (rows.isEmpty()) {
            throw new AssertionError("no row: " + sql);
        }
        return rows.get(0);
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    @Override
    public void close() {
        infra.dropDatabase(database);
    }
}
