package io.hop.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.platform.testsupport.TestDatabase;

/** Processed ids past their retention are purged in bounded batches, by one replica at a time. */
class InboxPurgeTest {

    private static TestDatabase db;
    private static Inbox inbox;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("inbox_purge");
        inbox = new Inbox(db.transactions().dataSource(), db.transactions());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void expiredIdsArePurgedInBatchesAndRecentOnesKept() {
        db.update("insert into hop_inbox (consumer, event_id, processed_at) "
                + "select 'purge', 'old-' || i, now() - interval '40 days' from generate_series(1, 2500) i");
        db.update("insert into hop_inbox (consumer, event_id) select 'purge', 'new-' || i from generate_series(1, 10) i");

        assertEquals(2500, inbox.purgeProcessedBefore(Instant.now().minus(30, ChronoUnit.DAYS), 1000));
        assertEquals(10, db.queryLong("select count(*) from hop_inbox where consumer = 'purge'"));
    }

    @Test
    void whileAnotherReplicaPurgesThisOneLeavesItAlone() throws SQLException {
        db.update("insert into hop_inbox (consumer, event_id, processed_at) "
                + "select 'other', 'old-' || i, now() - interval '40 days' from generate_series(1, 20) i");
        try (Connection otherReplica = db.rawDataSource().getConnection();
                Statement statement = otherReplica.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select pg_try_advisory_lock(hashtext('hop_inbox_purge'))")) {
                rs.next();
                assertEquals(true, rs.getBoolean(1));
            }
            assertEquals(0, inbox.purgeProcessedBefore(Instant.now().minus(30, ChronoUnit.DAYS), 1000));
            assertEquals(20, db.queryLong("select count(*) from hop_inbox where consumer = 'other'"));
            statement.execute("select pg_advisory_unlock(hashtext('hop_inbox_purge'))");
        }
        assertEquals(20, inbox.purgeProcessedBefore(Instant.now().minus(30, ChronoUnit.DAYS), 1000));
    }
}
