package io.hop.pluginhost.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A plugin's circuit breaker. {@code afterFailures} faults in a row (a throw, a timeout, a full executor) quarantine
 * it for {@code pause}; after the pause it is {@code HALF_OPEN}: one trial call goes through while the others are
 * still skipped, and the trial's success makes it {@code ACTIVE} again, its failure quarantines it for another pause.
 * Thread-safe; plain Java.
 */
public final class PluginHealth {

    /** What {@code GET /v1/plugins} reports. */
    public enum State {
        ACTIVE, QUARANTINED, HALF_OPEN
    }

    /** A point-in-time copy. */
    public record Snapshot(State state, int failures, Instant quarantinedUntil, String lastError) {
    }

    private final int afterFailures;
    private final Duration pause;
    private final Clock clock;
    private int failures;
    private Instant quarantinedUntil;
    private boolean trialInFlight;
    private String lastError;

    public PluginHealth(int afterFailures, Duration pause, Clock clock) {
        this.afterFailures = afterFailures;
        this.pause = pause;
        this.clock = clock;
    }

    /** Whether a call may go to the plugin now; when true the caller must report {@link #success} or {@link #failure}. */
    public synchronized boolean tryAcquire() {
        if (quarantinedUntil == null) {
            return true;
        }
        if (clock.instant().isBefore(quarantinedUntil) || trialInFlight) {
            return false;
        }
        trialInFlight = true; // half-open: this call is the trial
        return true;
    }

    public synchronized void success() {
        failures = 0;
        quarantinedUntil = null;
        trialInFlight = false;
    }

    public synchronized void failure(String error) {
        failures++;
        lastError = error;
        if (trialInFlight || failures >= afterFailures) {
            quarantinedUntil = clock.instant().plus(pause);
            trialInFlight = false;
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(state(), failures, quarantinedUntil, lastError);
    }

    private State state() {
        if (quarantinedUntil == null) {
            return State.ACTIVE;
        }
        return trialInFlight || !clock.instant().isBefore(quarantinedUntil) ? State.HALF_OPEN : State.QUARANTINED;
    }
}
