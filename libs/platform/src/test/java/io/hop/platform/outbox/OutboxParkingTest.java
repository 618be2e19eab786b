package io.hop.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hop.contracts.CloudEventHeaders;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.outbox.OutboxRelayTest.Reading;
import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.testsupport.TestKafka;
import io.hop.platform.tx.LocalTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A record Kafka rejects for good (larger than its topic's {@code max.message.bytes}) holds back only its own key,
 * is parked after its attempts, shows in the metric and the health check, and is published, with the rest of its key
 * in order, once an operator has raised the limit and retried it.
 */
class OutboxParkingTest {

    static final String CHANNEL = "readings";
    static final int TOPIC_LIMIT = 2048;

    static TestDatabase db;

    Admin admin;
    String topic;
    LocalTransactions tx;
    Outbox outbox;
    OutboxRelay relay;
    SimpleMeterRegistry registry;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("outbox_parking");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
        topic = "outbox-parking." + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TOPIC_LIMIT))))).all().get();
        db.update("delete from hop_outbox");
        tx = db.transactions();
        registry = new SimpleMeterRegistry();
        relay = new OutboxRelay(db.rawDataSource(), OutboxRelayTest::newProducer, OutboxRelay.Options.defaults()
                .withPollInterval(Duration.ofMillis(100)).withBatchSize(50)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400)).withMaxAttempts(3),
                Clock.systemUTC(), registry);
        outbox = new Outbox(tx.dataSource(), tx, PlatformJson.newMapper(), Map.of(CHANNEL, topic), "/hop/parking-test",
                Clock.systemUTC(), relay::wake);
    }

    @AfterEach
    void tearDown() {
        relay.close();
        admin.close();
    }

    private UUID publish(String key, int size) {
        return tx.required(() -> outbox.publish(CHANNEL, key, OutboxRelayTest.READING,
                new Reading("x".repeat(size), size, Instant.now())));
    }

    @Test
    void anOversizedEventIsParkedWhileOtherKeysFlowAndItsOwnKeyWaitsUntilAnOperatorRetriesIt() throws Exception {
        // All committed before the relay starts, so that the first pass holds the big event and its successors.
        UUID before = publish("big-key", 10);
        UUID big = publish("big-key", TOPIC_LIMIT * 3);
        UUID after1 = publish("big-key", 11);
        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(publish("other-" + i, 12));
        }
        UUID after2 = publish("big-key", 13);
        relay.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> db.queryLong(
                "select count(*) from hop_outbox where id = ? and parked_at is not null", big) == 1);
        assertEquals(3, db.queryLong("select attempts from hop_outbox where id = ?", big), "parked after 3 attempts");
        assertTrue(db.queryStrings("select last_error from hop_outbox where id = ?", big).get(0)
                .contains("RecordTooLargeException"));
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.parked() == 1);
        assertEquals(1.0, registry.get("hop.outbox.parked").gauge().value());

        // Other keys keep flowing while the big event is parked.
        UUID lateOther = publish("other-late", 14);
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(
                    read -> ids(read).contains(lateOther.toString()), Duration.ofSeconds(30));
            records = reader.readToEnd(Duration.ofSeconds(30));
            Map<String, List<String>> byKey = idsByKey(records);
            assertEquals(List.of(before.toString()), byKey.get("big-key"),
                    "the big event's successors wait behind it, unsent");
            for (int i = 0; i < others.size(); i++) {
                assertEquals(List.of(others.get(i).toString()), byKey.get("other-" + i));
            }
        }
        assertEquals(2, db.queryLong("select count(*) from hop_outbox where id in (?, ?) and sent_at is null"
                + " and attempts = 0", after1, after2), "never sent, never charged");

        // The health check reports it, and stays UP.
        HealthCheckResponse health = new OutboxHealthCheck(new OutboxAdmin(db.rawDataSource(), relay::wake)).call();
        assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
        Map<String, Object> data = health.getData().orElseThrow();
        assertEquals(1L, data.get("parked"));
        assertEquals(big.toString(), data.get("oldestParked.id"));
        assertEquals("big-key", data.get("oldestParked.key"));

        // The operator raises the topic's limit and retries the parked event: it goes out, then its key's
        // successors, in order, each once.
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"),
                        AlterConfigOp.OpType.SET)))).all().get();
        OutboxAdmin operator = new OutboxAdmin(db.rawDataSource(), relay::wake);
        assertEquals(List.of(big), operator.parked(10).stream().map(OutboxAdmin.ParkedEvent::id).toList());
        assertTrue(operator.retryParked(big));
        assertFalse(operator.retryParked(big), "no longer parked");

        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(
                    read -> ids(read).contains(after2.toString()), Duration.ofSeconds(30));
            assertEquals(List.of(before.toString(), big.toString(), after1.toString(), after2.toString()),
                    idsByKey(records).get("big-key"));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.queryLong("select count(*) from hop_outbox where sent_at is null") == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.parked() == 0);
    }

    @Test
    void theDocumentedStatementRetriesAParkedEvent() {
        UUID big = publish("big-sql", TOPIC_LIMIT * 3);
        for (int i = 0; i < 3; i++) {
            db.update("update hop_outbox set next_attempt_at = null where id = ?", big); // skip the backoff
            relay.relayOnce();
        }
        assertEquals(1, db.queryLong("select count(*) from hop_outbox where id = ? and parked_at is not null", big));

        // The statement of OutboxRelay's Javadoc and the README, as an operator types it.
        assertEquals(1, db.update("""
                update hop_outbox set parked_at = null, next_attempt_at = null, attempts = 0
                 where sent_at is null and parked_at is not null and id = '""" + big + "'"));
        assertEquals(0, db.queryLong("select count(*) from hop_outbox where parked_at is not null"));
        OutboxRelay.Pass retried = relay.relayOnce();
        assertEquals(1, retried.failed(), "tried again (the topic still refuses it)");
        assertEquals(1, db.queryLong("select attempts from hop_outbox where id = ?", big));
    }

    private static String id(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.ID);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Collection<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(OutboxParkingTest::id).toList();
    }

    private static Map<String, List<String>> idsByKey(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new,
                Collectors.mapping(OutboxParkingTest::id, Collectors.toList())));
    }
}
