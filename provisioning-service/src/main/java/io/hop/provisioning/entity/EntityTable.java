package io.hop.provisioning.entity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.platform.json.PlatformJson;
import io.hop.platform.tx.DataAccessException;

/**
 * The current state of one kind of operator-owned entity (hotspot profiles, plans), kept as the JSON of its event
 * record in a table {@code (id, operator_id, version, state jsonb, created_at, updated_at)}: the row is exactly what
 * was last published, so a read needs no mapping of columns. Every write is guarded by the expected version (the
 * optimistic lock); callers run it in the transaction that also records the change through
 * {@link io.hop.provisioning.version.ProvisioningChanges}.
 *
 * @param <T> the entity's event record
 */
public final class EntityTable<T> {

    /** One stored entity: its id, current version and state. */
    public record Stored<T>(String id, long version, T state) {
    }

    private static final Pattern TABLE = Pattern.compile("[a-z_]+");

    private final DataSource dataSource;
    private final String table;
    private final Class<T> type;

    public EntityTable(DataSource dataSource, String table, Class<T> type) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.type = type;
    }

    /** The operator's entity {@code id}; {@code forUpdate} locks its row until the transaction ends. */
    public Optional<Stored<T>> find(String operatorId, String id, boolean forUpdate) {
        List<Stored<T>> found = query("select id, version, state::text from " + table
                + " where operator_id = ? and id = ?" + (forUpdate ? " for update" : ""), operatorId, id);
        return found.stream().findFirst();
    }

    /** The operator's entities, oldest first. */
    public List<Stored<T>> list(String operatorId) {
        return query("select id, version, state::text from " + table + " where operator_id = ? order by created_at, id",
                operatorId);
    }

    /** Whether operator {@code operatorId} exists (entities of an unknown one are refused with 404, not a 500). */
    public boolean operatorExists(String operatorId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, "select 1 from operator where id = ?", operatorId);
                ResultSet rs = statement.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new DataAccessException("cannot read operator", e);
        }
    }

    public void insert(String operatorId, String id, long version, T state, Instant at) {
        execute("insert into " + table + " (id, operator_id, version, state, created_at, updated_at)"
                + " values (?, ?, ?, cast(? as jsonb), ?, ?)", id, operatorId, version, json(state), Timestamp.from(at),
                Timestamp.from(at));
    }

    /** Replaces the state if the entity is still at {@code expectedVersion}; false when it is not (or is gone). */
    public boolean update(String operatorId, String id, long expectedVersion, long newVersion, T state, Instant at) {
        return execute("update " + table + " set version = ?, state = cast(? as jsonb), updated_at = ?"
                + " where operator_id = ? and id = ? and version = ?", newVersion, json(state), Timestamp.from(at),
                operatorId, id, expectedVersion) == 1;
    }

    /** Removes the entity if it is still at {@code expectedVersion}; false when it is not (or is gone). */
    public boolean delete(String operatorId, String id, long expectedVersion) {
        return execute("delete from " + table + " where operator_id = ? and id = ? and version = ?", operatorId, id,
                expectedVersion) == 1;
    }

    private String json(T state) {
        try {
            return PlatformJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + type.getSimpleName(), e);
        }
    }

    private List<Stored<T>> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            List<Stored<T>> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Stored<>(rs.getString(1), rs.getLong(2),
                        PlatformJson.mapper().readValue(rs.getString(3), type)));
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("cannot read " + table, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    private int execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot write " + table, e);
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
}
