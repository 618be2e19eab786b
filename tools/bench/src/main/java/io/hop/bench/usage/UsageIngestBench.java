package io.hop.bench.usage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;

import io.agroal.api.AgroalDataSource;
import io.hop.bench.consumer.ConsumerBench;
import io.hop.contracts.Channels;
import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageEvents;
import io.hop.contracts.usage.UsageRecorded;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.Backoff;
import io.hop.platform.messaging.BatchConsumer;
import io.hop.platform.messaging.ConsumerMonitor;
import io.hop.platform.messaging.DeadLetters;
import io.hop.platform.messaging.FoldingConsumer;
import io.hop.platform.schema.LibrarySchema;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.tx.LocalTransactions;
import io.hop.testing.infra.Infrastructure;
import io.hop.usage.counter.CounterStore;
import io.hop.usage.counter.UsageFacts;
import io.hop.usage.alert.AlertEngine;
import io.hop.usage.ingest.PlanLookup;
import io.hop.usage.ingest.UsageIngestion;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code bin/bench usage-ingest}: fills a fresh topic with {@code usage.record-reported.v1} CloudEvents (N records
 * over D devices, keyed by device id; 70 % cellular, 20 % Wi-Fi offload, 10 % tethered clients of 4 per device, 5 %
 * roaming), then reads it in the same run with
 * <ul>
 * <li>the reference: bare {@code KafkaConsumer}s of one group that only count (after an unmeasured warm-up read), and</li>
 * <li>usage-service's ingest pipeline, in process: {@link UsageIngestion#folding} (parse, validate, fold per
 * device, hour, interface, client/hotspot and roaming) under the platform's {@link FoldingConsumer}, which folds the
 * records of many polls into one window and writes it (the counters with the {@link AlertEngine}'s alerts into the
 * outbox, the hourly history, the operators' statistics) in one transaction with the consumer offsets, as the
 * service does, against a fresh database migrated with usage-service's own migrations. Every device has a plan of
 * 900,000 bytes (about half of them cross the 5 % step) and 5 % of the records roam, so alerts are raised. The rate is
 * records per second from the start until all N records are in the counters (checked: {@code sum(records)} of
 * {@code usage_counter}).</li>
 * </ul>
 * Not measured: the service's HTTP/Quarkus shell, the plan lookup through the read model (a fixed plan here; in the
 * service {@code DevicePlans} resolves each device once per 30 s) and the outbox relay's publishing of the alerts.
 *
 * <p>Arguments: {@code [records] [devices] [partitions] [max.poll.records] [instances] [window ms] [window facts]},
 * default 1,000,000, 100,000, 6, 5000, 3, and the service's {@code hop.usage.records.window} (2,000 ms) and
 * {@code hop.usage.records.window-max-facts} (100,000).
 */
public final class UsageIngestBench {

    private static final Duration LIMIT = Duration.ofMinutes(5);
    /**
     * Every device's data limit: about 5 % of what the benchmark gives a device on average, so that about half of
     * the devices cross the 5 % step (and 5 % of the records roam): alerts are raised and written to the outbox.
     */
    private static final long LIMIT_BYTES = 900_000;
    private static final long ROLLUP_EVERY_MS = 1000;

