package io.hop.usage.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.contracts.Channels;
import io.hop.platform.messaging.BatchConsumer;
import io.hop.platform.messaging.BatchConsumers;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes {@code usage.records.v1} with the platform's batch consumer in offsets-in-database mode: each poll (up to
 * {@code hop.usage.records.max-poll-records}) is one transaction holding the counter upserts and the offsets.
 */
@ApplicationScoped
public class UsageRecordsConsumer {

    void start(@Observes StartupEvent event, BatchConsumers batchConsumers, UsageIngestion ingestion,
            @ConfigProperty(name = "hop.topics.\"usage-records\"") String topic,
            @ConfigProperty(name = "hop.usage.records.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "hop.usage.records.max-poll-records", defaultValue = "5000") int maxPollRecords,
            @ConfigProperty(name = "hop.usage.records.consumers", defaultValue = "2") int consumers) {
        if (enabled) {
            batchConsumers.start(Channels.USAGE_RECORDS, topic, BatchConsumer.Mode.OFFSETS_IN_DATABASE,
                    maxPollRecords, consumers, ingestion.handler());
        }
    }
}
