package io.hop.usage.ingest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.contracts.Channels;
import io.hop.platform.messaging.BatchConsumers;
import io.hop.platform.messaging.FoldingConsumer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes {@code usage.records.v1} with the platform's {@link FoldingConsumer}: records are folded per device, hour,
 * interface and label across polls, and each window (at most {@code hop.usage.records.window}, 2 s, or
 * {@code hop.usage.records.window-max-facts} distinct facts, or until the consumer has caught up) is one transaction
 * holding the counters, alerts, history and offsets. Counters and alerts therefore lag the topic by at most a window.
 */
@ApplicationScoped
public class UsageRecordsConsumer {

    void start(@Observes StartupEvent event, BatchConsumers batchConsumers, UsageIngestion ingestion,
            MeterRegistry registry,
            @ConfigProperty(name = "hop.topics.\"usage-records\"") String topic,
            @ConfigProperty(name = "hop.usage.records.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "hop.usage.records.max-poll-records", defaultValue = "5000") int maxPollRecords,
            @ConfigProperty(name = "hop.usage.records.consumers", defaultValue = "2") int consumers,
            @ConfigProperty(name = "hop.usage.records.window", defaultValue = "2s") Duration window,
            @ConfigProperty(name = "hop.usage.records.window-max-facts", defaultValue = "100000") int maxFacts) {
        if (enabled) {
            Counter counted = Counter.builder("hop.usage.records.counted")
                    .description("usage records from usage.records.v1 committed to the counters").register(registry);
            batchConsumers.startFolding(Channels.USAGE_RECORDS, topic, maxPollRecords, consumers,
                    new FoldingConsumer.Window(window, maxFacts), ingestion.folding(counted::increment));
        }
    }
}
