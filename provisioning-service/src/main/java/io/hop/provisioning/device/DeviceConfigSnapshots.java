package io.hop.provisioning.device;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.tx.DataAccessException;

/**
 * This replica's {@link OperatorConfigSnapshot} of each operator, keyed by (operator, configuration epoch). Every
 * change of a group, policy, profile or plan raises the operator's epoch in its transaction; a device's request reads
 * the epoch with the device row, and a snapshot older than that epoch is rebuilt before it is used. So replicas stay
 * coherent with no invalidation message, and a rebuild happens once per change and replica, not per request.
 */
@ApplicationScoped
public class DeviceConfigSnapshots {

    private static final Logger LOG = Logger.getLogger(DeviceConfigSnapshots.class);
    private static final String[] REFERENCED_TYPES = { ProvisioningKeys.SHARING_POLICY, ProvisioningKeys.HOTSPOT_PROFILE,
            ProvisioningKeys.PLAN };

    private final DataSource dataSource;
    private final Map<String, OperatorConfigSnapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Object> rebuildLocks = new ConcurrentHashMap<>();

    DeviceConfigSnapshots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The snapshot of {@code operatorId} if it is at least as new as {@code epoch}, else null; never blocks. */
    public OperatorConfigSnapshot ifAtLeast(String operatorId, long epoch) {
        OperatorConfigSnapshot snapshot = snapshots.get(operatorId);
        return snapshot != null && snapshot.epoch() >= epoch ? snapshot : null;
    }

    /**
     * A snapshot of {@code operatorId} at least as new as {@code epoch} (the epoch read with the device), rebuilt from
     * the database when the one in memory is older: blocking, so on a worker thread.
     */
    public OperatorConfigSnapshot atLeast(String operatorId, long epoch) {
        OperatorConfigSnapshot snapshot = ifAtLeast(operatorId, epoch);
        if (snapshot != null) {
            return snapshot;
        }
        // One rebuild per operator at a time: the requests that wait then find the new snapshot.
        synchronized (rebuildLocks.computeIfAbsent(operatorId, id -> new Object())) {
            snapshot = ifAtLeast(operatorId, epoch);
            if (snapshot != null) {
                return snapshot;
            }
            snapshot = load(operatorId);
            snapshots.put(operatorId, snapshot);
            LOG.debugf("device configuration of operator %s rebuilt at epoch %d (%d groups)", operatorId,
                    snapshot.epoch(), snapshot.groups().size());
            return snapshot;
        }
    }

    /**
     * Reads the operator's configuration. The epoch is read first, so the snapshot is at least as new as the epoch
     * it is tagged with: a change committed meanwhile raises the epoch beyond it, and the next request rebuilds.
     */
    private OperatorConfigSnapshot load(String operatorId) {
        try (Connection connection = dataSource.getConnection()) {
            long epoch;
            try (PreparedStatement select = connection.prepareStatement("select config_epoch from operator where id = ?")) {
                select.setString(1, operatorId);
                try (ResultSet rs = select.executeQuery()) {
                    epoch = rs.next() ? rs.getLong(1) : 0L;
                }
            }
            List<DeviceGroupChanged> groups = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select state::text from device_group where operator_id = ?")) {
                select.setString(1, operatorId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        groups.add(PlatformJson.mapper().readValue(rs.getString(1), DeviceGroupChanged.class));
                    }
                }
            }
            Set<String> referenced = new LinkedHashSet<>();
            for (DeviceGroupChanged group : groups) {
                if (group.sharingPolicyId() != null) {
                    referenced.add(group.sharingPolicyId());
                }
                referenced.addAll(group.hotspotProfileIds());
                if (group.planId() != null) {
                    referenced.add(group.planId());
                }
            }
            return OperatorConfigSnapshot.build(operatorId, epoch, groups, currentStates(connection, operatorId, referenced));
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the device configuration of operator " + operatorId, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored device group of operator " + operatorId + " is not readable", e);
        }
    }

    /**
     * The current state of each referenced entity, by id: its newest version in entity_version (the state exactly as
     * published), when that version is the operator's and not a deletion. Primary-key lookups only.
     */
    private static Map<String, String> currentStates(Connection connection, String operatorId, Set<String> ids)
            throws SQLException {
        Map<String, String> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select distinct on (entity_type, entity_id) entity_id, operator_id, state::text
                  from entity_version
                 where entity_type = ? and entity_id = any (?)
                 order by entity_type, entity_id, version desc""")) {
            Array array = connection.createArrayOf("varchar", ids.toArray());
            for (String type : REFERENCED_TYPES) {
                select.setString(1, type);
                select.setArray(2, array);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(3);
                        if (state != null && operatorId.equals(rs.getString(2))) {
                            states.put(rs.getString(1), state);
                        }
                    }
                }
            }
        }
        return states;
    }
}
