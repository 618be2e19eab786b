package io.hop.provisioning.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatching;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.tx.DataAccessException;

/**
 * A device's effective configuration: the hot path of a million devices per operator. One indexed query (the device
 * by its primary key, joined with its operator's configuration epoch), then the operator's in-memory snapshot at that
 * epoch ({@link DeviceConfigSnapshots}), the group by {@link DeviceMatching}, and pre-serialized bytes. Plain JDBC
 * outside any transaction: a read that changes nothing needs neither a transaction nor an ORM session.
 */
@ApplicationScoped
public class DeviceConfigService {

    /** The device's configuration document and its version ({@code <deviceVersion>.<configEpoch>}). */
    public record DeviceConfig(String version, byte[] json) {

        /** The strong entity tag of the version. */
        public String etag() {
            return '"' + version + '"';
        }
    }

    private static final String SELECT = """
            select o.config_epoch, d.version, d.imsi, d.iccid, d.provider_id, d.provider_name
              from operator o
              left join device d on d.operator_id = o.id and d.device_id = ?
             where o.id = ?""";

    private final DataSource dataSource;
    private final DeviceConfigSnapshots snapshots;

    DeviceConfigService(DataSource dataSource, DeviceConfigSnapshots snapshots) {
        this.dataSource = dataSource;
        this.snapshots = snapshots;
    }

    /**
     * The configuration of device {@code deviceId} of operator {@code operatorId}.
     *
     * @param ifNoneMatch the request's {@code If-None-Match}, or null; when it names the current version, the
     *                    result has no document ({@code json} null: answer 304)
     * @throws ProblemException 404 when the device is not registered or matches no device group
     */
    public DeviceConfig config(String operatorId, String deviceId, String ifNoneMatch) {
        long epoch;
        long deviceVersion;
        DeviceMatching.HardwareIds ids;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, deviceId);
            select.setString(2, operatorId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw notRegistered(deviceId);
                }
                epoch = rs.getLong(1);
                deviceVersion = rs.getLong(2);
                if (rs.wasNull()) {
                    throw notRegistered(deviceId);
                }
                ids = new DeviceMatching.HardwareIds(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read device " + deviceId, e);
        }
        OperatorConfigSnapshot snapshot = snapshots.atLeast(operatorId, epoch);
        DeviceGroupChanged group = snapshot.resolve(ids);
        if (group == null) {
            throw new ProblemException(404, "No matching device group", "device '" + deviceId
                    + "' is registered but matches none of its operator's device groups, so it has no configuration; "
                    + "the operator must add a group that matches its IMSI, ICCID or provider");
        }
        String version = deviceVersion + "." + snapshot.epoch();
        if (ifNoneMatch != null && matches(ifNoneMatch, version)) {
            return new DeviceConfig(version, null);
        }
        return new DeviceConfig(version, snapshot.document(deviceId, version, group));
    }

    /** Whether an {@code If-None-Match} value ({@code *} or a list of tags, weak or strong) names {@code version}. */
    static boolean matches(String ifNoneMatch, String version) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() == version.length() + 2 && t.charAt(0) == '"' && t.endsWith("\"")
                    && t.regionMatches(1, version, 0, version.length())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException notRegistered(String deviceId) {
        return ProblemException.notFound("device '" + deviceId + "' is not registered");
    }
}
