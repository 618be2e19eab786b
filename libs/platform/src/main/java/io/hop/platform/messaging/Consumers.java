package io.hop.platform.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.platform.config.ConsumersConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * What an {@code @Incoming @Blocking} method calls for each record: applies it once through the {@link Inbox},
 * dead-letters it when it is bad, retries in place while the database is down ({@link RecordProcessor}).
 *
 * <pre>{@code
 * @Incoming(Channels.PROVISIONING_CHANGES) @Blocking
 * public void onChange(ConsumerRecord<String, String> record) {
 *     consumers.consume(Channels.PROVISIONING_CHANGES, record, operators::applyIfOperatorChange);
 * }
 * }</pre>
 * The inbox identity of a channel (and the consumer named on its dead letters) is {@code <application>.<channel>},
 * like its consumer group, so that two channels reading one topic each apply every event.
 */
@ApplicationScoped
public class Consumers {

    private final Inbox inbox;
    private final ConsumersConfig config;
    private final Map<String, Object> kafkaConfig;
    private final String applicationName;
    private final ConsumerMonitor monitor;
    private volatile Producer<String, String> producer;
    private volatile RecordProcessor processor;
    private volatile DeadLetters deadLetters;

    @Inject
    public Consumers(Inbox inbox, ConsumersConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.inbox = inbox;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.applicationName = applicationName;
        this.monitor = new ConsumerMonitor(registry);
    }

    /**
     * Applies {@code record} with {@code handler} (in one transaction with the inbox row), at most once for this
     * channel. Returns when it is applied, was already, or is on the dead-letter topic; blocks (retrying) while a
     * transient failure lasts. A tombstone reaches the handler as an event with {@link IncomingEvent#tombstone()}.
     */
    public RecordProcessor.Outcome consume(String channel, ConsumerRecord<String, String> record,
            Consumer<IncomingEvent> handler) {
        return processor().process(channel, consumerName(channel), record, handler);
    }

    /** The inbox identity of a channel: {@code <application>.<channel>}. */
    public String consumerName(String channel) {
        return applicationName + "." + channel;
    }

    public ConsumerMonitor monitor() {
        return monitor;
    }

    /** The dead-letter sender of this service (one producer for all its channels). */
    DeadLetters deadLetters() {
        processor();
        return deadLetters;
    }

    private RecordProcessor processor() {
        RecordProcessor current = processor;
        if (current == null) {
            synchronized (this) {
                if (processor == null) {
                    producer = new KafkaProducer<>(deadLetterProducerConfig(kafkaConfig, applicationName),
                            new StringSerializer(), new StringSerializer());
                    deadLetters = new DeadLetters(producer, config.deadLetterTimeout());
                    processor = new RecordProcessor(inbox, deadLetters,
                            monitor, new Backoff(config.initialBackoff(), config.maxBackoff()),
                            config.maxUnknownAttempts());
                }
                current = processor;
            }
        }
        return current;
    }

    /** The producer-relevant {@code kafka.*} entries (bootstrap servers, security), with acks=all. */
    static Map<String, Object> deadLetterProducerConfig(Map<String, Object> kafka, String applicationName) {
        Set<String> known = ProducerConfig.configNames();
        Map<String, Object> producerConfig = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (known.contains(key) && !key.endsWith(".serializer")) {
                producerConfig.put(key, value);
            }
        });
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-dlq");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return producerConfig;
    }

    @PreDestroy
    void close() {
        Producer<String, String> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