    private UsageIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int maxPoll = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int instances = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        // as the service's hop.usage.records.window and window-max-facts
        FoldingConsumer.Window window = new FoldingConsumer.Window(
                Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 2_000),
                args.length > 6 ? Integer.parseInt(args[6]) : 100_000);
        Infrastructure infra = Infrastructure.get();
        String bootstrap = infra.kafkaBootstrapServers();
        String topic = "bench.usage.records." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                    new NewTopic(topic + ".dlq", 1, (short) 1))).all().get();
        }
        try {
            fill(bootstrap, topic, records, devices);
            Map<String, Object> fetch = ConsumerBench.fetchConfig(bootstrap, maxPoll);
            ConsumerBench.bareConsumers(fetch, topic, records, instances);
            double reference = ConsumerBench.bareConsumers(fetch, topic, records, instances);
            log("reference: %d bare KafkaConsumers of one group %,.0f records/s", instances, reference);

            Infrastructure.Database database = infra.createDatabase("bench_usage");
            try (AgroalDataSource pool = ConsumerBench.pool(database)) {
                Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
                LibrarySchema.PLATFORM.migrate(pool);
                double ingest = ingest(pool, fetch, topic, records, maxPoll, instances, window);
                long counted = ConsumerBench.count(pool, "select coalesce(sum(records), 0) from usage_counter");
                log("usage-service ingest pipeline: %,.0f records/s (%,d records in %,d counters, %,d client counters, "
                        + "%,d alerts in the outbox, %,d hourly history rows)", ingest, counted,
                        ConsumerBench.count(pool, "select count(*) from usage_counter"),
                        ConsumerBench.count(pool, "select count(*) from usage_client_counter"),
                        ConsumerBench.count(pool, "select count(*) from hop_outbox"),
                        ConsumerBench.count(pool, "select count(*) from usage_hourly"));
                if (counted != records) {
                    throw new IllegalStateException("counters hold " + counted + " records, not " + records);
                }
                log("RSS of the benchmark JVM: %d MiB", ConsumerBench.rssMib());
                System.out.printf("usage-ingest: %.0f records/s; reference %.0f records/s; ratio %.2f%n", ingest,
                        reference, ingest / reference);
            } finally {
                infra.dropDatabase(database);
            }
        } finally {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.deleteTopics(List.of(topic, topic + ".dlq")).all().get();
            }
        }
    }

    private static void fill(String bootstrap, String topic, int records, int devices) throws Exception {
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024), new StringSerializer(), new StringSerializer())) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            byte[] type = UsageEvents.RECORD_REPORTED.name().getBytes(StandardCharsets.UTF_8);
            byte[] source = "/hop/bench".getBytes(StandardCharsets.UTF_8);
            byte[] spec = "1.0".getBytes(StandardCharsets.UTF_8);
            Instant t0 = Instant.now().minusSeconds(3600);
            for (int i = 0; i < records; i++) {
                String device = "device-" + (i % devices);
                int kind = i % 10;
                String networkInterface = kind < 7 ? "CELLULAR" : kind < 9 ? "WIFI_OFFLOAD" : "TETHERED_CLIENT";
                String client = kind == 9 ? ",\"clientId\":\"client-" + (i / devices % 4) + "\"" : "";
                Instant at = t0.plusMillis(i % 3_600_000);
                String json = "{\"recordId\":\"r-" + i + "\",\"operatorId\":\"bench-operator\",\"deviceId\":\"" + device
                        + "\",\"networkInterface\":\"" + networkInterface + "\"" + client + ",\"periodStart\":\"" + at
                        + "\",\"periodEnd\":\"" + at.plusSeconds(60) + "\",\"bytesUp\":" + (i % 997)
                        + ",\"bytesDown\":" + (i % 7919) + ",\"roaming\":" + (i % 20 == 0) + "}";
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, device, json);
                record.headers().add(CloudEventHeaders.SPEC_VERSION, spec);
                record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.TYPE, type);
                record.headers().add(CloudEventHeaders.SOURCE, source);
                record.headers().add(CloudEventHeaders.TIME, at.toString().getBytes(StandardCharsets.UTF_8));
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
        log("filled %s with %,d usage records over %,d devices in %.1f s", topic, records, devices,
                (System.nanoTime() - start) / 1e9);
    }

    private static double ingest(AgroalDataSource pool, Map<String, Object> fetch, String topic, int records,
            int maxPoll, int instances, FoldingConsumer.Window window) throws Exception {
        LocalTransactions transactions = new LocalTransactions(pool);
        DataSource tx = transactions.dataSource();
        PlanChanged plan = new PlanChanged("bench-operator", "bench-plan", "Bench", LIMIT_BYTES, true, null, null,
                null, null, 1, Instant.now());
        PlanLookup plans = (operator, device) -> Optional.of(plan);
        Outbox outbox = new Outbox(tx, transactions, PlatformJson.mapper(),
                Map.of(Channels.USAGE_ALERTS, "usage.alerts.v1"), "/hop/usage-service", Clock.systemUTC(), () -> {
                });
        CounterStore counters = new CounterStore(new AlertEngine(plans, outbox, (o, d, t, u) -> {
        }, Clock.systemUTC()));
        UsageIngestion ingestion = new UsageIngestion(tx, plans, counters, Clock.systemUTC());
        String group = "bench.usage-" + UUID.randomUUID();
        List<FoldingConsumer<UsageRecorded, UsageFacts>> consumers = new java.util.ArrayList<>();
        AtomicLong counted = new AtomicLong();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> dlq = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fetch.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < instances; i++) {
                FoldingConsumer<UsageRecorded, UsageFacts> consumer = new FoldingConsumer<>(
                        new BatchConsumer.Settings("usage-records", "usage-service.usage-records", group, topic,
                                BatchConsumer.Mode.OFFSETS_IN_DATABASE, maxPoll, Backoff.defaults(), 5),
                        window, fetch, tx, transactions, new DeadLetters(dlq, Duration.ofSeconds(10)),
                        new ConsumerMonitor(metrics), ingestion.folding(counted::addAndGet));
                consumers.add(consumer);
                consumer.start();
            }
            long deadline = start + LIMIT.toNanos();
            while (counted.get() < records && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            consumers.forEach(FoldingConsumer::close);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Timer writes = metrics.find("hop.consumer.window.write").timer();
        DistributionSummary sizes = metrics.find("hop.consumer.window.size").summary();
        if (writes != null && sizes != null) {
            log("%,d windows written: %,.0f facts on average (at most %,.0f), %,.0f ms each on average (at most %,.0f)",
                    writes.count(), sizes.mean(), sizes.max(), writes.mean(TimeUnit.MILLISECONDS),
                    writes.max(TimeUnit.MILLISECONDS));
        }
        if (counted.get() < records) {
            log("only %,d of %,d records within %s", counted.get(), records, LIMIT);
        }
        return counted.get() / seconds;
    }

    private static void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
