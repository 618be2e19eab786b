package io.hop.entitlement.provider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.platform.tx.DataAccessException;

/** The {@code entitlement_provider} table; reads and writes join the caller's transaction when there is one. */
@ApplicationScoped
public class ProviderRepository {

    private static final String COLUMNS = "operator_id, name, type, url, timeout_ms, sealed_secret, sealed_bearer, version, updated_at";

    private final DataSource dataSource;

    ProviderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<EntitlementProvider> find(String operatorId, String name) {
        List<EntitlementProvider> found = query("select " + COLUMNS
                + " from entitlement_provider where operator_id = ? and name = ?", operatorId, name);
        return found.stream().findFirst();
    }

    /** Locks the row for a replace. */
    Optional<EntitlementProvider> findForUpdate(String operatorId, String name) {
        return query("select " + COLUMNS + " from entitlement_provider where operator_id = ? and name = ? for update",
                operatorId, name).stream().findFirst();
    }

    List<EntitlementProvider> listByOperator(String operatorId) {
        return query("select " + COLUMNS + " from entitlement_provider where operator_id = ? order by name", operatorId);
    }

    void upsert(EntitlementProvider provider) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into entitlement_provider (%s) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (operator_id, name) do update set type = excluded.type, url = excluded.url,
                          timeout_ms = excluded.timeout_ms, sealed_secret = excluded.sealed_secret,
                          sealed_bearer = excluded.sealed_bearer, version = excluded.version,
                          updated_at = excluded.updated_at""".formatted(COLUMNS))) {
            upsert.setString(1, provider.operatorId());
            upsert.setString(2, provider.name());
            upsert.setString(3, provider.type().name());
            upsert.setString(4, provider.url());
            upsert.setObject(5, provider.timeout() == null ? null : (int) provider.timeout().toMillis());
            upsert.setString(6, provider.sealedSecret());
            upsert.setString(7, provider.sealedBearer());
            upsert.setLong(8, provider.version());
            upsert.setTimestamp(9, Timestamp.from(provider.updatedAt()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot store provider " + provider.name(), e);
        }
    }

    boolean delete(String operatorId, String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from entitlement_provider where operator_id = ? and name = ?")) {
            delete.setString(1, operatorId);
            delete.setString(2, name);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("cannot delete provider " + name, e);
        }
    }

    private List<EntitlementProvider> query(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<EntitlementProvider> providers = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Object timeout = rs.getObject(5);
                    providers.add(new EntitlementProvider(rs.getString(1), rs.getString(2),
                            ProviderType.valueOf(rs.getString(3)), rs.getString(4),
                            timeout == null ? null : Duration.ofMillis(((Number) timeout).longValue()), rs.getString(6),
                            rs.getString(7), rs.getLong(8), rs.getTimestamp(9).toInstant()));
                }
            }
            return providers;
        } catch (SQLException e) {
            throw new DataAccessException("cannot read entitlement providers", e);
        }
    }
}
