package io.hop.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.Inbox;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.outbox.OutboxRelayTest.Reading;
import io.hop.testing.infra.ChildJvm;
import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.testsupport.TestKafka;
import io.hop.platform.tx.LocalTransactions;
import io.hop.testing.infra.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A relay process killed with SIGKILL after Kafka acknowledged an event and before the relay marked it sent: the next
 * relay delivers it again with the same {@code ce_id}, and an idempotent consumer applies it once.
 */
class OutboxRelayCrashTest {

    static final String CHANNEL = "readings";
    static final String CONSUMER = "crash-test-consumer";

    static TestDatabase db;

    final List<OutboxRelay> relays = new ArrayList<>();
    ChildJvm child;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("outbox_crash");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (child != null) {
            child.close();
        }
        relays.forEach(OutboxRelay::close);
    }

    @Test
    void aRelayKilledBetweenTheAcknowledgementAndMarkSentIsFollowedByARedeliveryThatTheInboxAppliesOnce()
            throws Exception {
        String topic = TestKafka.createTopic("outbox-crash", 1);
        LocalTransactions tx = db.transactions();
        Outbox outbox = new Outbox(tx.dataSource(), tx, PlatformJson.newMapper(), Map.of(CHANNEL, topic),
                "/hop/crash-test", Clock.systemUTC(), () -> {
                });
        UUID id = tx.required(() -> outbox.publish(CHANNEL, "dev-k", OutboxRelayTest.READING,
                new Reading("dev-k", 7, Instant.now())));

        // A relay in a JVM of its own sends the event; once Kafka acknowledged it, the JVM is killed.
        child = startChild(topic);
        List<String> output = child.lines();
        await().atMost(Duration.ofSeconds(60)).until(
                () -> output.contains(OutboxRelayCrashChild.ACKED + " " + id) || !child.isAlive());
        assertTrue(child.isAlive(), "the child relay died before the acknowledgement: " + output);
        assertTrue(child.kill()); // SIGKILL: no shutdown hook, no finally block runs
        assertEquals(ChildJvm.KILLED_BY_SIGKILL, child.exitValue(), "killed by SIGKILL");
        assertEquals(1, db.queryLong("select count(*) from hop_outbox where id = ? and sent_at is null", id),
                "acknowledged by Kafka, never marked sent");

        // The next relay (its leadership lock freed when the killed JVM's session ended) sends the event again.
        OutboxRelay next = new OutboxRelay(db.rawDataSource(), OutboxRelayTest::newProducer,
                OutboxRelay.Options.defaults().withPollInterval(Duration.ofMillis(100)), Clock.systemUTC(),
                new SimpleMeterRegistry());
        relays.add(next);
        next.start();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> db.queryLong("select count(*) from hop_outbox where id = ? and sent_at is not null", id) == 1);

        Inbox inbox = new Inbox(tx.dataSource(), tx);
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(2, Duration.ofSeconds(30));
            assertEquals(2, records.size());
            List<Boolean> applied = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                IncomingEvent event = IncomingEvent.from(record);
                assertEquals(id.toString(), event.id(), "the same ce_id both times");
                applied.add(inbox.process(CONSUMER, event, e -> TestDatabase.update(tx.dataSource(),
                        "insert into test_handled (consumer, event_id, note) values (?, ?, ?)", CONSUMER, e.id(),
                        e.dataAs(OutboxRelayTest.READING).device())));
            }
            assertEquals(List.of(true, false), applied);
        }
        assertEquals(1, db.queryLong("select count(*) from test_handled where consumer = ? and event_id = ?",
                CONSUMER, id.toString()), "the effect exactly once");
    }

    private ChildJvm startChild(String topic) throws IOException {
        String url;
        String user;
        try (Connection connection = db.rawDataSource().getConnection()) {
            url = connection.getMetaData().getURL();
            user = connection.getMetaData().getUserName();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ChildJvm.start("outbox-crash-child", OutboxRelayCrashChild.class, Map.of(), url, user,
                Infrastructure.get().postgres().password(), TestKafka.bootstrapServers());
    }
}
