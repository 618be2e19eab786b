package io.hop.offload.profile;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.platform.tx.DataAccessException;

/**
 * A device's connection profiles ({@code connection_profile}), one per SSID. A new hotspot profile is blocked until a
 * connection over it is authorized; a scan that sees the network again updates its plugin, auth method and priority
 * when they changed ({@code updated_at}: the time of the last change) and leaves its blocked flag alone.
 */
@ApplicationScoped
public class ProfileRepository {

    private final DataSource dataSource;

    ProfileRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates or updates the profiles of one device in one statement (a scan's selected networks). */
    public void upsertAll(String operatorId, String deviceId, List<Profile> profiles, Instant now) {
        if (profiles.isEmpty()) {
            return;
        }
        int n = profiles.size();
        String[] ssids = new String[n];
        String[] bssids = new String[n];
        Boolean[] hotspot = new Boolean[n];
        String[] plugins = new String[n];
        String[] auth = new String[n];
        String[] names = new String[n];
        Integer[] priorities = new Integer[n];
        for (int i = 0; i < n; i++) {
            Profile p = profiles.get(i);
            ssids[i] = p.ssid();
            bssids[i] = p.bssid();
            hotspot[i] = p.hotspot();
            plugins[i] = p.pluginId();
            auth[i] = p.authMethod();
            names[i] = p.displayName();
            priorities[i] = p.priority();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into connection_profile (operator_id, device_id, ssid, bssid, hotspot, plugin_id, auth_method, "
                        + "display_name, priority, blocked, updated_at) "
                        + "select ?, ?, t.ssid, t.bssid, t.hotspot, t.plugin_id, t.auth_method, t.display_name, "
                        + "t.priority, t.hotspot, ? from unnest(?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], "
                        + "?::text[], ?::integer[]) as t(ssid, bssid, hotspot, plugin_id, auth_method, display_name, priority) "
                        + "on conflict (operator_id, device_id, ssid) do update set bssid = excluded.bssid, "
                        + "hotspot = excluded.hotspot, plugin_id = excluded.plugin_id, auth_method = excluded.auth_method, "
                        + "display_name = excluded.display_name, priority = excluded.priority, "
                        // a plain profile turning into a hotspot one is blocked until authorized
                        + "blocked = connection_profile.blocked or (excluded.hotspot and not connection_profile.hotspot), "
                        + "updated_at = excluded.updated_at "
                        // a device rescans the same networks every few seconds: rewriting an unchanged row would only
                        // leave a dead tuple and new index entries behind for vacuum, per network and scan
                        + "where (connection_profile.bssid, connection_profile.hotspot, connection_profile.plugin_id, "
                        + "connection_profile.auth_method, connection_profile.display_name, connection_profile.priority) "
                        + "is distinct from (excluded.bssid, excluded.hotspot, excluded.plugin_id, excluded.auth_method, "
                        + "excluded.display_name, excluded.priority)")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            s.setTimestamp(3, Timestamp.from(now));
            s.setArray(4, c.createArrayOf("text", ssids));
            s.setArray(5, c.createArrayOf("text", bssids));
            s.setArray(6, c.createArrayOf("boolean", hotspot));
            s.setArray(7, c.createArrayOf("text", plugins));
            s.setArray(8, c.createArrayOf("text", auth));
            s.setArray(9, c.createArrayOf("text", names));
            Array prio = c.createArrayOf("integer", priorities);
            s.setArray(10, prio);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public Optional<Profile> find(String operatorId, String deviceId, String ssid) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select ssid, bssid, hotspot, plugin_id, auth_method, display_name, priority, blocked "
                        + "from connection_profile where operator_id = ? and device_id = ? and ssid = ?")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            s.setString(3, ssid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(map(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public List<Profile> list(String operatorId, String deviceId) {
        List<Profile> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select ssid, bssid, hotspot, plugin_id, auth_method, display_name, priority, blocked "
                        + "from connection_profile where operator_id = ? and device_id = ? order by priority nulls last, ssid")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(map(r));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        return list;
    }

    /** Blocks or unblocks applications from the profile; false when there is no such profile. */
    public boolean setBlocked(String operatorId, String deviceId, String ssid, boolean blocked, Instant now) {
        return update("update connection_profile set blocked = ?, updated_at = ? where operator_id = ? and device_id = ? "
                + "and ssid = ?", operatorId, deviceId, ssid, blocked, now);
    }

    public boolean delete(String operatorId, String deviceId, String ssid) {
        return update("delete from connection_profile where operator_id = ? and device_id = ? and ssid = ?", operatorId,
                deviceId, ssid, null, null);
    }

    private boolean update(String sql, String operatorId, String deviceId, String ssid, Boolean blocked, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (blocked != null) {
                s.setBoolean(i++, blocked);
                s.setTimestamp(i++, Timestamp.from(now));
            }
            s.setString(i++, operatorId);
            s.setString(i++, deviceId);
            s.setString(i, ssid);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static Profile map(ResultSet r) throws SQLException {
        return new Profile(r.getString(1), r.getString(2), r.getBoolean(3), r.getString(4), r.getString(5),
                r.getString(6), (Integer) r.getObject(7), r.getBoolean(8));
    }
}
