package io.hop.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.EventType;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.platform.tx.DataAccessException;
import io.hop.platform.tx.Transactor;

/**
 * A read-model table that holds each entity's full event state as JSONB ({@code state}, written and read with the
 * platform's event mapper {@link PlatformJson}) next to the columns services query by. The plain-JDBC part every
 * directory shares: an upsert that replaces a row only when its version is newer, a delete by key, and reads that
 * return the contract record. Changes run only inside the caller's transaction (as {@code OperatorDirectory}'s).
 *
 * <p>Every table has the columns {@code operator_id}, {@code version}, {@code changed_at}, {@code state} and
 * {@code applied_at}, plus its key and query columns.
 *
 * <p>A table of an operator's configuration (policies, plans, profiles) is built with {@link ConfigurationRevisions}:
 * then every upsert or delete that changes a row also gives its operator (and the one it leaves, should an entity move)
 * a new configuration revision, in the same transaction.
 *
 * @param <T> the entity's event payload
 */
public final class JsonStateTable<T> {

    private final DataSource dataSource;
    private final Transactor transactor;
    private final String table;
    private final Class<T> stateType;
    private final String upsert;
    private final String delete;
    private final String find;
    private final String keyOrder;
    private final String operatorOf;
    private final List<Integer> keyIndexes;
    private final int operatorIndex;
    private final ConfigurationRevisions revisions;

    /**
     * @param table   the table, e.g. {@code known_plan}
     * @param key     its primary key columns, e.g. {@code [plan_id]}
     * @param columns the columns {@link #upsert} fills before {@code state}, in the order of its values; they include
     *                the key, {@code operator_id}, {@code version} and {@code changed_at}
     */
    public JsonStateTable(DataSource dataSource, Transactor transactor, String table, EventType<T> eventType,
            List<String> key, List<String> columns) {
        this(dataSource, transactor, table, eventType, key, columns, null);
    }

    /**
     * A table whose changes give the operator a new configuration revision.
     *
     * @param revisions null for a table no one caches per operator (devices)
     */
    public JsonStateTable(DataSource dataSource, Transactor transactor, String table, EventType<T> eventType,
            List<String> key, List<String> columns, ConfigurationRevisions revisions) {
        this.revisions = revisions;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.table = Objects.requireNonNull(table, "table");
        this.stateType = eventType.dataClass();
        if (!columns.containsAll(key) || !columns.containsAll(List.of("operator_id", "version", "changed_at"))) {
            throw new IllegalArgumentException(table + ": columns " + columns + " lack the key or a required column");
        }
        String updates = columns.stream().filter(column -> !key.contains(column))
                .map(column -> column + " = excluded." + column).collect(Collectors.joining(", "));
        this.upsert = "insert into " + table + " (" + String.join(", ", columns) + ", state) values ("
                + "?, ".repeat(columns.size()) + "?::jsonb) on conflict (" + String.join(", ", key) + ") do update set "
                + updates + ", state = excluded.state, applied_at = now() where " + table + ".version < excluded.version";
        String byKey = key.stream().map(column -> column + " = ?").collect(Collectors.joining(" and "));
        this.delete = "delete from " + table + " where " + byKey + (revisions == null ? "" : " returning operator_id");
        this.find = "select state from " + table + " where " + byKey;
        this.operatorOf = "select operator_id from " + table + " where " + byKey;
        this.keyOrder = String.join(", ", key);
        this.keyIndexes = key.stream().map(columns::indexOf).toList();
        this.operatorIndex = columns.indexOf("operator_id");
    }

    /**
     * Stores {@code state} when its version is newer than the held one, in the caller's transaction.
     *
     * @param values the values of the constructor's {@code columns}, in their order (String, Number, Instant or null)
     * @return true if the row was inserted or replaced
     */
    public boolean upsert(String operation, T state, Object... values) {
        String json = json(state);
        transactor.requireActive(operation);
        return transactor.required(() -> {
            List<Object> row = Arrays.asList(values);
            // an entity keeps its operator, but should one ever move, the operator it leaves must see a new revision too
            String previousOperator = revisions == null ? null
                    : operatorOf(keyIndexes.stream().map(row::get).toList());
            boolean changed;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(upsert)) {
                int index = bind(statement, 1, row);
                statement.setString(index, json);
                changed = statement.executeUpdate() == 1;
            }
            if (changed && revisions != null) {
                revisions.changed((String) row.get(operatorIndex), previousOperator);
            }
            return changed;
        });
    }

    /**
     * Deletes the row of {@code key} (the key columns' values), in the caller's transaction.
     *
     * @return true if it was held
     */
    public boolean delete(String operation, Object... key) {
        transactor.requireActive(operation);
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(delete)) {
                bind(statement, 1, List.of(key));
                if (revisions == null) {
                    return statement.executeUpdate() == 1;
                }
                try (ResultSet deleted = statement.executeQuery()) {
                    if (!deleted.next()) {
                        return false;
                    }
                    revisions.changed(deleted.getString(1));
                    return true;
                }
            }
        });
    }

    /** The state held for {@code key} (the key columns' values), if any. */
    public Optional<T> find(Object... key) {
        List<T> found = select(find, List.of(key));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The states held of operator {@code operatorId}, in key order. */
    public List<T> listByOperator(String operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        return select("select state from " + table + " where operator_id = ? order by " + keyOrder, List.of(operatorId));
    }

    /**
     * The states that {@code sql} selects (its first column is {@code state}), with {@code parameters} bound in order.
     * Reads in the caller's transaction when there is one, so a reader sees what it has just applied.
     */
    public List<T> select(String sql, List<?> parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, parameters);
            List<T> states = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    states.add(state(rs.getString(1)));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new DataAccessException("cannot read " + table, e);
        }
    }

    /** Reads a {@code state} column's JSON. */
    public T state(String json) {
        if (json == null) {
            return null;
        }
        try {
            return PlatformJson.mapper().readValue(json, stateType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(table + " holds a state that is no " + stateType.getSimpleName(), e);
        }
    }

    private String json(T state) {
        try {
            return PlatformJson.mapper().writeValueAsString(Objects.requireNonNull(state, "state"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + stateType.getSimpleName() + " as JSON", e);
        }
    }

    /**
     * {@code value}, which an event must carry.
     *
     * @throws InvalidEventException (dead-lettered: no redelivery makes it valid) when it is null or empty
     */
    public static String required(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException(what + " is missing");
        }
        return value;
    }

    /** The operator of the row of {@code key} (the key columns' values), null when there is none. */
    private String operatorOf(List<Object> key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(operatorOf)) {
            bind(statement, 1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Binds {@code values} from parameter {@code index} on; returns the next free index. */
    static int bind(PreparedStatement statement, int index, List<?> values) throws SQLException {
        for (Object value : values) {
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
            } else {
                statement.setObject(index, value);
            }
            index++;
        }
        return index;
    }
}
