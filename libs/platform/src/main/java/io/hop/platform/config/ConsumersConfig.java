package io.hop.platform.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.consumer.*}: how the platform's consumers treat failures, and their consumer groups. */
@ConfigMapping(prefix = "hop.consumer")
public interface ConsumersConfig {

    /** First pause before retrying a failed record; doubled on each attempt up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /**
     * Attempts at a record whose failure is neither recognisably transient nor invalid data (a bug, a constraint
     * violation) before it is dead-lettered. Transient failures are retried without limit.
     */
    @WithDefault("5")
    int maxUnknownAttempts();

    /** How long the dead-letter topic may take to acknowledge a copy before the attempt counts as failed. */
    @WithDefault("10s")
    Duration deadLetterTimeout();

    /**
     * Prefix of the consumer groups: each incoming channel consumes in group {@code <prefix>.<channel>}. Defaults to
     * {@code hop.consumer-group} (the application name; tests set one per test JVM).
     */
    Optional<String> groupPrefix();
}
