package io.hop.platform.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.outbox.*}: the relay that publishes committed outbox rows to Kafka. */
@ConfigMapping(prefix = "hop.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay (only one replica relays at a time anyway). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Safety-net poll; the commit of a publishing transaction wakes the relay at once. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Rows published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long sent rows are kept (for diagnosis) before they are deleted. */
    @WithDefault("1h")
    Duration retention();

    /** First wait before a failed event (and its key) is tried again; doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** Longest wait between attempts, and longest pause of the relay while the broker is unreachable. */
    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * Attempts after which an event Kafka rejects for good (too large, invalid, not authorized) is parked: set aside
     * with its error, its key waiting for an operator (see {@code OutboxRelay}). With the default backoff, 10 attempts
     * take about three minutes. Retriable failures (broker unreachable, missing topic) are never parked.
     */
    @WithDefault("10")
    int maxAttempts();

    /**
     * Extra Kafka producer properties for the relay's producer, on top of {@code kafka.*}
     * ({@code acks=all} and idempotence are always on).
     */
    Map<String, String> producer();
}
