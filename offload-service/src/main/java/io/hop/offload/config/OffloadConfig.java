package io.hop.offload.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** offload-service's settings ({@code hop.offload.*}). */
@ConfigMapping(prefix = "hop.offload")
public interface OffloadConfig {

    /** How long post-connect may take before the plugin's state is reset and the device reconnects. */
    @WithDefault("PT5M")
    Duration postConnectTimeout();

    /** Connection attempts in all (the first one included) before a hotspot profile is deleted. */
    @WithDefault("3")
    int maxAttempts();

    /** The plugin hosts asked for identifications, by name (e.g. {@code plugin-host}, {@code plugin-host-partner}). */
    Map<String, PluginHost> pluginHosts();

    /** Calls to the plugin hosts. */
    Identification identification();

    /** Decision log. */
    Decisions decisions();

    /** Fleet learning. */
    Fleet fleet();

    interface PluginHost {
        /** Base URL, e.g. {@code http://127.0.0.1:8083}; empty leaves the host out (a deployment without it). */
        Optional<String> url();
    }

    interface Identification {
        /** Per call to one host; a slower host is left out of the answer (reported), never fails it. */
        @WithDefault("PT2S")
        Duration timeout();

        /** Retries of a failed call (not of a timed-out one: the scan's time is spent). */
        @WithDefault("1")
        int retries();

        /** Consecutive calls the circuit breaker looks at. */
        @WithDefault("10")
        int circuitRequestVolume();

        /** Failure ratio of those calls that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long an open circuit skips the host before trying again. */
        @WithDefault("PT10S")
        Duration circuitDelay();

        /** How long which plugins serve an operator (learnt from the hosts' {@code GET /v1/plugins}) is remembered. */
        @WithDefault("PT30S")
        Duration pluginsCacheTtl();
    }

    interface Decisions {
        /** How long a scan's decisions are kept. */
        @WithDefault("P7D")
        Duration retention();

        /** Entries returned by {@code GET /v1/devices/{deviceId}/decisions} at most. */
        @WithDefault("500")
        int maxEntries();
    }

    interface Fleet {
        /** The sliding window over which post-connect outcomes are counted. */
        @WithDefault("PT1H")
        Duration window();

        /** Failure rate (failures and timeouts / outcomes) above which a hotspot is demoted. */
        @WithDefault("0.5")
        double failureRate();

        /** Outcomes needed in the window before a rate counts. */
        @WithDefault("5")
        int minSamples();

        /** Added to a demoted hotspot's priority (higher = tried later). */
        @WithDefault("100")
        int demotion();

        /** How long an operator's fleet statistics are reused by scans. */
        @WithDefault("PT5S")
        Duration cacheTtl();
    }
}
