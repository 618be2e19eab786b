package io.hop.usage.counter;

import java.time.Instant;

/**
 * What one batch adds to one device's counter of one billing period (a mutable accumulator; {@link UsageAggregation}).
 */
public final class CounterDelta {

    final String operatorId;
    final String deviceId;
    final Instant periodStart;
    final Instant periodEnd;
    String planId;
    long bytesUp;
    long bytesDown;
    long cellularUp;
    long cellularDown;
    long wifiOffloadUp;
    long wifiOffloadDown;
    long tetheredUp;
    long tetheredDown;
    long roamingUp;
    long roamingDown;
    long records;

    CounterDelta(String operatorId, String deviceId, Instant periodStart, Instant periodEnd) {
        this.operatorId = operatorId;
        this.deviceId = deviceId;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
    }

    public String operatorId() {
        return operatorId;
    }

    public String deviceId() {
        return deviceId;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    /** The device's plan when the batch was counted, or null. */
    public String planId() {
        return planId;
    }

    public long bytesUp() {
        return bytesUp;
    }

    public long bytesDown() {
        return bytesDown;
    }

    public long total() {
        return bytesUp + bytesDown;
    }

    public long cellular() {
        return cellularUp + cellularDown;
    }

    public long wifiOffload() {
        return wifiOffloadUp + wifiOffloadDown;
    }

    public long tethered() {
        return tetheredUp + tetheredDown;
    }

    public long roaming() {
        return roamingUp + roamingDown;
    }

    public long records() {
        return records;
    }
}
