package io.hop.platform.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.hop.platform.config.OutboxConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Runs the service's {@link OutboxRelay} from start-up to shutdown, with Kafka producers configured from
 * {@code kafka.*} (plus {@code hop.outbox.producer.*}) and forced to {@code acks=all} and idempotence; the relay
 * makes them (again after a fatal producer error) and closes them.
 */
@ApplicationScoped
public class OutboxRelayService {

    private static final Logger LOG = Logger.getLogger(OutboxRelayService.class);

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final String applicationName;

    private OutboxRelay relay;

    @Inject
    public OutboxRelayService(DataSource dataSource, OutboxConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent event) {
        OutboxConfig outbox = config;
        if (!outbox.relayEnabled()) {
            LOG.info("Outbox relay disabled (hop.outbox.relay-enabled=false)");
            return;
        }
        Map<String, Object> producerConfig = producerConfig(kafkaConfig, outbox.producer(), applicationName);
        OutboxRelay.Options options = OutboxRelay.Options.defaults()
                .withPollInterval(outbox.pollInterval())
                .withBatchSize(outbox.batchSize())
                .withRetention(outbox.retention())
                .withBackoff(outbox.initialBackoff(), outbox.maxBackoff())
                .withMaxAttempts(outbox.maxAttempts());
        // The relay owns the producer's life cycle: it makes a new one after a fatal producer error.
        relay = new OutboxRelay(dataSource,
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer()), options,
                Clock.systemUTC(), registry);
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    /** Starts a relay pass now; called after a transaction that published events has committed. */
    public void wake() {
        OutboxRelay current = relay;
        if (current != null) {
            current.wake();
        }
    }

    /**
     * The relay's producer configuration: the producer-relevant {@code kafka.*} entries (bootstrap servers,
     * security...), then {@code hop.outbox.producer.*}, then what the outbox's guarantees need.
     */
    static Map<String, Object> producerConfig(Map<String, Object> kafka, Map<String, String> overrides,
            String applicationName) {
        Set<String> known = ProducerConfig.configNames();
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (known.contains(key) && !key.endsWith(".serializer")) {
                config.put(key, value);
            }
        });
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putAll(overrides);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        return config;
    }
}
