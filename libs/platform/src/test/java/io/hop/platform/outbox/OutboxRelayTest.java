package io.hop.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.EventType;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.testsupport.TestKafka;
import io.hop.platform.tx.LocalTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The outbox and its relay against the real PostgreSQL and Kafka, without Quarkus. */
class OutboxRelayTest {

    record Reading(String device, long bytes, Instant at) {
    }

    static final EventType<Reading> READING = EventType.of("test.reading-taken.v1", Reading.class);
    static final String CHANNEL = "readings";
    static final String SOURCE = "/hop/outbox-test";

    static TestDatabase db;

    String topic;
    Outbox outbox;
    LocalTransactions tx;
    final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = TestDatabase.create("outbox");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        // Each test has a topic of its own; rows of earlier tests are cleared so that relays only see this test's.
        db.update("delete from hop_outbox");
        topic = TestKafka.createTopic("outbox-test", 3);
        tx = db.transactions();
        outbox = newOutbox(() -> relays.forEach(OutboxRelay::wake));
    }

    @AfterEach
    void tearDown() {
        relays.forEach(OutboxRelay::close);
    }

    private Outbox newOutbox(Runnable afterCommit) {
        return new Outbox(tx.dataSource(), tx, PlatformJson.newMapper(), Map.of(CHANNEL, topic), SOURCE,
                Clock.systemUTC(), afterCommit);
    }

    static Producer<String, String> newProducer() {
        return new KafkaProducer<>(OutboxRelayService.producerConfig(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), Map.of(), "outbox-test"),
                new StringSerializer(), new StringSerializer());
    }

    /** Real producers, made by the relay as it needs them (and closed by it). */
    private static Supplier<Producer<String, String>> producers() {
        return OutboxRelayTest::newProducer;
    }

    private OutboxRelay relay(OutboxRelay.Options options, Supplier<Producer<String, String>> producers) {
        OutboxRelay relay = new OutboxRelay(db.rawDataSource(), producers, options, Clock.systemUTC(),
                new SimpleMeterRegistry());
        relays.add(relay);
        return relay;
    }

    private static OutboxRelay.Options fast() {
        return OutboxRelay.Options.defaults().withPollInterval(Duration.ofMillis(100)).withBatchSize(50)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    private UUID publishCommitted(String key, Reading reading) {
        return tx.required(() -> outbox.publish(CHANNEL, key, READING, reading));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> idsByKey(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new,
                Collectors.mapping(r -> header(r, CloudEventHeaders.ID), Collectors.toList())));
    }

    @Test
    void eventsCommittedWhileNoRelayRanArePublishedByTheNextRelayExactlyAsCommittedAndInOrderPerKey() {
        // No relay runs while these are committed (a relay killed while it held rows: OutboxRelayCrashTest).
        Map<UUID, Reading> committed = new LinkedHashMap<>();
        Map<UUID, String> keyOf = new HashMap<>();
        Map<String, List<String>> expectedOrder = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            String key = "device-" + (i % 4); // keys interleaved
            Reading reading = new Reading(key, 1000L * i, Instant.parse("2025-01-02T03:04:05.123456Z").plusSeconds(i));
            UUID id = publishCommitted(key, reading);
            committed.put(id, reading);
            keyOf.put(id, key);
            expectedOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(id.toString());
        }
        assertEquals(30, db.queryLong("select count(*) from hop_outbox where sent_at is null"));

        // A relay started afterwards publishes all of them.
        relay(fast(), producers()).start();
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(30, Duration.ofSeconds(30));
            assertEquals(30, records.size());
            assertEquals(expectedOrder, idsByKey(records), "order per key");
            for (ConsumerRecord<String, String> record : records) {
                UUID id = UUID.fromString(header(record, CloudEventHeaders.ID));
                Reading reading = committed.get(id);
                assertNotNull(reading, "published only what was committed");
                assertEquals(keyOf.get(id), record.key());
                assertEquals(PlatformJson.mapper().writeValueAsString(reading), record.value());
                assertEquals(reading, PlatformJson.mapper().readValue(record.value(), Reading.class));
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.queryLong("select count(*) from hop_outbox where sent_at is null") == 0);
    }

    @Test
    void publishAllRecordsABatchThatIsPublishedInTheListsOrderPerKeyAfterTheKeysEarlierEvents() {
        UUID first = publishCommitted("device-0", new Reading("device-0", -1, Instant.parse("2025-01-02T00:00:00Z")));
        List<Outbox.Keyed<Reading>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "device-" + (i % 3);
            batch.add(new Outbox.Keyed<>(key, new Reading(key, i, Instant.parse("2025-01-02T03:04:05Z").plusSeconds(i))));
        }
        List<UUID> ids = tx.required(() -> outbox.publishAll(CHANNEL, READING, batch));
        assertEquals(20, ids.size());
        assertEquals(List.of(), tx.required(() -> outbox.publishAll(CHANNEL, READING, List.of())));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.computeIfAbsent("device-0", k -> new ArrayList<>()).add(first.toString());
        for (int i = 0; i < 20; i++) {
            expected.computeIfAbsent(batch.get(i).key(), k -> new ArrayList<>()).add(ids.get(i).toString());
        }
        relay(fast(), producers()).start();
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(21, Duration.ofSeconds(30));
            assertEquals(21, records.size());
            Map<String, List<String>> actual = idsByKey(records);
            expected.forEach((key, order) -> assertEquals(order, actual.get(key), "order of " + key));
            assertTrue(records.stream().allMatch(r -> r.key().equals(header(r, CloudEventHeaders.SUBJECT))));
        }
    }

    @Test
    void publishAllForTensOfThousandsOfKeysInOneTransactionCommits() {
        // one lock per key would exhaust PostgreSQL's shared lock table ("out of shared memory") long before this
        int keys = 20_000;
        List<Outbox.Keyed<Reading>> batch = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            String key = "device-" + i;
            batch.add(new Outbox.Keyed<>(key, new Reading(key, i, Instant.parse("2025-01-02T00:00:00Z"))));
        }
        assertEquals(keys, tx.required(() -> outbox.publishAll(CHANNEL, READING, batch)).size());
        assertEquals(keys, db.queryLong("select count(*) from hop_outbox where sent_at is null"));
    }

    @Test
    void everyPublishedRecordCarriesTheCloudEventsBinaryModeHeaders() throws Exception {
        relay(fast(), producers()).start();
        Reading reading = new Reading("dev-1", 42, Instant.parse("2025-06-01T10:00:00Z"));
        Instant before = Instant.now().minusSeconds(1);
        UUID plain = publishCommitted("dev-1", reading);
        UUID withSubject = tx.required(() -> outbox.publish(CHANNEL, "dev-1", "connections/c-9", READING, reading));

        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(2, Duration.ofSeconds(30));
            for (ConsumerRecord<String, String> record : records) {
                assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
                assertEquals("test.reading-taken.v1", header(record, CloudEventHeaders.TYPE));
                assertEquals(SOURCE, header(record, CloudEventHeaders.SOURCE));
                assertEquals("application/json", header(record, CloudEventHeaders.CONTENT_TYPE));
                Instant time = OffsetDateTime.parse(header(record, CloudEventHeaders.TIME)).toInstant();
                assertTrue(time.isAfter(before) && time.isBefore(Instant.now().plusSeconds(1)), "ce_time " + time);
                assertTrue(header(record, CloudEventHeaders.TIME).endsWith("Z"), "RFC 3339 in UTC");
                assertEquals("dev-1", record.key());
                assertEquals("{\"device\":\"dev-1\",\"bytes\":42,\"at\":\"2025-06-01T10:00:00Z\"}", record.value());
            }
            assertEquals(plain.toString(), header(records.get(0), CloudEventHeaders.ID));
            assertEquals("dev-1", header(records.get(0), CloudEventHeaders.SUBJECT), "subject defaults to the key");
            assertEquals(withSubject.toString(), header(records.get(1), CloudEventHeaders.ID));
            assertEquals("connections/c-9", header(records.get(1), CloudEventHeaders.SUBJECT));
        }
    }

    @Test
    void aTombstoneIsPublishedAsANullValueAfterTheKeysEarlierEventsWithItsCloudEventId() {
        relay(fast(), producers()).start();
        UUID changed = publishCommitted("plan:p1", new Reading("p1", 1, Instant.parse("2025-06-01T10:00:00Z")));
        UUID deleted = tx.required(() -> outbox.publishTombstone(CHANNEL, "plan:p1", "p1", "test.entity-deleted.v1"));

        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(2, Duration.ofSeconds(30));
            assertEquals(List.of(changed.toString(), deleted.toString()), idsByKey(records).get("plan:p1"), "in order");
            ConsumerRecord<String, String> tombstone = records.get(1);
            assertEquals("plan:p1", tombstone.key());
            assertEquals(null, tombstone.value(), "a tombstone: the key with a null value");
            assertEquals("test.entity-deleted.v1", header(tombstone, CloudEventHeaders.TYPE));
            assertEquals("p1", header(tombstone, CloudEventHeaders.SUBJECT));
            assertEquals(null, header(tombstone, CloudEventHeaders.CONTENT_TYPE), "no content, no content type");
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        relay(fast(), producers()).start();
        UUID[] rolledBack = new UUID[1];
        assertThrows(IllegalStateException.class, () -> tx.required(() -> {
            rolledBack[0] = outbox.publish(CHANNEL, "dev-r", READING, new Reading("dev-r", 1, Instant.now()));
            throw new IllegalStateException("business rule failed after publishing");
        }));
        UUID marker = publishCommitted("dev-r", new Reading("dev-r", 2, Instant.now()));

        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(
                    read -> read.stream().anyMatch(r -> marker.toString().equals(header(r, CloudEventHeaders.ID))),
                    Duration.ofSeconds(30));
            assertEquals(List.of(marker.toString()),
                    records.stream().map(r -> header(r, CloudEventHeaders.ID)).toList());
        }
        assertEquals(0, db.queryLong("select count(*) from hop_outbox where id = ?", rolledBack[0]));
    }

    @Test
    void perKeyOrderIsTheCommitOrderEvenWithConcurrentPublishersOfTheSameKey() throws Exception {
        relay(fast(), producers()).start();
        // Each transaction publishes first and takes its position in the key's commit order afterwards; the
        // position therefore reflects the commit order, and Kafka must show the events of a key in that order.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String key = "hot-" + (i % 3);
            work.add(pool.submit(() -> tx.required(() -> {
                UUID id = outbox.publish(CHANNEL, key, READING, new Reading(key, 1, Instant.now()));
                long position = nextPosition(tx.dataSource(), key);
                TestDatabase.update(tx.dataSource(),
                        "insert into test_commit_order (event_key, token, position) values (?, ?, ?)", key,
                        id.toString(), position);
                return null;
            })));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();

        Map<String, List<String>> commitOrder = new LinkedHashMap<>();
        for (String key : List.of("hot-0", "hot-1", "hot-2")) {
            commitOrder.put(key, db.queryStrings(
                    "select token from test_commit_order where event_key = ? order by position", key));
        }
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(120, Duration.ofSeconds(60));
            Map<String, List<String>> kafkaOrder = idsByKey(records);
            for (String key : commitOrder.keySet()) {
                assertEquals(commitOrder.get(key), kafkaOrder.get(key), "order of " + key);
            }
        }
    }

    @Test
    void twoRelaysRunningAtOncePublishEachEventExactlyOnce() throws Exception {
        relay(fast(), producers()).start();
        relay(fast(), producers()).start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<UUID>> published = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "dev-" + (i % 7);
            published.add(pool.submit(() -> publishCommitted(key, new Reading(key, 7, Instant.now()))));
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Future<UUID> f : published) {
            ids.add(f.get().toString());
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> db.queryLong("select count(*) from hop_outbox where sent_at is null") == 0);
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readToEnd(Duration.ofSeconds(30));
            List<String> seen = records.stream().map(r -> header(r, CloudEventHeaders.ID)).toList();
            assertEquals(200, seen.size(), "no event twice");
            assertEquals(ids, Set.copyOf(seen));
        }
    }

    @Test
    void whenTheLeadersDatabaseSessionEndsAnotherRelayTakesOverAndTheFormerLeaderStopsPublishing() throws Exception {
        // The first relay on connections of its own (no pool), so that its session can be ended from outside.
        OutboxRelay first = new OutboxRelay(unpooledDataSource(), producers(), fast(), Clock.systemUTC(),
                new SimpleMeterRegistry());
        relays.add(first);
        OutboxRelay second = relay(fast(), producers());
        publishCommitted("dev-l", new Reading("dev-l", 1, Instant.now()));
        assertEquals(1, first.relayOnce().published());
        assertFalse(second.relayOnce().lockHeld(), "one relay at a time");

        // The leader's session ends (a failover, a cut connection): its advisory lock goes with it.
        assertEquals(1, db.queryLong("""
                select count(pg_terminate_backend(pid)) from pg_locks
                 where locktype = 'advisory' and classid::bigint = ? and objid = 0 and objsubid = 2 and granted
                   and database = (select oid from pg_database where datname = current_database())""",
                (long) OutboxStore.LOCK_CLASS_RELAY));
        UUID next = publishCommitted("dev-l", new Reading("dev-l", 2, Instant.now()));
        OutboxRelay.Pass takeover = await().atMost(Duration.ofSeconds(10))
                .until(second::relayOnce, OutboxRelay.Pass::lockHeld);
        assertEquals(1, takeover.published());
        assertEquals(1, db.queryLong("select count(*) from hop_outbox where id = ? and sent_at is not null", next));
        OutboxRelay.Pass former = first.relayOnce();
        assertFalse(former.lockHeld(), "the former leader sees its session gone and does not lead any more");
    }

    /** Connections straight from the driver, on this test's database. */
    static javax.sql.DataSource unpooledDataSource() throws java.sql.SQLException {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        try (java.sql.Connection connection = db.rawDataSource().getConnection()) {
            dataSource.setURL(connection.getMetaData().getURL());
            dataSource.setUser(connection.getMetaData().getUserName());
        }
        dataSource.setPassword(io.hop.testing.infra.Infrastructure.get().postgres().password());
        return dataSource;
    }

    @Test
    void aFailedSendLeavesTheEventUnsentAndALaterPassPublishesIt() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        OutboxRelay relay = relay(fast(), () -> failingFirst(newProducer(), failuresLeft));
        UUID id = publishCommitted("dev-f", new Reading("dev-f", 3, Instant.now()));

        OutboxRelay.Pass first = relay.relayOnce();
        assertEquals(1, first.failed());
        assertEquals(0, first.published());
        assertEquals(1, db.queryLong("select attempts from hop_outbox where id = ? and sent_at is null", id));
        assertTrue(db.queryStrings("select last_error from hop_outbox where id = ?", id).get(0)
                .contains("broker unreachable"));

        relay.start(); // retries with back-off until the producer works again
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(1, Duration.ofSeconds(30));
            assertEquals(id.toString(), header(records.get(0), CloudEventHeaders.ID));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.queryLong("select count(*) from hop_outbox where id = ? and sent_at is not null", id) == 1);
    }

    @Test
    void anUnreachableBrokerIsTriedOncePerTopicAndPassAndNeverParksAnEvent() {
        // Nothing listens on port 1 of the loopback interface: every send waits max.block.ms for metadata.
        AtomicInteger sends = new AtomicInteger();
        OutboxRelay relay = relay(fast().withMaxAttempts(1), () -> counting(new KafkaProducer<>(
                OutboxRelayService.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
                        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "400"), "outbox-test-down"),
                new StringSerializer(), new StringSerializer()), sends));
        for (int i = 0; i < 5; i++) {
            String key = "dev-d" + i; // five keys: each would be tried if the topic were not given up for the pass
            publishCommitted(key, new Reading(key, i, Instant.now()));
        }

        OutboxRelay.Pass pass = relay.relayOnce();

        assertEquals(0, pass.published());
        assertEquals(1, sends.get(), "one blocked send per topic and pass, not one per event");
        assertTrue(pass.brokerFailing(), "the relay pauses as a whole");
        assertEquals(5, db.queryLong("select count(*) from hop_outbox where sent_at is null"));
        assertEquals(1, db.queryLong("select count(*) from hop_outbox where attempts = 1"), "only the tried one");
        assertEquals(0, db.queryLong("select count(*) from hop_outbox where parked_at is not null"),
                "a retriable failure is never parked, even past max-attempts");
        assertEquals(0, pass.parked());
    }

    @Test
    void aProducerClosedUnderTheRelayIsReplacedAndPublishingResumes() {
        AtomicInteger made = new AtomicInteger();
        OutboxRelay relay = relay(fast(), () -> {
            Producer<String, String> producer = newProducer();
            if (made.getAndIncrement() == 0) {
                producer.close(); // send() now throws IllegalStateException: the producer is unusable for good
            }
            return producer;
        });
        UUID id = publishCommitted("dev-c", new Reading("dev-c", 1, Instant.now()));

        relay.start();
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(1, Duration.ofSeconds(30));
            assertEquals(id.toString(), header(records.get(0), CloudEventHeaders.ID));
        }
        assertEquals(2, made.get(), "a new producer after the fatal error");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.queryLong(
                "select count(*) from hop_outbox where id = ? and sent_at is not null and attempts = 0", id) == 1);
    }

    @Test
    void aProducerFencedOrOutOfSequenceIsReplacedWithoutChargingTheEventAnAttempt() {
        AtomicInteger made = new AtomicInteger();
        OutboxRelay relay = relay(fast().withMaxAttempts(1), () -> made.getAndIncrement() == 0
                ? failingFirst(newProducer(), new AtomicInteger(1),
                        new OutOfOrderSequenceException("out of order sequence (test)"))
                : newProducer());
        UUID id = publishCommitted("dev-o", new Reading("dev-o", 1, Instant.now()));

        OutboxRelay.Pass failed = relay.relayOnce();
        assertEquals(1, failed.failed());
        assertEquals(0, failed.parked(), "a producer failure is not the event's");
        assertEquals(0, db.queryLong("select attempts from hop_outbox where id = ?", id));

        OutboxRelay.Pass next = relay.relayOnce();
        assertEquals(1, next.published());
        assertEquals(2, made.get());
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            assertEquals(id.toString(), header(reader.readAtLeast(1, Duration.ofSeconds(30)).get(0),
                    CloudEventHeaders.ID));
        }
    }

    @Test
    void theCommitWakesTheRelaySoPublishingDoesNotWaitForThePoll() {
        OutboxRelay relay = relay(fast().withPollInterval(Duration.ofHours(1)), producers());
        relay.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.pending() == 0);

        UUID id = publishCommitted("dev-w", new Reading("dev-w", 5, Instant.now()));
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            List<ConsumerRecord<String, String>> records = reader.readAtLeast(1, Duration.ofSeconds(15));
            assertEquals(id.toString(), header(records.get(0), CloudEventHeaders.ID));
        }
    }

    @Test
    void sentEventsAreDeletedOnceTheirRetentionHasPassed() {
        OutboxRelay relay = relay(fast().withRetention(Duration.ZERO), producers());
        UUID id = publishCommitted("dev-p", new Reading("dev-p", 9, Instant.now()));
        assertEquals(1, relay.relayOnce().published());
        // sent in the pass above; the next pass purges what was sent before it
        relay.relayOnce();
        assertEquals(0, db.queryLong("select count(*) from hop_outbox where id = ?", id));

        relay.close(); // gives up the leadership, which a relay otherwise keeps from pass to pass

        OutboxRelay keeping = relay(fast(), producers());
        UUID kept = publishCommitted("dev-p", new Reading("dev-p", 10, Instant.now()));
        keeping.relayOnce();
        keeping.relayOnce();
        assertEquals(1, db.queryLong("select count(*) from hop_outbox where id = ? and sent_at is not null", kept));
    }

    @Test
    void publishingOutsideATransactionOrToAnUnknownChannelIsRefused() {
        Reading reading = new Reading("d", 1, Instant.now());
        assertThrows(IllegalStateException.class, () -> outbox.publish(CHANNEL, "d", READING, reading));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> tx.required(() -> outbox.publish("no-such-channel", "d", READING, reading)));
        assertTrue(unknown.getMessage().contains("hop.topics.\"no-such-channel\""), unknown.getMessage());
        assertEquals(0, db.queryLong("select count(*) from hop_outbox"));
        assertFalse(tx.isActive());
    }

    /** The key's next position, taken in the caller's transaction (the counter row stays locked until commit). */
    private static long nextPosition(javax.sql.DataSource dataSource, String key) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement upsert = connection.prepareStatement("""
                        insert into test_key_counter (event_key, position) values (?, 1)
                        on conflict (event_key) do update set position = test_key_counter.position + 1
                        returning position""")) {
            upsert.setString(1, key);
            try (java.sql.ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The real producer, except that its first sends fail as when the broker is unreachable. */
    private static Producer<String, String> failingFirst(Producer<String, String> real, AtomicInteger failures) {
        return failingFirst(real, failures, new TimeoutException("broker unreachable (test)"));
    }

    /** The real producer, except that its first sends fail with {@code error}. */
    @SuppressWarnings("unchecked")
    private static Producer<String, String> failingFirst(Producer<String, String> real, AtomicInteger failures,
            Exception error) {
        return (Producer<String, String>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && failures.getAndDecrement() > 0) {
                        return CompletableFuture.failedFuture(error);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The real producer, counting its sends. */
    @SuppressWarnings("unchecked")
    private static Producer<String, String> counting(Producer<String, String> real, AtomicInteger sends) {
        return (Producer<String, String>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send")) {
                        sends.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
