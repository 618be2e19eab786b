package io.hop.platform.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.contracts.CloudEventHeaders;
import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.testsupport.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The batch consumer against the real broker and database: poison records, duplicates, restarts. */
class BatchConsumerTest {

    private static TestDatabase db;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("batch");
        db.update("create table applied (consumer text not null, event_id text not null)");
        db.update("create table totals (consumer text not null, key text not null, events bigint not null, "
                + "primary key (consumer, key))");
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers(), "acks", "all",
                "linger.ms", 5), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        db.close();
    }

    private static BatchConsumer consumer(String name, String group, String topic, BatchConsumer.Mode mode,
            BatchConsumer.Handler handler) {
        return new BatchConsumer(BatchConsumer.Settings.of(name, name, group, topic, mode).withMaxPollRecords(100)
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))),
                Map.of("bootstrap.servers", TestKafka.bootstrapServers()), db.transactions().dataSource(),
                db.transactions(), new DeadLetters(producer, Duration.ofSeconds(10)),
                new ConsumerMonitor(new SimpleMeterRegistry()), handler);
    }

    private static void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPoisonRecordInABatchIsDeadLetteredWithoutLosingOrDoublingTheOthers() {
        String topic = TestKafka.createTopic("batch-poison", 1);
        TestKafka.createTopicNamed(topic + ".dlq", 1);
        String name = "poison-" + UUID.randomUUID();
        for (int i = 0; i < 60; i++) {
            if (i == 20) {
                ProducerRecord<String, String> noType = new ProducerRecord<>(topic, "k", "{}");
                noType.headers().add(CloudEventHeaders.ID, utf8("no-type"));
                send(noType);
            }
            if (i == 40) {
                send(ConsumerOutageTest.event(topic, "k", "rejected-" + name));
                send(ConsumerOutageTest.event(topic, "k", "ev-5")); // a redelivery of an event already in the batch
            }
            send(ConsumerOutageTest.event(topic, "k", "ev-" + i));
        }
        send(new ProducerRecord<>(topic, "deleted-key", null));

        try (BatchConsumer consumer = consumer(name, "g-" + UUID.randomUUID(), topic, BatchConsumer.Mode.INBOX,
                events -> {
                    if (events.stream().anyMatch(e -> e.id().startsWith("rejected-"))) {
                        throw new InvalidEventException("rejected by the handler");
                    }
                    ConsumerOutageTest.insertApplied(db.transactions().dataSource(), name, events.stream()
                            .map(e -> e.tombstone() ? new IncomingEvent("tombstone-of-" + e.key(), e.type(), null,
                                    null, null, e.key(), null) : e).toList());
                })) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("select count(*) from applied where consumer = ?", name) >= 61);
        }
        assertEquals(61, db.queryLong("select count(*) from applied where consumer = ?", name));
        assertEquals(61, db.queryLong("select count(distinct event_id) from applied where consumer = ?", name));
        assertEquals(1, db.queryLong("select count(*) from applied where consumer = ? and event_id = ?", name,
                "tombstone-of-deleted-key"), "a tombstone reaches the handler as a deletion");
        try (TestKafka.Reader reader = TestKafka.reader(topic + ".dlq")) {
            List<ConsumerRecord<String, String>> dead = reader.readAtLeast(2, Duration.ofSeconds(20));
            assertEquals(2, dead.size());
            assertTrue(header(dead.get(0), DeadLetters.REASON).contains("no ce_type"));
            assertEquals("rejected-" + name, header(dead.get(1), CloudEventHeaders.ID));
            assertTrue(header(dead.get(1), DeadLetters.REASON).contains("rejected by the handler"));
            assertEquals(name, header(dead.get(1), DeadLetters.CONSUMER));
        }
    }

    @Test
    void anAggregatingConsumerResumesFromTheOffsetsInItsDatabaseAndCountsEachEventOnce() throws SQLException {
        String topic = TestKafka.createTopic("batch-aggregate", 3);
        String name = "aggregate-" + UUID.randomUUID();
        for (int i = 0; i < 150; i++) {
            send(ConsumerOutageTest.event(topic, "key-" + (i % 5), "ev-" + i));
        }
        try (BatchConsumer consumer = consumer(name, "g-" + UUID.randomUUID(), topic,
                BatchConsumer.Mode.OFFSETS_IN_DATABASE,
                events -> ConsumerOutageTest.addToTotals(db.transactions().dataSource(), name, events))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> db.queryLong(
                    "select coalesce(sum(events), 0) from totals where consumer = ?", name) == 150);
        }
        for (int i = 150; i < 200; i++) {
            send(ConsumerOutageTest.event(topic, "key-" + (i % 5), "ev-" + i));
        }
        // a new consumer group: Kafka knows no offsets for it, so only the database can say where to resume
        try (BatchConsumer consumer = consumer(name, "g-" + UUID.randomUUID(), topic,
                BatchConsumer.Mode.OFFSETS_IN_DATABASE,
                events -> ConsumerOutageTest.addToTotals(db.transactions().dataSource(), name, events))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> db.queryLong(
                    "select coalesce(sum(events), 0) from totals where consumer = ?", name) >= 200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> db.queryLong(
                    "select sum(events) from totals where consumer = ?", name) == 200);
        }
        assertEquals(200, db.queryLong("select sum(next_offset) from hop_consumer_offset where consumer = ?", name));
        assertEquals(0, db.queryLong("select count(*) from hop_inbox where consumer = ?", name), "no inbox row per record");
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
