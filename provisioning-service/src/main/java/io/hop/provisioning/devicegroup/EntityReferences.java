package io.hop.provisioning.devicegroup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.platform.tx.Transactor;

/**
 * Whether an entity a group refers to (sharing policy, hotspot profile, plan) exists for an operator. Read from
 * {@code entity_version}, which holds every entity type's versions: the entity exists when its newest version belongs
 * to the operator and is not its deletion. One primary-key lookup per reference.
 */
@ApplicationScoped
public class EntityReferences {

    private final DataSource dataSource;
    private final Transactor transactor;

    EntityReferences(DataSource dataSource, Transactor transactor) {
        this.dataSource = dataSource;
        this.transactor = transactor;
    }

    /** Whether entity {@code entityType}/{@code entityId} exists, not deleted, for operator {@code operatorId}. */
    public boolean exists(String operatorId, String entityType, String entityId) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            select operator_id, state is null
                              from entity_version
                             where entity_type = ? and entity_id = ?
                             order by version desc
                             limit 1""")) {
                select.setString(1, entityType);
                select.setString(2, entityId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() && operatorId.equals(rs.getString(1)) && !rs.getBoolean(2);
                }
            }
        });
    }
}
