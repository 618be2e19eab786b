package io.hop.platform.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.hop.contracts.CloudEventHeaders;
import io.hop.platform.schema.LibrarySchema;
import io.hop.platform.testsupport.TestKafka;
import io.hop.platform.tx.LocalTransactions;
import io.hop.testing.infra.PrivatePostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The database stops for about 10 s in the middle of a stream of events (a PostgreSQL of this test's own: the shared
 * one is never stopped). The record-at-a-time consumer, both batch modes and the folding consumer retry in place;
 * once the database is back every event has been applied exactly once by each, none dead-lettered, and the channels
 * report ready again.
 */
class ConsumerOutageTest {

    private static final int EVENTS = 400;

    private static PrivatePostgres postgres;
    private static AgroalDataSource pool;
    private static LocalTransactions transactions;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() throws SQLException {
        postgres = PrivatePostgres.start();
        pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp
                        .maxSize(10)
                        .acquisitionTimeout(Duration.ofSeconds(2))
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(2))
                        .exceptionSorter(ExceptionSorter.defaultExceptionSorter())
                        .connectionFactoryConfiguration(cf -> cf
                                .jdbcUrl(postgres.jdbcUrl() + "?connectTimeout=2&socketTimeout=10")
                                .principal(new NamePrincipal(postgres.user()))
                                .credential(new SimplePassword(postgres.password())))));
        LibrarySchema.PLATFORM.migrate(pool);
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute(
                    "create table applied (consumer text not null, event_id text not null)");
            connection.createStatement().execute(
                    "create table totals (consumer text not null, key text not null, events bigint not null, "
                            + "primary key (consumer, key))");
        }
        transactions = new LocalTransactions(pool);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void afterTheDatabaseWasDownForTenSecondsEveryEventIsAppliedExactlyOnce() throws Exception {
        String topic = TestKafka.createTopic("outage", 3);
        TestKafka.createTopicNamed(topic + ".dlq", 1);
        ConsumerMonitor monitor = new ConsumerMonitor(new SimpleMeterRegistry());
        DeadLetters deadLetters = new DeadLetters(producer, Duration.ofSeconds(10));
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        DataSource tx = transactions.dataSource();

        // the record-at-a-time path, as SmallRye drives it: one record, then its offset
        RecordProcessor processor = new RecordProcessor(new Inbox(tx, transactions), deadLetters, monitor, backoff, 5);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread single = new Thread(() -> readOneByOne(topic, processor, running), "single-consumer");
        single.start();

        BatchConsumer inbox = new BatchConsumer(
                BatchConsumer.Settings.of("batch-inbox", "batch-inbox", "outage-" + UUID.randomUUID(), topic,
                        BatchConsumer.Mode.INBOX).withMaxPollRecords(50).withBackoff(backoff),
                Map.of("bootstrap.servers", TestKafka.bootstrapServers()), tx, transactions, deadLetters, monitor,
                events -> insertApplied(tx, "batch-inbox", events));
        BatchConsumer aggregating = new BatchConsumer(
                BatchConsumer.Settings.of("batch-offsets", "batch-offsets", "outage-" + UUID.randomUUID(), topic,
                        BatchConsumer.Mode.OFFSETS_IN_DATABASE).withMaxPollRecords(50).withBackoff(backoff),
                Map.of("bootstrap.servers", TestKafka.bootstrapServers()), tx, transactions, deadLetters, monitor,
                events -> addToTotals(tx, "batch-offsets", events));
        FoldingConsumer<IncomingEvent, List<IncomingEvent>> folding = new FoldingConsumer<>(
                BatchConsumer.Settings.of("folding-offsets", "folding-offsets", "outage-" + UUID.randomUUID(), topic,
                        BatchConsumer.Mode.OFFSETS_IN_DATABASE).withMaxPollRecords(50).withBackoff(backoff),
                new FoldingConsumer.Window(Duration.ofMillis(500), 1000),
                Map.of("bootstrap.servers", TestKafka.bootstrapServers()), tx, transactions, deadLetters, monitor,
                countingFolding(tx, "folding-offsets", new AtomicLong()));
        inbox.start();
        aggregating.start();
        folding.start();
        try {
            for (int i = 0; i < EVENTS; i++) {
                if (i == EVENTS / 4) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from applied") > 0);
                    postgres.stopServer();
                }
                if (i == EVENTS / 2) {
                    // the database stays down for ten seconds, and all that time every channel waits and retries
                    await().atMost(Duration.ofSeconds(15)).until(() -> monitor.retrying().size() == 4);
                    await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12))
                            .until(() -> monitor.retrying().size() == 4);
                    postgres.startServer();
                }
                producer.send(event(topic, "key-" + (i % 7), "ev-" + i)).get();
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> count(
                    "select count(*) from applied where consumer = 'single'") >= EVENTS
                    && count("select count(*) from applied where consumer = 'batch-inbox'") >= EVENTS
                    && count("select coalesce(sum(events), 0) from totals where consumer = 'batch-offsets'") >= EVENTS
                    && count("select coalesce(sum(events), 0) from totals where consumer = 'folding-offsets'") >= EVENTS);
            for (String consumer : List.of("single", "batch-inbox")) {
                assertEquals(EVENTS, count("select count(*) from applied where consumer = '" + consumer + "'"));
                assertEquals(EVENTS, count("select count(distinct event_id) from applied where consumer = '"
                        + consumer + "'"), consumer + " applied each event once");
            }
            assertEquals(EVENTS, count("select sum(events) from totals where consumer = 'batch-offsets'"));
            assertEquals(EVENTS, count("select sum(events) from totals where consumer = 'folding-offsets'"));
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.retrying().isEmpty());
            assertEquals(0.0, monitor.deadLetteredCount("single") + monitor.deadLetteredCount("batch-inbox")
                    + monitor.deadLetteredCount("batch-offsets") + monitor.deadLetteredCount("folding-offsets"),
                    "a transient failure is never dead-lettered");
            assertTrue(monitor.retryCount("single") > 0 && monitor.retryCount("batch-inbox") > 0
                    && monitor.retryCount("batch-offsets") > 0 && monitor.retryCount("folding-offsets") > 0,
                    "retries are counted per channel");
        } finally {
            running.set(false);
            inbox.close();
            aggregating.close();
            folding.close();
            single.join(10_000);
        }
    }

    /** Counts events per key into {@code totals}; its folds need the database, as real ones that read do. */
    private static FoldingConsumer.Folding<IncomingEvent, List<IncomingEvent>> countingFolding(DataSource tx,
            String consumer, AtomicLong written) {
        return new FoldingConsumer.Folding<>() {
            @Override
            public IncomingEvent parse(IncomingEvent event) {
                return event;
            }

            @Override
            public List<IncomingEvent> fold(List<IncomingEvent> items) throws SQLException {
                try (Connection connection = tx.getConnection()) {
                    connection.isValid(1);
                }
                return new ArrayList<>(items);
            }

            @Override
            public void merge(List<IncomingEvent> window, List<IncomingEvent> part) {
                window.addAll(part);
            }

            @Override
            public int size(List<IncomingEvent> window) {
                return window.size();
            }

            @Override
            public void write(List<IncomingEvent> window) throws SQLException {
                addToTotals(tx, consumer, window);
            }

            @Override
            public void committed(List<IncomingEvent> window) {
                written.addAndGet(window.size());
            }
        };
    }

    @Test
    void aConsumerJoiningItsGroupWhileTheDatabaseIsDownTakesItsShareOnceTheDatabaseIsBack() throws Exception {
        String topic = TestKafka.createTopic("outage-join", 4);
        String group = "outage-join-" + UUID.randomUUID();
        String name = "folding-join";
        DataSource tx = transactions.dataSource();
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        DeadLetters deadLetters = new DeadLetters(producer, Duration.ofSeconds(10));
        AtomicLong writtenByFirst = new AtomicLong();
        AtomicLong writtenBySecond = new AtomicLong();
        ConsumerMonitor secondMonitor = new ConsumerMonitor(new SimpleMeterRegistry());
        BatchConsumer.Settings settings = BatchConsumer.Settings.of(name, name, group, topic,
                BatchConsumer.Mode.OFFSETS_IN_DATABASE).withMaxPollRecords(50).withBackoff(backoff);
        FoldingConsumer.Window window = new FoldingConsumer.Window(Duration.ofMillis(300), 1000);
        String total = "select coalesce(sum(events), 0) from totals where consumer = '" + name + "'";
        try (FoldingConsumer<IncomingEvent, List<IncomingEvent>> first = new FoldingConsumer<>(settings, window,
                Map.of("bootstrap.servers", TestKafka.bootstrapServers()), tx, transactions, deadLetters,
                new ConsumerMonitor(new SimpleMeterRegistry()), countingFolding(tx, name, writtenByFirst));
                FoldingConsumer<IncomingEvent, List<IncomingEvent>> second = new FoldingConsumer<>(settings, window,
                        Map.of("bootstrap.servers", TestKafka.bootstrapServers()), tx, transactions, deadLetters,
                        secondMonitor, countingFolding(tx, name, writtenBySecond))) {
            first.start();
            for (int i = 0; i < 100; i++) {
                producer.send(event(topic, "key-" + (i % 20), "ev-" + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(total) == 100);

            postgres.stopServer();
            try {
                // the second consumer joins: the group rebalances, and neither can read its partitions' offsets
                second.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> secondMonitor.retrying().containsKey(name));
                for (int i = 100; i < 200; i++) {
                    producer.send(event(topic, "key-" + (i % 20), "ev-" + i)).get();
                }
            } finally {
                postgres.startServer();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> count(total) >= 200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(total) == 200);
        }
        assertEquals(200, writtenByFirst.get() + writtenBySecond.get(), "each event counted once");
        assertTrue(writtenBySecond.get() > 0, "the consumer that joined during the outage took its share");
    }

    private static void readOneByOne(String topic, RecordProcessor processor, AtomicBoolean running) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    processor.process("single", "single", record,
                            event -> insertApplied(transactions.dataSource(), "single", List.of(event)));
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        }
    }

    static ProducerRecord<String, String> event(String topic, String key, String id) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, "{\"n\":1}");
        record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "test.counted.v1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    static void insertApplied(DataSource dataSource, String consumer, List<IncomingEvent> events) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into applied (consumer, event_id) select ?, unnest(?::text[])")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text", events.stream().map(IncomingEvent::id).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new io.hop.platform.tx.DataAccessException(e);
        }
    }

    static void addToTotals(DataSource dataSource, String consumer, List<IncomingEvent> events) throws SQLException {
        Map<String, Long> perKey = new java.util.TreeMap<>();
        events.forEach(e -> perKey.merge(e.key(), 1L, Long::sum));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into totals (consumer, key, events)
                        select ?, k, n from unnest(?::text[], ?::bigint[]) as t(k, n)
                        on conflict (consumer, key) do update set events = totals.events + excluded.events""")) {
            upsert.setString(1, consumer);
            upsert.setArray(2, connection.createArrayOf("text", perKey.keySet().toArray()));
            upsert.setArray(3, connection.createArrayOf("int8", perKey.values().toArray()));
            upsert.executeUpdate();
        }
    }

    private static long count(String sql) {
        try (Connection connection = pool.getConnection();
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
