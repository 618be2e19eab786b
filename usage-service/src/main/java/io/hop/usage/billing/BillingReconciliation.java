package io.hop.usage.billing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The arithmetic of a billing snapshot, as plain Java. The operator's figure is authoritative up to the snapshot's
 * time; the estimate becomes that figure plus the usage counted after it. Usage is kept per hour
 * ({@code usage_hourly}, by the records' {@code periodStart}), so "after" means from the first whole hour at or after
 * the snapshot's time: the records of the hour in which the snapshot was taken count as covered by it.
 */
public final class BillingReconciliation {

    private BillingReconciliation() {
    }

    /** Where "usage after the snapshot" starts: {@code takenAt} when on the hour, else the next hour. */
    public static Instant afterSnapshotFrom(Instant takenAt) {
        Instant hour = takenAt.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(takenAt) ? hour : hour.plus(1, ChronoUnit.HOURS);
    }

    /**
     * The new estimate: the billed bytes plus the usage counted after the snapshot.
     *
     * @param billedBytes  the operator's figure at the snapshot's time
     * @param countedAfter bytes counted from {@link #afterSnapshotFrom}
     */
    public static long estimate(long billedBytes, long countedAfter) {
        return Math.addExact(billedBytes, countedAfter);
    }

    /**
     * The adjustment to store with the counter so that {@code counted + adjustment} is the new estimate; later records
     * add to {@code counted} and so land on top of the billed figure.
     */
    public static long adjustment(long estimate, long counted) {
        return Math.subtractExact(estimate, counted);
    }
}
