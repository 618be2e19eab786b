package io.hop.entitlement.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.PlanChanged;

class BillingPeriodStartTest {

    static PlanChanged plan(String cycle, Integer day, Instant validFrom) {
        return new PlanChanged("acme", "p", "Plan", null, true, new PlanChanged.Validity(cycle, day, validFrom, null),
                null, null, null, 1, Instant.EPOCH);
    }

    @Test
    void monthlyPeriodsStartOnTheBillingDayClampedToTheMonth() {
        assertThat(BillingPeriodStart.of(plan("MONTHLY", 15, null), Instant.parse("2025-03-20T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-15T00:00:00Z"));
        assertThat(BillingPeriodStart.of(plan("MONTHLY", 15, null), Instant.parse("2025-03-10T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-02-15T00:00:00Z"));
    }

    @Test
    void weeklyDailyNoneAndNoPlan() {
        assertThat(BillingPeriodStart.of(plan("WEEKLY", 1, null), Instant.parse("2025-03-06T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
        assertThat(BillingPeriodStart.of(plan("DAILY", null, null), Instant.parse("2025-03-06T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-06T00:00:00Z"));
        assertThat(BillingPeriodStart.of(plan("NONE", null, Instant.parse("2025-01-02T03:00:00Z")),
                Instant.parse("2025-03-06T10:00:00Z"))).isEqualTo(Instant.parse("2025-01-02T03:00:00Z"));
        assertThat(BillingPeriodStart.of(null, Instant.parse("2025-03-06T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    }
}
