package io.hop.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.tx.LocalTransactions;

/** The idempotent inbox against the real PostgreSQL, without Quarkus. */
class InboxTest {

    static TestDatabase db;
    static LocalTransactions tx;
    static Inbox inbox;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("inbox");
        tx = db.transactions();
        inbox = new Inbox(tx.dataSource(), tx);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private static IncomingEvent event() {
        return new IncomingEvent(UUID.randomUUID().toString(), "test.thing-happened.v1", "/hop/test", Instant.now(),
                "k", "k", "{}");
    }

    /** A handler that records its run in the database, in the inbox's transaction. */
    private static java.util.function.Consumer<IncomingEvent> recording(String consumer, AtomicInteger runs) {
        return e -> {
            runs.incrementAndGet();
            TestDatabase.update(tx.dataSource(), "insert into test_handled (consumer, event_id) values (?, ?)",
                    consumer, e.id());
        };
    }

    private static long handledRows(IncomingEvent event) {
        return db.queryLong("select count(*) from test_handled where event_id = ?", event.id());
    }

    @Test
    void aRedeliveredEventChangesNothingAndTheHandlerRunsOnce() {
        IncomingEvent event = event();
        AtomicInteger runs = new AtomicInteger();

        assertTrue(inbox.process("consumer-a", event, recording("consumer-a", runs)));
        assertFalse(inbox.process("consumer-a", event, recording("consumer-a", runs)));
        assertFalse(inbox.process("consumer-a", event, recording("consumer-a", runs)));

        assertEquals(1, runs.get());
        assertEquals(1, handledRows(event));
    }

    @Test
    void eachConsumerProcessesTheSameEventOnceForItself() {
        IncomingEvent event = event();
        AtomicInteger runs = new AtomicInteger();
        assertTrue(inbox.process("consumer-a", event, recording("consumer-a", runs)));
        assertTrue(inbox.process("consumer-b", event, recording("consumer-b", runs)));
        assertEquals(2, runs.get());
    }

    @Test
    void aHandlerThatThrowsLeavesTheEventUnprocessedAndARedeliveryProcessesIt() {
        IncomingEvent event = event();
        RuntimeException failure = new IllegalStateException("database of the world is down");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> inbox.process("consumer-a", event, e -> {
                    TestDatabase.update(tx.dataSource(), "insert into test_handled (consumer, event_id) values (?, ?)",
                            "consumer-a", e.id());
                    throw failure;
                }));
        assertSame(failure, thrown, "the handler's exception propagates, so the record is not acknowledged");
        assertEquals(0, handledRows(event), "the handler's writes rolled back with it");
        assertEquals(0, db.queryLong("select count(*) from hop_inbox where event_id = ?", event.id()));

        AtomicInteger runs = new AtomicInteger();
        assertTrue(inbox.process("consumer-a", event, recording("consumer-a", runs)));
        assertEquals(1, runs.get());
        assertEquals(1, handledRows(event));
    }

    @Test
    void concurrentDeliveriesOfOneEventRunTheHandlerOnce() throws Exception {
        IncomingEvent event = event();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<Boolean> delivery = () -> {
                start.await();
                return inbox.process("consumer-c", event, recording("consumer-c", runs));
            };
            results.add(pool.submit(delivery));
        }
        start.countDown();
        int processed = 0;
        for (Future<Boolean> result : results) {
            processed += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, processed);
        assertEquals(1, runs.get());
        assertEquals(1, handledRows(event));
    }

    @Test
    void theEventIdIsInTheLoggingContextWhileTheHandlerRuns() {
        IncomingEvent event = event();
        Object[] seen = new Object[1];
        inbox.process("consumer-m", event, e -> seen[0] = MDC.get(Inbox.MDC_EVENT_ID));
        assertEquals(event.id(), seen[0]);
        assertNull(MDC.get(Inbox.MDC_EVENT_ID), "removed afterwards");
    }

    @Test
    void processedIdsOlderThanTheRetentionAreForgotten() {
        IncomingEvent old = event();
        inbox.process("consumer-p", old, e -> {
        });
        db.update("update hop_inbox set processed_at = now() - interval '40 days' where event_id = ?", old.id());
        IncomingEvent recent = event();
        inbox.process("consumer-p", recent, e -> {
        });

        assertTrue(inbox.purgeProcessedBefore(Instant.now().minus(java.time.Duration.ofDays(30))) >= 1);
        assertEquals(0, db.queryLong("select count(*) from hop_inbox where event_id = ?", old.id()));
        assertEquals(1, db.queryLong("select count(*) from hop_inbox where event_id = ?", recent.id()));
    }
}
