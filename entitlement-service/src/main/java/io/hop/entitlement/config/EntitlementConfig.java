package io.hop.entitlement.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** entitlement-service's settings ({@code hop.entitlement.*}); the defaults are the production values. */
@ConfigMapping(prefix = "hop.entitlement")
public interface EntitlementConfig {

    Webhook webhook();

    GroupCommit groupCommit();

    Sharing sharing();

    interface Webhook {
        /** Timeout of a webhook call when the provider names none. */
        @WithDefault("PT2S")
        Duration defaultTimeout();

        /** Plain http endpoints are refused unless this is true (local runs, tests, the benchmark's stub). */
        @WithDefault("false")
        boolean allowInsecureHttp();

        CircuitBreaker circuitBreaker();

        Bulkhead bulkhead();
    }

    /** One circuit breaker per provider (operator backend). */
    interface CircuitBreaker {
        /** Calls in the rolling window before the breaker may open. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** Share of failures in that window that opens it. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before letting a trial call through (half-open). */
        @WithDefault("PT30S")
        Duration delay();

        /** Successful trial calls that close it again. */
        @WithDefault("1")
        int successThreshold();
    }

    /** One bulkhead per provider: at most this many calls at once, plus a short queue; the rest UNAVAILABLE at once. */
    interface Bulkhead {
        @WithDefault("32")
        int limit();

        @WithDefault("64")
        int queue();
    }

    /** Group commit of API decisions: concurrent checks' writes share one transaction. */
    interface GroupCommit {
        /** Most decisions written by one transaction. */
        @WithDefault("256")
        int maxBatch();

        /**
         * Writer threads, each committing the batch it took while the others commit theirs: a commit's latency then
         * does not idle the queue. Each holds one database connection while it writes.
         */
        @WithDefault("2")
        int writers();
    }

    interface Sharing {
        /**
         * The length of one policy "minute" (PeerlessTimeout, PublicConnectionTimeout). PT1M in production; tests
         * shorten it so that a timer fires within seconds.
         */
        @WithDefault("PT1M")
        Duration minute();

        /** The length of one policy "second" (EntitlementInterval). */
        @WithDefault("PT1S")
        Duration second();

        /**
         * A periodic re-check calls the provider outside any transaction; its timer is moved this far ahead while the
         * call runs, so that it fires again should the process die before the result is applied. Longer than the
         * slowest provider answer (a webhook's timeout is at most 30 s, plus the bulkhead's queue).
         */
        @WithDefault("PT1M")
        Duration recheckDeadline();

        UnavailableGrace unavailableGrace();
    }

    /**
     * What a periodic re-check answered UNAVAILABLE does: sharing stays on, the check is retried after
     * {@code initialBackoff}, doubling up to {@code maxBackoff}; after {@code retries} more UNAVAILABLE answers in a
     * row sharing turns off (reason ENTITLEMENT_UNAVAILABLE).
     */
    interface UnavailableGrace {
        @WithDefault("3")
        int retries();

        @WithDefault("PT1M")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();
    }
}
