package io.hop.platform.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * The folding consumer against the real broker and database: many polls folded into one write, resuming from the
 * stored offsets, poison records, a window whose write fails for good, a rebalance in the middle of a stream, and a
 * graceful stop.
 */
class FoldingConsumerTest {

    private static TestDatabase db;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("folding");
        db.update("create table fold_totals (consumer text not null, key text not null, events bigint not null, "
                + "primary key (consumer, key))");
        db.update("create table fold_writes (consumer text not null, keys int not null)");
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers(), "acks", "all",
                "linger.ms", 5), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        db.close();
    }

    /**
     * Counts events per key. Events whose id starts with {@code refused-} are refused by {@code parse}; a window
     * holding the key {@code poison} cannot be written.
     */
    private static final class CountPerKey implements FoldingConsumer.Folding<IncomingEvent, Map<String, Long>> {
        private final String consumer;
        final AtomicInteger folded = new AtomicInteger();

        CountPerKey(String consumer) {
            this.consumer = consumer;
        }

        @Override
        public IncomingEvent parse(IncomingEvent event) {
            if (event.id().startsWith("refused-")) {
                throw new InvalidEventException("refused by parse");
            }
            return event;
        }

        @Override
        public Map<String, Long> fold(List<IncomingEvent> items) {
            Map<String, Long> fold = new TreeMap<>();
            items.forEach(e -> fold.merge(e.key(), 1L, Long::sum));
            folded.addAndGet(items.size());
            return fold;
        }

        @Override
        public void merge(Map<String, Long> window, Map<String, Long> part) {
            part.forEach((key, n) -> window.merge(key, n, Long::sum));
        }

        @Override
        public int size(Map<String, Long> window) {
            return window.size();
        }

        @Override
        public void write(Map<String, Long> window) throws SQLException {
            if (window.containsKey("poison")) {
                throw new InvalidEventException("a poison key cannot be counted");
            }
            try (Connection connection = db.transactions().dataSource().getConnection();
                    PreparedStatement upsert = connection.prepareStatement("""
                            insert into fold_totals (consumer, key, events)
                            select ?, k, n from unnest(?::text[], ?::bigint[]) as t(k, n)
                            on conflict (consumer, key) do update set events = fold_totals.events + excluded.events""");
                    PreparedStatement write = connection.prepareStatement(
                            "insert into fold_writes (consumer, keys) values (?, ?)")) {
                upsert.setString(1, consumer);
                upsert.setArray(2, connection.createArrayOf("text", window.keySet().toArray()));
                upsert.setArray(3, connection.createArrayOf("int8", window.values().toArray()));
                upsert.executeUpdate();
                write.setString(1, consumer);
                write.setInt(2, window.size());
                write.executeUpdate();
            }
        }
    }

    private static FoldingConsumer<IncomingEvent, Map<String, Long>> consumer(String name, String group,
            String topic, Duration maxAge, CountPerKey folding) {
        return consumer(name, group, topic, maxAge, folding, new SimpleMeterRegistry());
    }

    private static FoldingConsumer<IncomingEvent, Map<String, Long>> consumer(String name, String group,
            String topic, Duration maxAge, CountPerKey folding, SimpleMeterRegistry metrics) {
        return new FoldingConsumer<>(BatchConsumer.Settings.of(name, name, group, topic,
                BatchConsumer.Mode.OFFSETS_IN_DATABASE).withMaxPollRecords(10)
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))),
                new FoldingConsumer.Window(maxAge, 10_000), Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
                db.transactions().dataSource(), db.transactions(), new DeadLetters(producer, Duration.ofSeconds(10)),
                new ConsumerMonitor(metrics), folding);
    }

    private static void send(String topic, String key, String id) {
        try {
            producer.send(ConsumerOutageTest.event(topic, key, id)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long total(String name) {
        return db.queryLong("select coalesce(sum(events), 0) from fold_totals where consumer = ?", name);
    }

    @Test
    void theRecordsOfManyPollsAreWrittenInFewTransactionsAndEachIsCountedOnce() {
        String topic = TestKafka.createTopic("fold-many", 3);
        String name = "many-" + UUID.randomUUID();
        for (int i = 0; i < 300; i++) {
            send(topic, "key-" + (i % 5), "ev-" + i);
        }
        CountPerKey folding = new CountPerKey(name);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (FoldingConsumer<IncomingEvent, Map<String, Long>> consumer = consumer(name, "g-" + UUID.randomUUID(),
                topic, Duration.ofSeconds(30), folding, metrics)) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> total(name) == 300);
        }
        assertEquals(Map.of("key-0", 60L, "key-1", 60L, "key-2", 60L, "key-3", 60L, "key-4", 60L), totals(name));
        long writes = db.queryLong("select count(*) from fold_writes where consumer = ?", name);
        assertTrue(writes <= 5, "300 records in polls of at most 10 were written in " + writes + " transactions");
        assertEquals(300, db.queryLong("select sum(next_offset) from hop_consumer_offset where consumer = ?", name));
        assertEquals(writes, metrics.get("hop.consumer.window.write").tag("channel", name).timer().count(),
                "each window's write is timed");
    }

    @Test
    void aConsumerOfANewGroupResumesFromTheStoredOffsetsAndCountsNothingTwice() {
        String topic = TestKafka.createTopic("fold-resume", 3);
        String name = "resume-" + UUID.randomUUID();
        for (int i = 0; i < 150; i++) {
            send(topic, "key-" + (i % 7), "ev-" + i);
        }
        try (FoldingConsumer<IncomingEvent, Map<String, Long>> consumer = consumer(name, "g-" + UUID.randomUUID(),
                topic, Duration.ofMillis(200), new CountPerKey(name))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> total(name) == 150);
        }
        for (int i = 150; i < 200; i++) {
            send(topic, "key-" + (i % 7), "ev-" + i);
        }
        // a new group: Kafka knows no offsets for it, so only the database can say where to resume
        try (FoldingConsumer<IncomingEvent, Map<String, Long>> consumer = consumer(name, "g-" + UUID.randomUUID(),
                topic, Duration.ofMillis(200), new CountPerKey(name))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> total(name) >= 200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> total(name) == 200);
        }
    }

    @Test
    void aRefusedRecordIsDeadLetteredAndTheWindowGoesOn() {
        String topic = TestKafka.createTopic("fold-refused", 1);
        TestKafka.createTopicNamed(topic + ".dlq", 1);
        String name = "refused-" + UUID.randomUUID();
        for (int i = 0; i < 40; i++) {
            send(topic, "key-" + (i % 3), i == 17 ? "refused-17" : "ev-" + i);
        }
        ProducerRecord<String, String> noType = new ProducerRecord<>(topic, "key-0", "{}");
        noType.headers().add(CloudEventHeaders.ID, "no-type".getBytes(StandardCharsets.UTF_8));
        producer.send(noType);
        send(topic, "key-1", "ev-last");
        try (FoldingConsumer<IncomingEvent, Map<String, Long>> consumer = consumer(name, "g-" + UUID.randomUUID(),
                topic, Duration.ofSeconds(1), new CountPerKey(name))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> total(name) == 40);
        }
        try (TestKafka.Reader reader = TestKafka.reader(topic + ".dlq")) {
            List<ConsumerRecord<String, String>> dead = reader.readAtLeast(2, Duration.ofSeconds(20));
            assertEquals(List.of("refused-17", "no-type"), dead.stream()
                    .map(r -> new String(r.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8))
                    .toList());
        }
        assertEquals(42, db.queryLong("select sum(next_offset) from hop_consumer_offset where consumer = ?", name),
                "the offsets moved past the dead-lettered records");
    }

    @Test
    void aWindowThatCannotBeWrittenIsAppliedRecordByRecordAndOnlyTheFailingRecordIsDeadLettered() {
        String topic = TestKafka.createTopic("fold-poison", 2);
        TestKafka.createTopicNamed(topic + ".dlq", 1);
        String name = "poison-" + UUID.randomUUID();
        for (int i = 0; i < 60; i++) {
            send(topic, i == 30 ? "poison" : "key-" + (i % 4), "ev-" + i);
        }
        try (FoldingConsumer<IncomingEvent, Map<String, Long>> consumer = consumer(name, "g-" + UUID.randomUUID(),
                topic, Duration.ofSeconds(1), new CountPerKey(name))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> total(name) == 59);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> total(name) == 59);
        }
        assertEquals(0, db.queryLong("select count(*) from fold_totals where consumer = ? and key = 'poison'", name));
        try (TestKafka.Reader reader = TestKafka.reader(topic + ".dlq")) {
            List<ConsumerRecord<String, String>> dead = reader.readAtLeast(1, Duration.ofSeconds(20));
            assertEquals(1, dead.size());
            assertEquals("ev-30", new String(dead.get(0).headers().lastHeader(CloudEventHeaders.ID).value(),
                    StandardCharsets.UTF_8));
            assertTrue(new String(dead.get(0).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8)
                    .contains("poison key"));
        }
        assertEquals(60, db.queryLong("select sum(next_offset) from hop_consumer_offset where consumer = ?", name));
    }

    @Test
    void aSecondConsumerJoiningInTheMiddleOfAWindowLeavesEveryRecordCountedOnce() throws Exception {
        String topic = TestKafka.createTopic("fold-rebalance", 4);
        String name = "rebalance-" + UUID.randomUUID();
        String group = "g-" + UUID.randomUUID();
        Thread feeder = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                producer.send(ConsumerOutageTest.event(topic, "key-" + (i % 50), "ev-" + i));
                if (i % 100 == 0) {
                    producer.flush();
                }
            }
            producer.flush();
        });
        CountPerKey first = new CountPerKey(name);
        try (FoldingConsumer<IncomingEvent, Map<String, Long>> one = consumer(name, group, topic,
                Duration.ofSeconds(20), first);
                FoldingConsumer<IncomingEvent, Map<String, Long>> two = consumer(name, group, topic,
                        Duration.ofSeconds(20), new CountPerKey(name))) {
            one.start();
            feeder.start();
            // the first consumer has folded part of the stream into a window it has not written yet
            await().atMost(Duration.ofSeconds(30)).until(() -> first.folded.get() >= 300);
            two.start();
            feeder.join();
            await().atMost(Duration.ofSeconds(60)).until(() -> total(name) >= 2000);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> total(name) == 2000);
        }
        Map<String, Long> expected = new TreeMap<>();
        for (int k = 0; k < 50; k++) {
            expected.put("key-" + k, 40L);
        }
        assertEquals(expected, totals(name));
    }

    @Test
    void aGracefulStopWritesTheOpenWindow() throws Exception {
        String topic = TestKafka.createTopic("fold-stop", 1);
        String name = "stop-" + UUID.randomUUID();
        CountPerKey folding = new CountPerKey(name);
        AtomicInteger sent = new AtomicInteger();
        // a record every 20 ms: no poll comes back empty, so only the stop can close the 5-minute window
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        try (FoldingConsumer<IncomingEvent, Map<String, Long>> consumer = consumer(name, "g-" + UUID.randomUUID(),
                topic, Duration.ofMinutes(5), folding)) {
            consumer.start();
            feeder.scheduleAtFixedRate(() -> send(topic, "key", "ev-" + sent.getAndIncrement()), 0, 20,
                    TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> folding.folded.get() >= 50);
            assertEquals(0, total(name), "the window is still open");
        } finally {
            feeder.shutdownNow();
            feeder.awaitTermination(5, TimeUnit.SECONDS);
        }
        assertEquals(folding.folded.get(), total(name), "everything folded before the stop is written");
    }

    private static Map<String, Long> totals(String name) {
        Map<String, Long> totals = new TreeMap<>();
        db.queryStrings("select key || '=' || events from fold_totals where consumer = ?", name).forEach(row -> {
            String[] parts = row.split("=");
            totals.put(parts[0], Long.parseLong(parts[1]));
        });
        return totals;
    }
}
