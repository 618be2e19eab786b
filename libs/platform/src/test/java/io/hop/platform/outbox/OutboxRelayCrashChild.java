package io.hop.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Runs in a JVM of its own (started by {@link OutboxRelayCrashTest}): one relay pass against the given database and
 * broker. Once Kafka has acknowledged the pass's rows, and before they are marked sent, it prints
 * {@code ACKED <ce_id>...} on stdout and blocks, waiting for the SIGKILL.
 *
 * <p>Arguments: JDBC URL, user, password, Kafka bootstrap servers.
 */
public final class OutboxRelayCrashChild {

    public static final String ACKED = "ACKED";

    private OutboxRelayCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(args[2]);
        Map<String, Object> producerConfig = OutboxRelayService.producerConfig(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[3]), Map.of(), "outbox-crash-child");
        OutboxRelay relay = new OutboxRelay(dataSource,
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer()),
                OutboxRelay.Options.defaults().withSendTimeout(Duration.ofSeconds(30)), Clock.systemUTC(),
                new SimpleMeterRegistry());
        CountDownLatch never = new CountDownLatch(1);
        relay.onAcknowledged(rows -> {
            StringBuilder line = new StringBuilder(ACKED);
            rows.forEach(row -> line.append(' ').append(row.id()));
            System.out.println(line);
            System.out.flush();
            try {
                never.await(); // until SIGKILL: the rows stay unmarked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the crash test should have killed this JVM");
        });
        relay.relayOnce();
        System.exit(3); // nothing was acknowledged: the parent test fails on the missing ACKED line
    }
}
