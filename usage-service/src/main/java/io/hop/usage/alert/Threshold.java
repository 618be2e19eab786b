package io.hop.usage.alert;

import java.time.Duration;

/**
 * An operator's usage threshold: fires a {@code THRESHOLD} alert when a device's usage of the billing period reaches
 * {@code percent} of its plan's limit or {@code bytes}, at most once per device and billing period, and never sooner
 * than {@code snooze} after the previous alert of the same threshold for the same device.
 *
 * @param planId  the plan it applies to, or null for every plan of the operator
 * @param percent 1..1000 percent of the data limit (devices without a limit never reach it), or null
 * @param bytes   an absolute number of bytes, or null (exactly one of {@code percent} and {@code bytes} is set)
 */
public record Threshold(String operatorId, String thresholdId, String planId, Integer percent, Long bytes,
        Duration snooze) {

    /** The bytes at which this threshold is reached for a plan of {@code limitBytes}, or -1 when it cannot be. */
    public long bytesFor(Long limitBytes) {
        if (bytes != null) {
            return bytes;
        }
        if (limitBytes == null || limitBytes <= 0) {
            return -1;
        }
        return (long) Math.ceil(limitBytes * (percent / 100.0));
    }

    /** Whether it applies to a device on {@code devicePlanId}. */
    public boolean appliesTo(String devicePlanId) {
        return planId == null || planId.equals(devicePlanId);
    }
}
