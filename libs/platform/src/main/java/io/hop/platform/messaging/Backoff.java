package io.hop.platform.messaging;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff between retries of one event: initial, doubled on each attempt, capped at max. */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** The pause before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration after(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration next = initial.multipliedBy(factor);
        return next.compareTo(max) > 0 ? max : next;
    }
}
