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

    /** First pause after a failed pass; doubles per consecutive failure up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * Extra Kafka producer properties for the relay's producer, on top of {@code kafka.*}
     * ({@code acks=all} and idempotence are always on).
     */
    Map<String, String> producer();
}
