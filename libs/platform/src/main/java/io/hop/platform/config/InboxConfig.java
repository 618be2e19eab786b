package io.hop.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.inbox.*}: processed-event ids. */
@ConfigMapping(prefix = "hop.inbox")
public interface InboxConfig {

    /** How long processed-event ids are kept: longer than any redelivery can come (topic retention). */
    @WithDefault("30d")
    Duration retention();

    /** How often expired ids are purged (a scheduler interval, e.g. {@code 1h}). */
    @WithDefault("1h")
    String purgeEvery();
}
