package io.hop.usage.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class BillingReconciliationTest {

    @Test
    void usageAfterASnapshotStartsAtTheNextWholeHourUnlessTheSnapshotIsOnTheHour() {
        assertEquals(Instant.parse("2026-12-01T11:00:00Z"),
                BillingReconciliation.afterSnapshotFrom(Instant.parse("2026-12-01T10:00:01Z")));
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"),
                BillingReconciliation.afterSnapshotFrom(Instant.parse("2026-12-01T10:00:00Z")));
    }

    @Test
    void theEstimateIsTheBilledFigurePlusTheUsageAfterItAndLaterRecordsLandOnTop() {
        long counted = 1_500; // everything the service counted in the period
        long estimate = BillingReconciliation.estimate(1_000, 200); // billed 1000 at T, 200 counted after T
        long adjustment = BillingReconciliation.adjustment(estimate, counted);
        assertEquals(1_200, estimate);
        assertEquals(-300, adjustment);
        assertEquals(1_250, counted + 50 + adjustment, "a record of 50 counted later adds on top of the estimate");
    }

    @Test
    void aBilledFigureAboveTheCountRaisesTheEstimate() {
        assertEquals(400, BillingReconciliation.adjustment(BillingReconciliation.estimate(900, 0), 500));
    }

    @Test
    void overflowIsRefusedNotWrapped() {
        assertThrows(ArithmeticException.class, () -> BillingReconciliation.estimate(Long.MAX_VALUE, 1));
    }
}
