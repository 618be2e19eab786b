package io.hop.readmodel;

import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** {@code hop.readmodel.*}: what a service keeps of provisioning's state. */
@ConfigMapping(prefix = "hop.readmodel")
public interface ReadModelConfig {

    /**
     * The entity types this service keeps, by their key prefix (e.g. {@code operator}); required, so that a service
     * says what it depends on. Events of other types change nothing.
     */
    Set<String> entities();
}
