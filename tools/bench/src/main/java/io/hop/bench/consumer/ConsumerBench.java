package io.hop.bench.consumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.hop.contracts.CloudEventHeaders;
import io.hop.platform.messaging.Backoff;
import io.hop.platform.messaging.BatchConsumer;
import io.hop.platform.messaging.ConsumerMonitor;
import io.hop.platform.messaging.DeadLetters;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.schema.LibrarySchema;
import io.hop.platform.tx.DataAccessException;
import io.hop.platform.tx.LocalTransactions;
import io.hop.testing.infra.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code bin/bench consumer}: fills a fresh topic with small CloudEvents, then reads it three times in the same run:
 * a bare {@link KafkaConsumer} that only counts (the reference), and the platform's {@link BatchConsumer} applying
 * every event to PostgreSQL exactly once, in its two modes: {@code INBOX} (one row per event in a table, deduplicated
 * by the inbox with one statement per batch) and {@code OFFSETS_IN_DATABASE} (per-key totals, offsets committed with
 * them). The reference runs as many consumers of one group as the platform's run, after an unmeasured warm-up read.
 * Both modes are printed against it; the summary line (last) is the offsets-in-database mode, the one for hot topics.
 *
 * <p>Arguments: {@code [records] [partitions] [max.poll.records] [instances] [modes]}, default 1,000,000, 6, 5000, 3,
 * both modes. {@code instances} batch consumers of one group share the partitions (a service's consumer threads),
 * so that one batch's database work overlaps with another's parsing.
 */
public final class ConsumerBench {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private ConsumerBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int maxPoll = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String modes = args.length > 4 ? args[4] : "INBOX,OFFSETS_IN_DATABASE";
        Infrastructure infra = Infrastructure.get();
        String bootstrap = infra.kafkaBootstrapServers();
        String topic = "bench.consumer." + UUID.randomUUID();

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                    new NewTopic(topic + ".dlq", 1, (short) 1))).all().get();
        }
        try {
            fill(bootstrap, topic, records);

            Map<String, Object> fetch = fetchConfig(bootstrap, maxPoll);
            // Not measured: warms the JIT and the page cache, so that the reference does not pay for them alone.
            bareConsumers(fetch, topic, records, instances);
            double reference = bareConsumers(fetch, topic, records, instances);
            log("reference: %d bare KafkaConsumers of one group %,.0f records/s", instances, reference);

            Infrastructure.Database database = infra.createDatabase("bench_consumer");
            try (AgroalDataSource pool = pool(database)) {
                LibrarySchema.PLATFORM.migrate(pool);
                try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
                    ddl.execute("create table bench_event (event_id text not null, event_key text not null, "
                            + "amount bigint not null)");
                    ddl.execute("create table bench_total (event_key text primary key, events bigint not null, "
                            + "amount bigint not null)");
                }
                double inbox = !modes.contains("INBOX") ? 0
                        : platform(pool, fetch, topic, records, maxPoll, instances, BatchConsumer.Mode.INBOX);
                log("platform batch consumer, inbox mode: %,.0f records/s (%d rows, %d distinct)", inbox,
                        count(pool, "select count(*) from bench_event"),
                        count(pool, "select count(distinct event_id) from bench_event"));
                double offsets = !modes.contains("OFFSETS") ? 0
                        : platform(pool, fetch, topic, records, maxPoll, instances, BatchConsumer.Mode.OFFSETS_IN_DATABASE);
                log("platform batch consumer, offsets-in-database mode: %,.0f records/s (totals: %d events)",
                        offsets, count(pool, "select sum(events) from bench_total"));
                log("RSS of the benchmark JVM: %d MiB", rssMib());
                System.out.printf("consumer (inbox mode): %.0f records/s; reference %.0f records/s; ratio %.2f%n",
                        inbox, reference, inbox / reference);
                // The summary line: the mode made for hot topics (usage records), exactly once without an inbox row.
                System.out.printf("consumer: %.0f records/s; reference %.0f records/s; ratio %.2f%n", offsets,
                        reference, offsets / reference);
            } finally {
                infra.dropDatabase(database);
            }
        } finally {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.deleteTopics(List.of(topic, topic + ".dlq")).all().get();
            }
        }
    }

    private static void fill(String bootstrap, String topic, int records) throws Exception {
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024), new StringSerializer(), new StringSerializer())) {
            java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
            byte[] type = "usage.recorded.v1".getBytes(StandardCharsets.UTF_8);
            byte[] source = "/hop/bench".getBytes(StandardCharsets.UTF_8);
            byte[] spec = "1.0".getBytes(StandardCharsets.UTF_8);
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < records; i++) {
                String key = "device-" + (i % 1000);
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key,
                        "{\"device\":\"" + key + "\",\"bytes\":" + (i % 997) + "}");
                record.headers().add(CloudEventHeaders.SPEC_VERSION, spec);
                record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.TYPE, type);
                record.headers().add(CloudEventHeaders.SOURCE, source);
                record.headers().add(CloudEventHeaders.TIME,
                        t0.plusMillis(i).toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("could not fill the topic", failure.get());
            }
        }
        log("filled %s with %,d CloudEvents in %.1f s", topic, records, (System.nanoTime() - start) / 1e9);
    }

    /** The fetch settings both consumers use, so that the comparison is about what happens after the poll. */
    public static Map<String, Object> fetchConfig(String bootstrap, int maxPoll) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPoll);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        return config;
    }

    /** {@code instances} bare consumers of one new group, as many threads as the platform's run gets; records/s. */
    public static double bareConsumers(Map<String, Object> fetch, String topic, int records, int instances)
            throws InterruptedException {
        String group = "bench-bare-" + UUID.randomUUID();
        AtomicLong read = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + LIMIT.toNanos();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Thread thread = new Thread(() -> {
                Map<String, Object> config = new HashMap<>(fetch);
                config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
                config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                        new StringDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (read.get() < records && System.nanoTime() < deadline) {
                        ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                        read.addAndGet(batch.count());
                        if (!batch.isEmpty()) {
                            consumer.commitSync();
                        }
                    }
                }
            }, "bench-bare-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return read.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static double platform(AgroalDataSource pool, Map<String, Object> fetch, String topic, int records,
            int maxPoll, int instances, BatchConsumer.Mode mode) throws Exception {
        LocalTransactions transactions = new LocalTransactions(pool);
        DataSource tx = transactions.dataSource();
        AtomicLong applied = new AtomicLong();
        BatchConsumer.Handler handler = mode == BatchConsumer.Mode.INBOX
                ? events -> {
                    insertEvents(tx, events);
                    transactions.afterCommit(() -> applied.addAndGet(events.size()));
                }
                : events -> {
                    addTotals(tx, events);
                    transactions.afterCommit(() -> applied.addAndGet(events.size()));
                };
        String name = "bench." + mode.name().toLowerCase(java.util.Locale.ROOT);
        long start = System.nanoTime();
        String group = name + "-" + UUID.randomUUID();
        List<BatchConsumer> consumers = new java.util.ArrayList<>();
        try (KafkaProducer<String, String> dlq = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fetch.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < instances; i++) {
                BatchConsumer consumer = new BatchConsumer(
                        new BatchConsumer.Settings(name, name, group, topic, mode, maxPoll, Backoff.defaults(), 5),
                        fetch, tx, transactions, new DeadLetters(dlq, Duration.ofSeconds(10)),
                        new ConsumerMonitor(new SimpleMeterRegistry()), handler);
                consumers.add(consumer);
                consumer.start();
            }
            long deadline = start + LIMIT.toNanos();
            while (applied.get() < records && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            consumers.forEach(BatchConsumer::close);
        }
        long done = applied.get();
        if (done < records) {
            log("%s: only %,d of %,d records within %s", mode, done, records, LIMIT);
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static void insertEvents(DataSource dataSource, List<IncomingEvent> events) throws SQLException {
        String[] ids = new String[events.size()];
        String[] keys = new String[events.size()];
        Long[] amounts = new Long[events.size()];
        for (int i = 0; i < ids.length; i++) {
            IncomingEvent event = events.get(i);
            ids[i] = event.id();
            keys[i] = event.key();
            amounts[i] = amount(event.data());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into bench_event (event_id, event_key, amount) "
                                + "select * from unnest(?::text[], ?::text[], ?::bigint[])")) {
            insert.setArray(1, connection.createArrayOf("text", ids));
            insert.setArray(2, connection.createArrayOf("text", keys));
            insert.setArray(3, connection.createArrayOf("int8", amounts));
            insert.executeUpdate();
        }
    }

    private static void addTotals(DataSource dataSource, List<IncomingEvent> events) throws SQLException {
        Map<String, long[]> totals = new TreeMap<>();
        for (IncomingEvent event : events) {
            long[] total = totals.computeIfAbsent(event.key(), k -> new long[2]);
            total[0]++;
            total[1] += amount(event.data());
        }
        String[] keys = totals.keySet().toArray(String[]::new);
        Long[] counts = new Long[keys.length];
        Long[] amounts = new Long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            counts[i] = totals.get(keys[i])[0];
            amounts[i] = totals.get(keys[i])[1];
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into bench_total (event_key, events, amount)
                        select * from unnest(?::text[], ?::bigint[], ?::bigint[])
                        on conflict (event_key) do update set events = bench_total.events + excluded.events,
                                                              amount = bench_total.amount + excluded.amount""")) {
            upsert.setArray(1, connection.createArrayOf("text", keys));
            upsert.setArray(2, connection.createArrayOf("int8", counts));
            upsert.setArray(3, connection.createArrayOf("int8", amounts));
            upsert.executeUpdate();
        }
    }

    /** The "bytes" of {"device":"...","bytes":N}: read without a JSON tree, as a hot path would. */
    private static long amount(String data) {
        int at = data.lastIndexOf(':');
        long value = 0;
        for (int i = at + 1; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static AgroalDataSource pool(Infrastructure.Database database) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp
                        .maxSize(8)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(cf -> cf
                                .jdbcUrl(database.jdbcUrl())
                                .principal(new NamePrincipal(database.user()))
                                .credential(new SimplePassword(database.password())))));
    }

    public static long count(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public static long rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }

    private static void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
