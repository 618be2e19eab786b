package io.hop.platform.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.tx.LocalTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Durable timers against the real PostgreSQL, without Quarkus: restarts and concurrent pollers. */
class TimerPollerTest {

    static final String TYPE = "test-timer";
    static TestDatabase db;
    static LocalTransactions tx;
    static Timers timers;

    final List<TimerPoller> pollers = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = TestDatabase.create("timers");
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
    void stopPollers() {
        pollers.forEach(TimerPoller::close);
    }

    /** Records each firing in test_timer_fired, in the firing's transaction. */
    static final TimerHandler RECORDING = new TimerHandler() {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void onTimer(FiredTimer timer) {
            TestDatabase.update(tx.dataSource(),
                    "insert into test_timer_fired (timer_key, attempt, payload) values (?, ?, ?)", timer.key(),
                    timer.attempt(), timer.payload());
        }
    };

    private TimerPoller poller(TimerHandler... handlers) {
        Map<String, TimerHandler> byType = new java.util.HashMap<>();
        for (TimerHandler handler : handlers) {
            byType.put(handler.type(), handler);
        }
        TimerPoller poller = new TimerPoller(tx.dataSource(), tx, byType,
                new TimerPoller.Options(Duration.ofMillis(50), 20, Duration.ofMillis(100), Duration.ofMillis(400)),
                Clock.systemUTC(), new SimpleMeterRegistry());
        pollers.add(poller);
        return poller;
    }

    private static void schedule(String key, Instant dueAt, String payload) {
        tx.required(() -> {
            timers.schedule(key, TYPE, dueAt, payload);
            return null;
        });
    }

    private static long firings(String key) {
        return db.queryLong("select count(*) from test_timer_fired where timer_key = ?", key);
    }

