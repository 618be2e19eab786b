package io.hop.contracts.usage;

import java.time.Instant;

/**
 * A usage alert (event {@link UsageEvents#ALERT_RAISED} on {@code usage.alerts.v1}, key: the device id).
 * entitlement-service re-checks entitlement on {@code TETHERING_ALLOWANCE_EXHAUSTED}; plugin-host turns alerts into
 * user notifications.
 *
 * @param alertId        unique id of the alert (stable across redelivery)
 * @param operatorId     the device's operator
 * @param deviceId       the device
 * @param kind           what crossed ({@link Kind})
 * @param planId         the device's plan, or null
 * @param percent        for {@code PERCENT_STEP}: the step reached (5, 10, … 100); for a percent threshold: its value;
 *                       else null
 * @param thresholdId    for {@code THRESHOLD}: the operator's threshold id, else null
 * @param usedBytes      bytes counted against the limit (or the tethering allowance) when the alert was raised
 * @param limitBytes     the data limit (or the tethering allowance), or null when unlimited
 * @param periodStart    start of the billing period the alert belongs to
 * @param raisedAt       when the alert was raised
 */
public record UsageAlertRaised(String alertId, String operatorId, String deviceId, String kind, String planId,
        Integer percent, String thresholdId, long usedBytes, Long limitBytes, Instant periodStart, Instant raisedAt) {

    /** The kinds of alert. */
    public enum Kind {
        PERCENT_STEP, THRESHOLD, PLAN_EXHAUSTED, PLAN_EXPIRED, TETHERING_ALLOWANCE_EXHAUSTED, ROAMING_STARTED
    }
}
