package io.hop.provisioning.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.tx.Transactor;

/**
 * The table {@code sharing_policy} in plain JDBC (in the caller's transaction when there is one): the settings are one
 * JSONB document, written with the event mapper so that the row, the stored version and the event agree.
 */
@ApplicationScoped
public class SharingPolicyRepository {

    private static final String COLUMNS = "id, operator_id, name, version, settings::text, created_at, updated_at";

    private final DataSource dataSource;
    private final Transactor transactor;

    SharingPolicyRepository(DataSource dataSource, Transactor transactor) {
        this.dataSource = dataSource;
        this.transactor = transactor;
    }

    public boolean operatorExists(String operatorId) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("select 1 from operator where id = ?")) {
                select.setString(1, operatorId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public void insert(SharingPolicy policy) {
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("""
                            insert into sharing_policy (id, operator_id, name, version, settings, created_at, updated_at)
                            values (?, ?, ?, ?, cast(? as jsonb), ?, ?)""")) {
                insert.setString(1, policy.id());
                insert.setString(2, policy.operatorId());
                insert.setString(3, policy.name());
                insert.setLong(4, policy.version());
                insert.setString(5, json(policy.settings()));
                insert.setTimestamp(6, Timestamp.from(policy.createdAt()));
                insert.setTimestamp(7, Timestamp.from(policy.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    /**
     * Replaces name and settings of the policy if it is still at {@code expectedVersion}, raising its version by one.
     *
     * @return whether the row was at that version (and is now changed)
     */
    public boolean replace(SharingPolicy policy, long expectedVersion) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement update = connection.prepareStatement("""
                            update sharing_policy set name = ?, settings = cast(? as jsonb), version = ?, updated_at = ?
                             where id = ? and operator_id = ? and version = ?""")) {
                update.setString(1, policy.name());
                update.setString(2, json(policy.settings()));
                update.setLong(3, policy.version());
                update.setTimestamp(4, Timestamp.from(policy.updatedAt()));
                update.setString(5, policy.id());
                update.setString(6, policy.operatorId());
                update.setLong(7, expectedVersion);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Removes the policy's row; its version when it existed. */
    public OptionalLong delete(String operatorId, String id) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from sharing_policy where id = ? and operator_id = ? returning version")) {
                delete.setString(1, id);
                delete.setString(2, operatorId);
                try (ResultSet rs = delete.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    /** The operator's policy {@code id}; empty when it has none by that id (another operator's included). */
    public Optional<SharingPolicy> find(String operatorId, String id) {
        List<SharingPolicy> found = select("select " + COLUMNS + " from sharing_policy where id = ? and operator_id = ?",
                id, operatorId);
        return found.stream().findFirst();
    }

    /** The operator's policies, oldest first. */
    public List<SharingPolicy> list(String operatorId) {
        return select("select " + COLUMNS + " from sharing_policy where operator_id = ? order by created_at, id",
                operatorId);
    }

    private List<SharingPolicy> select(String sql, String... parameters) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                List<SharingPolicy> policies = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        policies.add(row(rs));
                    }
                }
                return policies;
            }
        });
    }

    private static SharingPolicy row(ResultSet rs) throws SQLException {
        SharingPolicySettings settings;
        try {
            settings = PlatformJson.mapper().readValue(rs.getString(5), SharingPolicySettings.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("sharing_policy " + rs.getString(1) + " holds unreadable settings", e);
        }
        return new SharingPolicy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), settings,
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
    }

    private static String json(SharingPolicySettings settings) {
        try {
            return PlatformJson.mapper().writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize sharing policy settings", e);
        }
    }
}