    @Test
    void aTimerScheduledBeforeARestartFiresAfterItExactlyOnce() {
        TimerPoller beforeRestart = poller(RECORDING);
        beforeRestart.start();
        schedule("post-connect:c-1", Instant.now().plusMillis(1500), "{\"connection\":\"c-1\"}");
        beforeRestart.close(); // the service stops before the timer is due

        assertEquals(0, firings("post-connect:c-1"));
        poller(RECORDING).start(); // ...and starts again
        await().atMost(Duration.ofSeconds(10)).until(() -> firings("post-connect:c-1") == 1);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> firings("post-connect:c-1") == 1);
        assertEquals(List.of("{\"connection\":\"c-1\"}"),
                db.queryStrings("select payload from test_timer_fired where timer_key = ?", "post-connect:c-1"));
        assertEquals(0, db.queryLong("select count(*) from hop_timer"));
    }

    @Test
    void twoPollersRunningConcurrentlyFireEachOfManyDueTimersExactlyOnce() {
        Instant due = Instant.now().minusSeconds(1);
        tx.required(() -> {
            for (int i = 0; i < 300; i++) {
                timers.schedule("bulk-" + i, TYPE, due.plusMillis(i), null);
            }
            return null;
        });
        poller(RECORDING).start();
        poller(RECORDING).start();

        await().atMost(Duration.ofSeconds(60)).until(() -> db.queryLong("select count(*) from hop_timer") == 0);
        assertEquals(300, db.queryLong("select count(*) from test_timer_fired"));
        assertEquals(300, db.queryLong("select count(distinct timer_key) from test_timer_fired"), "none twice");
    }

    @Test
    void aCancelledTimerNeverFires() {
        poller(RECORDING).start();
        schedule("peerless:d-1", Instant.now().plusMillis(400), null);
        assertTrue(tx.required(() -> timers.cancel("peerless:d-1")));
        assertFalse(tx.required(() -> timers.cancel("peerless:d-1")), "no such timer any more");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> firings("peerless:d-1") == 0);
    }

    @Test
    void reschedulingMovesTheTimerAndReplacesItsPayload() {
        poller(RECORDING).start();
        schedule("entitlement:d-2", Instant.now().plus(Duration.ofHours(1)), "first");
        schedule("later:d-3", Instant.now().plusMillis(200), "soon");
        schedule("entitlement:d-2", Instant.now().minusSeconds(1), "second"); // earlier now
        schedule("later:d-3", Instant.now().plus(Duration.ofHours(1)), "much later"); // later now

        await().atMost(Duration.ofSeconds(10)).until(() -> firings("entitlement:d-2") == 1);
        assertEquals(List.of("second"),
                db.queryStrings("select payload from test_timer_fired where timer_key = ?", "entitlement:d-2"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> firings("later:d-3") == 0);
        assertEquals(1, db.queryLong("select count(*) from hop_timer where timer_key = 'later:d-3'"));
    }

    @Test
    void aHandlerThatThrowsIsRetriedWithBackoffAndItsWorkRollsBackEachTime() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<Instant> times = new CopyOnWriteArrayList<>();
        TimerHandler flaky = new TimerHandler() {
            @Override
            public String type() {
                return TYPE;
            }

            @Override
            public void onTimer(FiredTimer timer) {
                attempts.add(timer.attempt());
                times.add(Instant.now());
                RECORDING.onTimer(timer);
                if (timer.attempt() < 3) {
                    throw new IllegalStateException("plugin did not answer");
                }
            }
        };
        poller(flaky).start();
        schedule("post-connect:c-9", Instant.now(), null);

        await().atMost(Duration.ofSeconds(10)).until(() -> firings("post-connect:c-9") == 1);
        assertEquals(List.of(1, 2, 3), attempts);
        assertEquals(List.of("3"),
                db.queryStrings("select attempt::text from test_timer_fired where timer_key = ?", "post-connect:c-9"),
                "only the successful attempt's work committed");
        assertTrue(Duration.between(times.get(0), times.get(1)).toMillis() >= 90, "backed off: " + times);
        assertTrue(Duration.between(times.get(1), times.get(2)).toMillis() >= 190, "doubled: " + times);
        assertEquals(0, db.queryLong("select count(*) from hop_timer"));
    }

    @Test
    void aTimerOfAnUnknownTypeStaysAndIsRetriedLater() {
        TimerPoller poller = poller(RECORDING);
        tx.required(() -> {
            timers.schedule("mystery:1", "nobody-handles-this", Instant.now().minusSeconds(1), null);
            return null;
        });
        assertEquals(TimerPoller.Outcome.FAILED, poller.fireNext());
        assertEquals(1, db.queryLong("select failures from hop_timer where timer_key = 'mystery:1'"));
        assertEquals(1, db.queryLong("select count(*) from hop_timer where timer_key = 'mystery:1' and due_at > now()"),
                "moved into the future by the back-off");
        assertEquals(TimerPoller.Outcome.NONE_DUE, poller.fireNext());
    }

    @Test
    void aHandlerMayRescheduleItsOwnTimerAndTheNewScheduleSurvivesTheFiring() {
        AtomicInteger fired = new AtomicInteger();
        TimerHandler periodic = new TimerHandler() {
            @Override
            public String type() {
                return TYPE;
            }

            @Override
            public void onTimer(FiredTimer timer) {
                RECORDING.onTimer(timer);
                if (fired.incrementAndGet() < 3) {
                    timers.schedule(timer.key(), TYPE, Instant.now().plusMillis(100), "again");
                }
            }
        };
        poller(periodic).start();
        schedule("periodic:d-5", Instant.now(), "first");

        await().atMost(Duration.ofSeconds(10)).until(() -> firings("periodic:d-5") == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> firings("periodic:d-5") == 3);
        assertEquals(0, db.queryLong("select count(*) from hop_timer"));
    }

    @Test
    void schedulingOutsideATransactionIsRefused() {
        assertThrows(IllegalStateException.class, () -> timers.schedule("k", TYPE, Instant.now(), null));
        assertThrows(IllegalStateException.class, () -> timers.cancel("k"));
    }
}
