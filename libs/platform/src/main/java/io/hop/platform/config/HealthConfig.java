package io.hop.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.health.*}: the Kafka readiness check. */
@ConfigMapping(prefix = "hop.health")
public interface HealthConfig {

    /** Timeout of the probe's cluster description. */
    @WithDefault("2s")
    Duration kafkaTimeout();

    /** How long a probe result is reused, so that frequent probes stay cheap. */
    @WithDefault("5s")
    Duration kafkaCacheFor();
}
