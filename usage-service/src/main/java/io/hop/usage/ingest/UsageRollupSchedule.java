package io.hop.usage.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.usage.counter.UsageRollup;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs the roll-up of pending usage every {@code hop.usage.rollup.every} (default 1 s) until nothing is pending: the
 * counters, the alerts and {@code GET /v1/devices/{deviceId}/usage} lag the Kafka records by about that much.
 * {@code hop.usage.rollup.enabled=false} turns it off on a replica.
 */
@ApplicationScoped
public class UsageRollupSchedule {

    private final UsageRollup rollup;
    private final boolean enabled;

    UsageRollupSchedule(UsageRollup rollup,
            @ConfigProperty(name = "hop.usage.rollup.enabled", defaultValue = "true") boolean enabled) {
        this.rollup = rollup;
        this.enabled = enabled;
    }

    @Scheduled(identity = "usage-rollup", every = "${hop.usage.rollup.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rollUp() {
        if (enabled) {
            rollup.rollUpAll();
        }
    }
}
