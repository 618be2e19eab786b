package io.hop.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.timers.*}: the durable timer poller. */
@ConfigMapping(prefix = "hop.timers")
public interface TimersConfig {

    @WithDefault("true")
    boolean pollerEnabled();

    @WithDefault("250ms")
    Duration pollInterval();

    /** Timers fired one after another before the poller sleeps again. */
    @WithDefault("100")
    int batchSize();

    /** Wait before the first retry of a failed timer; doubles per failure up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();
}
