package io.hop.usage.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Forgets the ids of records posted to {@code POST /v1/usage-records} after {@code hop.usage.seen-record-retention}
 * (default 35 days: longer than a monthly period, and far longer than any client retries a batch). A record re-posted
 * after that would count again; that is the documented bound of the REST path's idempotency. Deletes in chunks so a
 * purge never holds long locks.
 */
@ApplicationScoped
public class UsageHousekeeping {

    private static final Logger LOG = Logger.getLogger(UsageHousekeeping.class);
    private static final int CHUNK = 10_000;

    private final DataSource dataSource;
    private final Duration retention;

    UsageHousekeeping(DataSource dataSource,
            @ConfigProperty(name = "hop.usage.seen-record-retention", defaultValue = "P35D") Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
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
