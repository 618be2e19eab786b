package io.hop.provisioning.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.tx.Transactor;
import io.hop.provisioning.version.ProvisioningChanges;

/**
 * Devices: hardware ids only. Each change stores the row, its immutable version and its {@link DeviceChanged} event
 * (keyed {@code device:<operatorId>:<deviceId>}) in one transaction; it does not raise the configuration epoch, as a
 * device's group is resolved from the rules when asked, never stored.
 */
@ApplicationScoped
public class DeviceService {

    /** A device after a registration, and whether the registration created it. */
    public record Registered(DeviceChanged device, boolean created) {
    }

    private final DataSource dataSource;
    private final Transactor transactor;
    private final ProvisioningChanges changes;
    private final Clock clock = Clock.systemUTC();

    DeviceService(DataSource dataSource, Transactor transactor, ProvisioningChanges changes) {
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.changes = changes;
    }

    /**
     * Registers device {@code deviceId} or replaces its hardware ids. Its version continues after a deletion (the
     * entity's versions never restart); an unchanged device stays at its version and publishes nothing.
     */
    @Transactional
    public Registered register(String operatorId, String deviceId, DeviceRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        DeviceValidation.validate(deviceId, request, problems);
        problems.throwIfAny();
        Optional<DeviceChanged> current = find(operatorId, deviceId, true);
        if (current.isPresent() && same(current.get(), request)) {
            return new Registered(current.get(), false);
        }
        long version = current.map(d -> d.version() + 1).orElseGet(() -> lastVersion(operatorId, deviceId) + 1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DeviceChanged device = new DeviceChanged(operatorId, deviceId, request.imsi(), request.iccid(),
                request.providerId(), request.providerName(), version, now);
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement write = connection.prepareStatement(current.isPresent() ? """
                            update device set imsi = ?, iccid = ?, provider_id = ?, provider_name = ?, version = ?, changed_at = ?
                             where operator_id = ? and device_id = ?""" : """
                            insert into device (imsi, iccid, provider_id, provider_name, version, changed_at, operator_id, device_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                write.setString(1, device.imsi());
                write.setString(2, device.iccid());
                write.setString(3, device.providerId());
                write.setString(4, device.providerName());
                write.setLong(5, version);
                write.setTimestamp(6, Timestamp.from(now));
                write.setString(7, operatorId);
                write.setString(8, deviceId);
                return write.executeUpdate();
            }
        });
        changes.changed(operatorId, ProvisioningKeys.DEVICE, ProvisioningKeys.deviceEntityId(operatorId, deviceId),
                version, ProvisioningEvents.DEVICE_CHANGED, device, now);
        return new Registered(device, current.isEmpty());
    }

    /** Deletes the device: the row goes, its deletion is its next version, published as a tombstone. */
    @Transactional
    public void delete(String operatorId, String deviceId) {
        DeviceChanged current = find(operatorId, deviceId, true)
                .orElseThrow(() -> ProblemException.notFound("no device '" + deviceId + "'"));
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from device where operator_id = ? and device_id = ?")) {
                delete.setString(1, operatorId);
                delete.setString(2, deviceId);
                return delete.executeUpdate();
            }
        });
        changes.deleted(operatorId, ProvisioningKeys.DEVICE, ProvisioningKeys.deviceEntityId(operatorId, deviceId),
                current.version() + 1, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    public Optional<DeviceChanged> find(String operatorId, String deviceId) {
        return find(operatorId, deviceId, false);
    }

    /** The device as stored; {@code forUpdate} locks its row, so that concurrent changes of it take turns. */
    private Optional<DeviceChanged> find(String operatorId, String deviceId, boolean forUpdate) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            select imsi, iccid, provider_id, provider_name, version, changed_at
                              from device where operator_id = ? and device_id = ?""" + (forUpdate ? " for update" : ""))) {
                select.setString(1, operatorId);
                select.setString(2, deviceId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DeviceChanged(operatorId, deviceId, rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
        });
    }

    /**
     * The device's last stored version (its deletion, when it was registered before), or 0.
     *
     * @throws ProblemException 404 when the operator does not exist
     */
    private long lastVersion(String operatorId, String deviceId) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            select (select coalesce(max(version), 0) from entity_version
                                     where entity_type = ? and entity_id = ?),
                                   exists (select 1 from operator where id = ?)""")) {
                select.setString(1, ProvisioningKeys.DEVICE);
                select.setString(2, ProvisioningKeys.deviceEntityId(operatorId, deviceId));
                select.setString(3, operatorId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(2)) {
                        throw ProblemException.notFound("no operator '" + operatorId + "'");
                    }
                    return rs.getLong(1);
                }
            }
        });
    }

    private static boolean same(DeviceChanged device, DeviceRequest request) {
        return Objects.equals(device.imsi(), request.imsi()) && Objects.equals(device.iccid(), request.iccid())
                && Objects.equals(device.providerId(), request.providerId())
                && Objects.equals(device.providerName(), request.providerName());
    }
}
