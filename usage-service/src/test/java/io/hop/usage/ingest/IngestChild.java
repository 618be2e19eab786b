package io.hop.usage.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageRecorded;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.Backoff;
import io.hop.platform.messaging.BatchConsumer;
import io.hop.platform.messaging.ConsumerMonitor;
import io.hop.platform.messaging.DeadLetters;
import io.hop.platform.messaging.FoldingConsumer;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.tx.LocalTransactions;
import io.hop.usage.counter.CounterStore;
import io.hop.usage.counter.UsageFacts;
import io.hop.usage.alert.AlertEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The consuming side of {@link IngestKillTest}, in a JVM of its own: the service's ingest pipeline
 * ({@link UsageIngestion#folding}) under the platform's {@link FoldingConsumer}, as the service runs it but with
 * windows of at most 100 ms, and the alert engine (alerts go to the outbox table; no relay runs here), printing
 * {@code applied <n>} after each committed window. Every device has a plan of {@link IngestKillTest#LIMIT} bytes
 * (calendar month).
 * Arguments: bootstrap servers, topic, group, JDBC URL, user, password.
 */
public final class IngestChild {

    private IngestChild() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(args[3]);
        pg.setUser(args[4]);
        pg.setPassword(args[5]);
        LocalTransactions transactions = new LocalTransactions(pg);
        PlanChanged plan = new PlanChanged("op", "plan-kill", "Kill", IngestKillTest.LIMIT, true, null, null, null,
                null, 1, Instant.now());
        PlanLookup plans = (operator, device) -> Optional.of(plan);
        Outbox outbox = new Outbox(transactions.dataSource(), transactions, PlatformJson.mapper(),
                Map.of(Channels.USAGE_ALERTS, "usage.alerts.v1"), "/hop/usage-service", Clock.systemUTC(), () -> {
                });
        CounterStore counters = new CounterStore(new AlertEngine(plans, outbox, (o, d, t, u) -> {
        }, Clock.systemUTC()));
        UsageIngestion ingestion = new UsageIngestion(transactions.dataSource(), plans, counters, Clock.systemUTC());
        AtomicLong applied = new AtomicLong();
        FoldingConsumer.Folding<UsageRecorded, UsageFacts> folding = ingestion.folding(
                records -> System.out.println("applied " + applied.addAndGet(records)));
        KafkaProducer<String, String> dlq = new KafkaProducer<>(Map.of("bootstrap.servers", args[0]),
                new StringSerializer(), new StringSerializer());
        // short windows, so that the test can kill the JVM between two of them and in the middle of one
        FoldingConsumer<UsageRecorded, UsageFacts> consumer = new FoldingConsumer<>(new BatchConsumer.Settings(
                "usage-records", "usage-service.usage-records", args[2], args[1],
                BatchConsumer.Mode.OFFSETS_IN_DATABASE, 500, Backoff.defaults(), 5),
                new FoldingConsumer.Window(Duration.ofMillis(100), 2000), Map.of("bootstrap.servers", args[0]),
                transactions.dataSource(), transactions, new DeadLetters(dlq, Duration.ofSeconds(10)),
                new ConsumerMonitor(new SimpleMeterRegistry()), folding);
        consumer.start();
        System.out.println("started");
        // Exit when the test JVM goes away (stdin closes), so that no child outlives it.
        while (System.in.read() >= 0) {
            // wait
        }
        consumer.close();
        List.of(dlq).forEach(KafkaProducer::close);
    }
}
