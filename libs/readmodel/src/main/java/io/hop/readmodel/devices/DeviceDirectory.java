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
import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.platform.tx.DataAccessException;
import io.hop.platform.tx.Transactor;
import io.hop.readmodel.EntityHandler;
import io.hop.readmodel.JsonStateTable;

/**
 * The devices this service knows (table {@code known_device}, up to a million per operator), kept from
 * {@link ProvisioningEvents#DEVICE_CHANGED} events and {@code device:<operatorId>:<deviceId>} tombstones; only a newer
 * version replaces the held state. Entity type {@value ProvisioningKeys#DEVICE} of {@code hop.readmodel.entities}.
 * A device's event carries its hardware ids, not its configuration: {@link DeviceResolver} resolves that.
 */
@ApplicationScoped
public class DeviceDirectory implements EntityHandler<DeviceChanged> {

    private final DataSource dataSource;
    private final JsonStateTable<DeviceChanged> table;

    @Inject
    public DeviceDirectory(DataSource dataSource, Transactor transactor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = new JsonStateTable<>(dataSource, transactor, "known_device", eventType(),
                List.of("operator_id", "device_id"), List.of("operator_id", "device_id", "imsi", "iccid", "provider_id",
                        "provider_name", "version", "changed_at"));
    }

    @Override
    public String entityType() {
        return ProvisioningKeys.DEVICE;
    }

    @Override
    public EventType<DeviceChanged> eventType() {
        return ProvisioningEvents.DEVICE_CHANGED;
    }

    /** Upserts when the change's version is newer than the one held, in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(DeviceChanged change) {
        Objects.requireNonNull(change, "change");
        return table.upsert("DeviceDirectory.apply", change,
                JsonStateTable.required(change.operatorId(), "operatorId of a device change"),
                JsonStateTable.required(change.deviceId(), "deviceId of a device change"),
                change.imsi(), change.iccid(), change.providerId(), change.providerName(), change.version(),
                change.changedAt());
    }

    /**
     * Forgets the device (its tombstone arrived), in the caller's transaction.
     *
     * @param entityId {@code <operatorId>:<deviceId>} ({@link ProvisioningKeys#deviceEntityId}); operator ids have no
     *                 ':', device ids may
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(String entityId) {
        Objects.requireNonNull(entityId, "entityId");
        int separator = entityId.indexOf(':');
        if (separator <= 0 || separator == entityId.length() - 1) {
            throw new InvalidEventException("device tombstone id '" + entityId + "' is not <operatorId>:<deviceId>");
        }
        return table.delete("DeviceDirectory.delete", entityId.substring(0, separator), entityId.substring(separator + 1));
    }

    /** The device as last applied, if known. */
    public Optional<DeviceChanged> find(String operatorId, String deviceId) {
        return table.find(Objects.requireNonNull(operatorId, "operatorId"), Objects.requireNonNull(deviceId, "deviceId"));
    }

    /**
     * One page of the operator's devices in device id order: those after {@code afterDeviceId} (null for the first
     * page), at most {@code limit}. Keyset paging on the primary key, so every page costs the same.
     */
    public List<DeviceChanged> listByOperator(String operatorId, String afterDeviceId, int limit) {
        Objects.requireNonNull(operatorId, "operatorId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return table.select("""
                select state from known_device where operator_id = ? and device_id > ? order by device_id limit ?""",
                List.of(operatorId, afterDeviceId == null ? "" : afterDeviceId, limit));
    }

    /**
     * Ids of the operator's devices with this IMSI, at most {@code limit}, in device id order (index
     * {@code known_device_operator_imsi}): operator backends often know a device only by its IMSI, and a caller that
     * asks for two learns whether the IMSI names one device or several.
     */
    public List<String> deviceIdsByImsi(String operatorId, String imsi, int limit) {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(imsi, "imsi");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<String> ids = new ArrayList<>(Math.min(limit, 16));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select device_id from known_device where operator_id = ? and imsi = ?
                         order by device_id limit ?""")) {
            select.setString(1, operatorId);
            select.setString(2, imsi);
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot look up the devices of operator " + operatorId + " by IMSI", e);
        }
        return ids;
    }

    /**
     * The device with the revisions of its operator's groups and configuration, in one indexed statement (each 0 while
     * the operator has none yet), for {@link DeviceResolver}.
     */
    Optional<DeviceAndRevisions> findWithRevisions(String operatorId, String deviceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select d.state, r.revision, c.revision
                          from known_device d
                          left join known_device_group_revision r on r.operator_id = d.operator_id
                          left join known_configuration_revision c on c.operator_id = d.operator_id
                         where d.operator_id = ? and d.device_id = ?""")) {
            select.setString(1, operatorId);
            select.setString(2, deviceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new DeviceAndRevisions(table.state(rs.getString(1)), rs.getLong(2),
                        rs.getLong(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read device " + deviceId + " of operator " + operatorId, e);
        }
    }

    /**
     * A device, and the revisions of its operator's groups ({@code known_device_group_revision}) and configuration
     * ({@code known_configuration_revision}) read in the same statement.
     */
    record DeviceAndRevisions(DeviceChanged device, long groupsRevision, long configurationRevision) {
    }
}
