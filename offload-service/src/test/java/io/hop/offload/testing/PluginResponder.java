package io.hop.offload.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.hop.contracts.plugin.PluginActionCompleted;
import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.testing.kafka.TestEvents;

/**
 * Plays plugin-host's part on Kafka in tests: consumes {@code PluginActionRequested} from the requests topic and, as
 * the test's rule for the request's operator says, publishes a {@code PluginActionCompleted} on the results topic (or
 * stays silent). Every request it saw is kept for assertions.
 */
public final class PluginResponder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String resultsTopic;
    private final Map<String, Function<PluginActionRequested, String>> rules = new ConcurrentHashMap<>();
    private final List<PluginActionRequested> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public PluginResponder(String bootstrap, String requestsTopic, String resultsTopic) {
        this.resultsTopic = resultsTopic;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-plugin-responder-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(requestsTopic));
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        handle(record);
                    }
                }
            }
        }, "plugin-responder");
        thread.setDaemon(true);
        thread.start();
    }

    /** How to answer the operator's requests: the outcome ({@code SUCCESS}, {@code FAILURE}, ...) or null for silence. */
    public void set(String operatorId, Function<PluginActionRequested, String> rule) {
        rules.put(operatorId, rule);
    }

    /** Every request seen so far. */
    public List<PluginActionRequested> seen() {
        return seen;
    }

    public List<PluginActionRequested> seen(String connectionId) {
        return seen.stream().filter(r -> r.connectionId().equals(connectionId)).toList();
    }

    /** Publishes a result as plugin-host would (also for tests that answer late or twice by hand). */
    public void answer(PluginActionRequested r, String outcome) {
        TestEvents.send(resultsTopic, r.connectionId(), PluginEvents.ACTION_COMPLETED,
                new PluginActionCompleted(r.requestId(), r.connectionId(), r.operatorId(), r.deviceId(), r.pluginId(),
                        r.action(), r.attempt(), outcome, "test responder", Instant.now()));
    }

    private void handle(ConsumerRecord<String, String> record) {
        try {
            PluginActionRequested request = JSON.readValue(record.value(), PluginActionRequested.class);
            seen.add(request);
            System.out.println("responder: " + request.action() + " " + request.connectionId() + " attempt "
                    + request.attempt() + " requested at " + request.requestedAt() + ", seen at " + Instant.now());
            Function<PluginActionRequested, String> rule = rules.get(request.operatorId());
            String outcome = rule == null ? null : rule.apply(request);
            if (outcome != null) {
                answer(request, outcome);
            }
        } catch (Exception e) {
            System.err.println("plugin responder: " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
