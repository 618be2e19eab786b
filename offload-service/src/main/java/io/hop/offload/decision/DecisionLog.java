package io.hop.offload.decision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.offload.scan.ScanEvaluation.Decision;
import io.hop.platform.tx.DataAccessException;

/**
 * The decision log ({@code scan_decision}): why each network of a scan was selected or rejected. A scan's entries are
 * one row, written in the scan's own transaction: parallel arrays (entry i of each is the i-th network's), so a scan
 * of 40 networks writes one tuple and two index entries, not 40 and 80; reads unnest them. Scans older than the
 * retention are purged.
 */
@ApplicationScoped
public class DecisionLog {

    private static final int PURGE_CHUNK = 10_000;

    private final DataSource dataSource;

    DecisionLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An entry as read back. */
    public record Entry(UUID scanId, Instant decidedAt, String ssid, String bssid, boolean selected, String reason,
            String pluginId, Integer priority, Integer effectivePriority, String authMethod, String fallbackReason,
            String detail) {
    }

    /** Writes a scan's decisions with one statement, in the caller's transaction. */
    public void write(String operatorId, String deviceId, UUID scanId, Instant at, List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        int n = decisions.size();
        String[] ssid = new String[n];
        String[] bssid = new String[n];
        Boolean[] selected = new Boolean[n];
        String[] reason = new String[n];
        String[] plugin = new String[n];
        Integer[] priority = new Integer[n];
        Integer[] effective = new Integer[n];
        String[] auth = new String[n];
        String[] fallback = new String[n];
        String[] detail = new String[n];
        for (int i = 0; i < n; i++) {
            Decision d = decisions.get(i);
            ssid[i] = d.ssid();
            bssid[i] = d.bssid();
            selected[i] = d.selected();
            reason[i] = d.reason();
            plugin[i] = d.pluginId();
            priority[i] = d.priority();
            effective[i] = d.effectivePriority();
            auth[i] = d.authMethod();
            fallback[i] = d.fallbackReason();
            detail[i] = d.detail();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into scan_decision (operator_id, device_id, scan_id, decided_at, ssid, bssid, selected, reason, "
                        + "plugin_id, priority, effective_priority, auth_method, fallback_reason, detail) "
                        + "values (?, ?, ?, ?, ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::integer[], "
                        + "?::integer[], ?::text[], ?::text[], ?::text[])")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            s.setObject(3, scanId);
            s.setTimestamp(4, Timestamp.from(at));
            s.setArray(5, c.createArrayOf("text", ssid));
            s.setArray(6, c.createArrayOf("text", bssid));
            s.setArray(7, c.createArrayOf("boolean", selected));
            s.setArray(8, c.createArrayOf("text", reason));
            s.setArray(9, c.createArrayOf("text", plugin));
            s.setArray(10, c.createArrayOf("integer", priority));
            s.setArray(11, c.createArrayOf("integer", effective));
            s.setArray(12, c.createArrayOf("text", auth));
            s.setArray(13, c.createArrayOf("text", fallback));
            s.setArray(14, c.createArrayOf("text", detail));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The device's newest entries first (at most {@code limit}), optionally of one scan. */
    public List<Entry> list(String operatorId, String deviceId, UUID scanId, int limit) {
        List<Entry> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                """
                select d.scan_id, d.decided_at, e.ssid, e.bssid, e.selected, e.reason, e.plugin_id, e.priority,
                       e.effective_priority, e.auth_method, e.fallback_reason, e.detail
                  from scan_decision d
                 cross join lateral unnest(d.ssid, d.bssid, d.selected, d.reason, d.plugin_id, d.priority,
                       d.effective_priority, d.auth_method, d.fallback_reason, d.detail)
                       as e (ssid, bssid, selected, reason, plugin_id, priority, effective_priority, auth_method,
                             fallback_reason, detail)
                 where d.operator_id = ? and d.device_id = ? and (?::uuid is null or d.scan_id = ?::uuid)
                 order by d.decided_at desc, e.selected desc, e.effective_priority nulls last, e.ssid
                 limit ?""")) {
            s.setString(1, operatorId);
            s.setString(2, deviceId);
            s.setObject(3, scanId);
            s.setObject(4, scanId);
            s.setInt(5, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(new Entry(r.getObject(1, UUID.class), r.getTimestamp(2).toInstant(), r.getString(3),
                            r.getString(4), r.getBoolean(5), r.getString(6), r.getString(7), (Integer) r.getObject(8),
                            (Integer) r.getObject(9), r.getString(10), r.getString(11), r.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        return list;
    }

    /** Deletes the scans decided before {@code before}, in chunks (each its own statement); returns how many. */
    public int purge(Instant before) {
        int total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from scan_decision where ctid in (select ctid from scan_decision where decided_at < ? limit "
                        + PURGE_CHUNK + ")")) {
            s.setTimestamp(1, Timestamp.from(before));
            int deleted;
            do {
                deleted = s.executeUpdate();
                total += deleted;
            } while (deleted == PURGE_CHUNK);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        return total;
    }
}
