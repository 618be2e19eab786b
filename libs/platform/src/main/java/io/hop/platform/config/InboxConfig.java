package io.hop.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.inbox.*}: processed-event ids. */
@ConfigMapping(prefix = "hop.inbox")
public interface InboxConfig {

    /**
     * How long processed-event ids are kept: longer than any redelivery can come. A record is redelivered while it is
     * in its topic and its offset is not committed; at worst (the group's committed offsets expired, Kafka's
     * {@code offsets.retention.minutes}, 7 days, and the group restarts from {@code earliest}) everything the topic
     * still holds comes again: up to its {@code retention.ms}, 7 days by default for our delete topics. 30 days cover
     * that with margin. Raise it with any topic's retention.
     */
    @WithDefault("30d")
    Duration retention();

    /** How often expired ids are purged (a scheduler interval, e.g. {@code 1h}). */
    @WithDefault("1h")
    String purgeEvery();

    /** Rows deleted per statement (each its own short transaction). */
    @WithDefault("5000")
    int purgeBatchSize();
}
