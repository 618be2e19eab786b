package io.hop.platform.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hop.testing.infra.ChildJvm;
import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.timer.TimerPollerProcess.CrashPoint;
import io.hop.platform.tx.LocalTransactions;
import io.hop.testing.infra.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Durable timers survive a real crash: a poller in a separate JVM ({@link TimerPollerProcess}) is killed with SIGKILL
 * at a chosen point of a firing, and a poller started afterwards (the restarted service) finishes the job. The effect
 * is the handler's row in {@code test_timer_fired}, written in the firing's transaction.
 */
class TimerPollerCrashTest {

    /** Exit status of a process killed by SIGKILL (128 + 9), as {@link Process#exitValue()} reports it on Linux. */

    static TestDatabase db;
    static LocalTransactions tx;
    static Timers timers;

    TimerPoller restarted;
    ChildJvm child;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("timers_crash");
        tx = db.transactions();
        timers = new Timers(tx.dataSource(), tx);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.update("delete from hop_timer");
        db.update("delete from test_timer_fired");
    }

    @AfterEach
    void stop() throws IOException {
        if (child != null) {
            child.close();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void aPollerKilledInsideTheHandlersTransactionLeavesNoEffectAndTheTimerFiresExactlyOnceAfterRestart()
            throws Exception {
        String key = "crash-in-handler:" + UUID.randomUUID();
        schedule(key, Instant.now().minusSeconds(1));

        List<String> lines = startChild(CrashPoint.IN_HANDLER, key);
        await("the child's handler wrote its effect and blocks in the open transaction").atMost(Duration.ofSeconds(30))
                .until(() -> lines.contains(CrashPoint.IN_HANDLER.line(key)));
        assertEquals(1, db.queryLong("select count(*) from pg_stat_activity where datname = current_database()"
                + " and state = 'idle in transaction'"), "the child's firing transaction is open");
        assertEquals(0, firings(key), "written but not committed");

        killChild();

        assertEquals(0, firings(key), "the killed transaction's effect was rolled back");
        assertEquals(1, db.queryLong("select count(*) from hop_timer where timer_key = ?", key), "the timer is still due");
        restartPoller();
        await("the timer fires after the restart").atMost(Duration.ofSeconds(30)).until(() -> firings(key) == 1);
        assertEquals(0, db.queryLong("select count(*) from hop_timer"), "fired and gone: it cannot fire again");
        assertEquals(1, firings(key));
    }

    @Test
    void aPollerKilledRightAfterTheFiringCommittedNeverFiresThatTimerAgain() throws Exception {
        String key = "crash-after-commit:" + UUID.randomUUID();
        String later = "due-after-it:" + UUID.randomUUID();
        schedule(key, Instant.now().minusSeconds(2));
        schedule(later, Instant.now().minusSeconds(1)); // claimed only after key, so the child never reaches it

        List<String> lines = startChild(CrashPoint.AFTER_COMMIT, key);
        await("the child committed the firing and blocks right after").atMost(Duration.ofSeconds(30))
                .until(() -> lines.contains(CrashPoint.AFTER_COMMIT.line(key)));
        assertEquals(1, firings(key));

        killChild();

        restartPoller();
        await("the restarted poller fires the timer due after the killed one").atMost(Duration.ofSeconds(30))
                .until(() -> firings(later) == 1);
        assertEquals(1, firings(key), "the committed firing is not repeated");
        assertEquals(0, db.queryLong("select count(*) from hop_timer"));
    }

    private static void schedule(String key, Instant dueAt) {
        tx.required(() -> {
            timers.schedule(key, TimerPollerTest.TYPE, dueAt, "{\"key\":\"" + key + "\"}");
            return null;
        });
    }

    private static long firings(String key) {
        return db.queryLong("select count(*) from test_timer_fired where timer_key = ?", key);
    }

    /** The service restarting: a poller in this JVM with the same handler as the child's (record, never block). */
    private void restartPoller() {
        TimerHandler recording = new TimerHandler() {
            @Override
            public String type() {
                return TimerPollerTest.TYPE;
            }

            @Override
            public void onTimer(FiredTimer timer) {
                TestDatabase.update(tx.dataSource(),
                        "insert into test_timer_fired (timer_key, attempt, payload) values (?, ?, ?)", timer.key(),
                        timer.attempt(), timer.payload());
            }
        };
        restarted = new TimerPoller(tx.dataSource(), tx, Map.of(recording.type(), recording),
                new TimerPoller.Options(Duration.ofMillis(50), 20, Duration.ofMillis(100), Duration.ofMillis(400)),
                Clock.systemUTC(), new SimpleMeterRegistry());
        restarted.start();
    }

    /** Starts {@link TimerPollerProcess} on this test's database; returns the lines it prints, as they come. */
    private List<String> startChild(CrashPoint crashPoint, String key) throws IOException, SQLException {
        try (Connection connection = db.rawDataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            child = ChildJvm.start("timer-poller-process", TimerPollerProcess.class, Map.of(
                    TimerPollerProcess.ENV_URL, meta.getURL(),
                    TimerPollerProcess.ENV_USER, meta.getUserName(),
                    TimerPollerProcess.ENV_PASSWORD, Infrastructure.get().postgres().password()),
                    crashPoint.name(), key);
        }
        return child.lines();
    }

    /** SIGKILL: nothing in the child runs any more, no shutdown hook, no rollback of its own. */
    private void killChild() throws InterruptedException {
        assertEquals(true, child.kill(), "the child is gone");
        assertFalse(child.isAlive());
        assertEquals(ChildJvm.KILLED_BY_SIGKILL, child.exitValue(), "killed by SIGKILL");
    }
}
