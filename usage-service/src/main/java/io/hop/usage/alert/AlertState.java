package io.hop.usage.alert;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What was already alerted for one device: per billing period the highest 5 % step, plan exhausted, tethering
 * allowance exhausted and roaming started; per threshold the period it last fired in and when (for the snooze). Kept
 * in {@code usage_alert_state} and {@code usage_threshold_state}, updated in the transaction that raises the alerts,
 * so a redelivered batch finds them raised and raises nothing.
 */
public final class AlertState {

    /** When a threshold last fired for the device and in which billing period. */
    public record Fired(Instant periodStart, Instant firedAt) {
    }

    int lastStep;
    Instant exhaustedAt;
    Instant tetheringExhaustedAt;
    Instant roamingStartedAt;
    final Map<String, Fired> thresholds = new HashMap<>();
    boolean periodChanged;
    final Map<String, Fired> thresholdsChanged = new HashMap<>();

    public AlertState() {
    }

    public AlertState(int lastStep, Instant exhaustedAt, Instant tetheringExhaustedAt, Instant roamingStartedAt) {
        this.lastStep = lastStep;
        this.exhaustedAt = exhaustedAt;
        this.tetheringExhaustedAt = tetheringExhaustedAt;
        this.roamingStartedAt = roamingStartedAt;
    }

    /** Adds what is known of a threshold (as loaded). */
    public AlertState threshold(String thresholdId, Fired fired) {
        thresholds.put(thresholdId, fired);
        return this;
    }

    /** The highest 5 % step alerted in the period (1 = 5 %, 20 = 100 %), 0 for none. */
    public int lastStep() {
        return lastStep;
    }

    public Instant exhaustedAt() {
        return exhaustedAt;
    }

    public Instant tetheringExhaustedAt() {
        return tetheringExhaustedAt;
    }

    public Instant roamingStartedAt() {
        return roamingStartedAt;
    }

    public Fired threshold(String thresholdId) {
        return thresholds.get(thresholdId);
    }

    /** Whether the per-period part changed in the last evaluation (to be written). */
    public boolean periodChanged() {
        return periodChanged;
    }

    /** The thresholds that fired in the last evaluation (to be written). */
    public Map<String, Fired> thresholdsChanged() {
        return thresholdsChanged;
    }
}
