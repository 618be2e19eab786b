package io.hop.offload.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.platform.tx.DataAccessException;

/** Post-connect outcomes per hotspot ({@code fleet_outcome}), counted over a sliding window. */
@ApplicationScoped
public class FleetOutcomes {

    private final DataSource dataSource;

    FleetOutcomes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records one post-connect outcome, in the caller's transaction (the transition's). */
    public void record(String operatorId, String ssid, String bssid, boolean failed, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into fleet_outcome (operator_id, ssid, bssid, failed, at) values (?, ?, ?, ?, ?)")) {
            s.setString(1, operatorId);
            s.setString(2, ssid);
            s.setString(3, bssid);
            s.setBoolean(4, failed);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The operator's outcomes since {@code since}, counted per (SSID, BSSID): one grouped query. */
    public List<FleetLearning.Counts> counts(String operatorId, Instant since) {
        List<FleetLearning.Counts> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select ssid, bssid, count(*) filter (where failed), count(*) from fleet_outcome "
                        + "where operator_id = ? and at >= ? group by ssid, bssid")) {
            s.setString(1, operatorId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(new FleetLearning.Counts(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        return list;
    }

    /** Forgets outcomes older than {@code before} (they are out of every window); returns how many. */
    public int purge(Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from fleet_outcome where at < ?")) {
            s.setTimestamp(1, Timestamp.from(before));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
