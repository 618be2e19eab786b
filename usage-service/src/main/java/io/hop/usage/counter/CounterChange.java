package io.hop.usage.counter;

import java.time.Instant;

/**
 * One device counter as a batch changed it: the totals before and after, as committed together with the batch. What
 * an alert evaluator needs to see which steps or thresholds the batch crossed ({@link CounterListener}).
 *
 * @param before totals before the batch (zero for a new period); {@code total} is the estimate: the bytes counted
 *               plus the billing reconciliation's adjustment
 * @param after  totals after the batch
 */
public record CounterChange(String operatorId, String deviceId, Instant periodStart, Instant periodEnd, Totals before,
        Totals after) {

    /** Bytes of a counter: all, tethered clients, roaming. */
    public record Totals(long total, long tethered, long roaming) {
    }
}
