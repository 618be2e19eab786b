package io.hop.readmodel.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.platform.tx.DataAccessException;
import io.hop.platform.tx.Transactor;
import io.hop.readmodel.EntityHandler;
import io.hop.readmodel.JsonStateTable;

/**
 * The device groups this service knows (table {@code known_device_group}), kept from
 * {@link ProvisioningEvents#DEVICE_GROUP_CHANGED} events and {@code device-group:<id>} tombstones; only a newer version
 * replaces the held state. Entity type {@value ProvisioningKeys#DEVICE_GROUP} of {@code hop.readmodel.entities}.
 *
 * <p>Every change or deletion that changes a row also gives the group's operator a new revision
 * ({@code known_device_group_revision}), in the same transaction: {@link DeviceResolver} keeps each operator's groups
 * in memory and trusts its copy only while that revision is unchanged.
 */
@ApplicationScoped
public class DeviceGroupDirectory implements EntityHandler<DeviceGroupChanged> {

    private final DataSource dataSource;
    private final Transactor transactor;
    private final JsonStateTable<DeviceGroupChanged> table;

    @Inject
    public DeviceGroupDirectory(DataSource dataSource, Transactor transactor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.table = new JsonStateTable<>(dataSource, transactor, "known_device_group", eventType(),
                List.of("group_id"), List.of("group_id", "operator_id", "version", "changed_at"));
    }

    @Override
    public String entityType() {
        return ProvisioningKeys.DEVICE_GROUP;
    }

    @Override
    public EventType<DeviceGroupChanged> eventType() {
        return ProvisioningEvents.DEVICE_GROUP_CHANGED;
    }

    /**
     * Upserts when the change's version is newer than the one held, and then gives the operator's groups a new
     * revision, in the caller's transaction.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(DeviceGroupChanged change) {
        Objects.requireNonNull(change, "change");
        String groupId = JsonStateTable.required(change.groupId(), "groupId of a device group change");
        String operatorId = JsonStateTable.required(change.operatorId(), "operatorId of device group " + groupId);
        if (change.match() == null) {
            throw new InvalidEventException("match of device group " + groupId + " is missing");
        }
        transactor.requireActive("DeviceGroupDirectory.apply");
        return transactor.required(() -> {
            // Group ids are unique across operators and a group keeps its operator; should one ever move, the operator
            // it leaves must not keep resolving devices to it either.
            Optional<String> previousOperator = operatorOf(groupId);
            if (!table.upsert("DeviceGroupDirectory.apply", change, groupId, operatorId, change.version(),
                    change.changedAt())) {
                return false;
            }
            newRevision(operatorId);
            if (previousOperator.isPresent() && !previousOperator.get().equals(operatorId)) {
                newRevision(previousOperator.get());
            }
            return true;
        });
    }

    /** Forgets the group (its tombstone arrived) and gives its operator's groups a new revision, in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        transactor.requireActive("DeviceGroupDirectory.delete");
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from known_device_group where group_id = ? returning operator_id")) {
                delete.setString(1, groupId);
                try (ResultSet rs = delete.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    newRevision(rs.getString(1));
                    return true;
                }
            }
        });
    }

    /** The group as last applied, if known. */
    public Optional<DeviceGroupChanged> find(String groupId) {
        return table.find(Objects.requireNonNull(groupId, "groupId"));
    }

    /** The operator's groups, by id. */
    public List<DeviceGroupChanged> listByOperator(String operatorId) {
        return table.listByOperator(operatorId);
    }

    /**
     * The operator's groups with their revision, read in one statement so that the revision labels exactly these groups
     * (0 while no group of the operator was ever applied).
     */
    OperatorGroups groupsWithRevision(String operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select r.revision, g.state
                          from (select ?::text as operator_id) o
                          left join known_device_group_revision r on r.operator_id = o.operator_id
                          left join known_device_group g on g.operator_id = o.operator_id""")) {
            select.setString(1, operatorId);
            long revision = 0;
            List<DeviceGroupChanged> groups = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    revision = rs.getLong(1);
                    DeviceGroupChanged group = table.state(rs.getString(2));
                    if (group != null) {
                        groups.add(group);
                    }
                }
            }
            return new OperatorGroups(revision, groups);
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the device groups of operator " + operatorId, e);
        }
    }

    private Optional<String> operatorOf(String groupId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select operator_id from known_device_group where group_id = ?")) {
            select.setString(1, groupId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void newRevision(String operatorId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into known_device_group_revision (operator_id, revision)
                        values (?, nextval('known_device_group_revision_seq'))
                        on conflict (operator_id) do update set revision = excluded.revision""")) {
            upsert.setString(1, operatorId);
            upsert.executeUpdate();
        }
    }

    /** One operator's groups as read at {@code revision}. */
    record OperatorGroups(long revision, List<DeviceGroupChanged> groups) {

        OperatorGroups {
            groups = List.copyOf(groups);
        }
    }
}
