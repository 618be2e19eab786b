package io.hop.usage.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the hourly usage history's monthly partitions ({@link #maintainHistory}) and forgets the ids of records
 * posted to {@code POST /v1/usage-records} after {@code hop.usage.seen-record-retention} (default 35 days: longer than a monthly period, and far longer than any client retries a batch). A record re-posted
 * after that would count again; that is the documented bound of the REST path's idempotency. Deletes in chunks so a
 * purge never holds long locks.
 */
@ApplicationScoped
public class UsageHousekeeping {

    private static final Logger LOG = Logger.getLogger(UsageHousekeeping.class);
    private static final int CHUNK = 10_000;
    private static final long HISTORY_LOCK = 0x55534849L; // "USHI"

    private final DataSource dataSource;
    private final Duration retention;
    private final Duration historyRetention;

    UsageHousekeeping(DataSource dataSource,
            @ConfigProperty(name = "hop.usage.seen-record-retention", defaultValue = "P35D") Duration retention,
            @ConfigProperty(name = "hop.usage.history-retention", defaultValue = "P400D") Duration historyRetention) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.historyRetention = historyRetention;
    }

    void onStart(@Observes StartupEvent event) throws SQLException {
        maintainHistory(Instant.now());
    }

    @Scheduled(identity = "usage-history-partitions", every = "${hop.usage.history-maintenance-every:6h}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledHistory() throws SQLException {
        maintainHistory(Instant.now());
    }

    /**
     * Keeps {@code usage_hourly}'s monthly partitions: creates those of this month and the next two (so that rows never
     * land in the default partition in normal operation) and drops the partitions wholly older than
     * {@code hop.usage.history-retention} (default 400 days: a year of monthly reports plus a billing dispute's
     * margin). Dropping a partition deletes nothing row by row: no bloat, no long locks. Also deletes the operators'
     * hourly statistics older than the retention. Idempotent.
     *
     * @return the partitions dropped
     */
    public List<String> maintainHistory(Instant now) throws SQLException {
        List<String> dropped = new ArrayList<>();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        YearMonth oldestKept = YearMonth.from(now.minus(historyRetention).atOffset(ZoneOffset.UTC));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // one replica at a time (DDL of two replicas at once could fail on the catalog)
            statement.execute("select pg_advisory_lock(" + HISTORY_LOCK + ")");
            try {
                for (int i = 0; i < 3; i++) {
                    YearMonth m = month.plusMonths(i);
                    statement.execute("create table if not exists " + partition(m) + " partition of usage_hourly"
                            + " for values from ('" + m.atDay(1) + "T00:00:00Z') to ('" + m.plusMonths(1).atDay(1)
                            + "T00:00:00Z')");
                }
                List<String> existing = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        join pg_class p on p.oid = i.inhparent where p.relname = 'usage_hourly'""")) {
                    while (rows.next()) {
                        existing.add(rows.getString(1));
                    }
                }
                for (String name : existing) {
                    if (name.matches("usage_hourly_\\d{6}")) {
                        YearMonth m = YearMonth.of(Integer.parseInt(name.substring(13, 17)),
                                Integer.parseInt(name.substring(17, 19)));
                        if (m.isBefore(oldestKept)) {
                            statement.execute("drop table " + name);
                            dropped.add(name);
                        }
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "delete from usage_operator_hourly where hour < ?")) {
                    delete.setTimestamp(1,
                            Timestamp.from(oldestKept.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
                    delete.executeUpdate();
                }
            } finally {
                statement.execute("select pg_advisory_unlock(" + HISTORY_LOCK + ")");
            }
        }
        if (!dropped.isEmpty()) {
            LOG.infof("dropped usage history partitions older than the retention of %s: %s", historyRetention, dropped);
        }
        return dropped;
    }

    static String partition(YearMonth month) {
        return String.format("usage_hourly_%04d%02d", month.getYear(), month.getMonthValue());
    }

    @Scheduled(identity = "usage-seen-record-purge", every = "${hop.usage.seen-record-purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() throws SQLException {
        int purged = purge(Instant.now().minus(retention));
        if (purged > 0) {
            LOG.infof("purged %d usage record ids seen before the retention of %s", purged, retention);
        }
    }

    /** Deletes the record ids seen before {@code before} (each chunk its own transaction); returns how many. */
    public int purge(Instant before) throws SQLException {
        int total = 0;
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "delete from usage_seen_record where ctid in (select ctid from usage_seen_record where seen_at < ? limit "
                        + CHUNK + ")")) {
            statement.setTimestamp(1, Timestamp.from(before));
            int deleted;
            do {
                deleted = statement.executeUpdate();
                total += deleted;
            } while (deleted == CHUNK);
        }
        return total;
    }
}
