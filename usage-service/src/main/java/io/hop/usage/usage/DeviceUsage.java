package io.hop.usage.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device's usage in its current billing period ({@code GET /v1/devices/{deviceId}/usage}).
 *
 * @param plan            the device's plan, or null when it has none (period = calendar month)
 * @param bytesTotal      the estimate of the period: bytes counted plus {@code billingAdjustmentBytes}
 * @param billingAdjustmentBytes what the latest billing snapshot added to (or, when negative, took from) the bytes
 *                        counted, so that the estimate is the operator's figure plus the usage after it
 * @param percentUsed     {@code bytesTotal} in percent of the plan's limit (two decimals), null when unlimited
 * @param interfaces      bytes per interface ({@code CELLULAR}, {@code WIFI_OFFLOAD}, {@code TETHERED_CLIENT})
 * @param tetheredClients bytes per tethered client, most first
 * @param lastUpdatedAt   when a record last changed the counters of this period, null when none did
 */
public record DeviceUsage(String operatorId, String deviceId, Plan plan, Period period, long bytesUp, long bytesDown,
        long bytesTotal, long billingAdjustmentBytes, Double percentUsed, long roamingBytes, Map<String, Bytes> interfaces,
        List<ClientBytes> tetheredClients, Instant lastUpdatedAt) {

    public record Plan(String planId, String name, Long dataLimitBytes, boolean metered) {
    }

    public record Period(Instant start, Instant end) {
    }

    public record Bytes(long bytesUp, long bytesDown, long bytesTotal) {

        static Bytes of(long up, long down) {
            return new Bytes(up, down, up + down);
        }
    }

    public record ClientBytes(String clientId, long bytesUp, long bytesDown, long bytesTotal) {
    }
}
