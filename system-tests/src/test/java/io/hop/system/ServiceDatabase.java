package io.hop.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.hop.testing.infra.Infrastructure;

/**
 * Reads one service's own database, as only the service itself would: what a test checks there (read models,
 * {@code hop_inbox}, {@code hop_outbox}) is not an API, so keep such checks to the tables named in the tests.
 */
final class ServiceDatabase {

    private final Infrastructure.Database database;

    ServiceDatabase(Infrastructure.Database database) {
        this.database = database;
    }

    /** A connection of its own, for a test that polls quickly. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    long queryLong(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect()) {
            return queryLong(connection, sql, parameters);
        }
    }

    static long queryLong(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> queryStrings(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof List<?> list) {
                statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }
}
