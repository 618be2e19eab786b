package io.hop.platform.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * Kafka topic of each outgoing channel: {@code hop.topics."<channel>"=<topic>} (channels:
 * {@link io.hop.contracts.Channels}). The platform's {@code META-INF/microprofile-config.properties} pre-fills the
 * contract's topics; {@link io.hop.platform.outbox.Outbox#publish} refuses channels without an entry.
 *
 * <p>Mapped under {@code hop.topics} rather than {@code hop}: SmallRye Config rejects every property under a
 * mapping's prefix that the mapping does not declare, and services (and the build, {@code -Dhop.root}) have
 * {@code hop.*} properties of their own.
 */
@ConfigMapping(prefix = "hop.topics")
public interface HopTopics {

    /** Channel name to topic. */
    @WithParentName
    Map<String, String> byChannel();
}
