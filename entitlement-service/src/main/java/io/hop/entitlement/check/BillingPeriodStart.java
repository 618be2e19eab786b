package io.hop.entitlement.check;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import io.hop.contracts.provisioning.PlanChanged;

/**
 * The start of the billing period containing an instant (UTC), by the plan's {@code Validity}, as usage-service counts
 * it: MONTHLY from {@code billingDay} (clamped to the month's length), WEEKLY from weekday {@code billingDay}
 * (1 = Monday), DAILY, NONE = {@code validFrom}; no plan = the calendar month. PLAN_ALLOWANCE compares it with the
 * {@code periodStart} of the last TETHERING_ALLOWANCE_EXHAUSTED alert: a new period re-arms the allowance.
 */
public final class BillingPeriodStart {

    private BillingPeriodStart() {
    }

    public static Instant of(PlanChanged plan, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        PlanChanged.Validity validity = plan == null ? null : plan.validity();
        String cycle = validity == null || validity.billingCycle() == null ? "CALENDAR" : validity.billingCycle();
        LocalDate start = switch (cycle) {
            case "MONTHLY" -> monthly(today, validity.billingDay() == null ? 1 : validity.billingDay());
            case "WEEKLY" -> today.with(TemporalAdjusters.previousOrSame(
                    DayOfWeek.of(validity.billingDay() == null ? 1 : Math.max(1, Math.min(7, validity.billingDay())))));
            case "DAILY" -> today;
            case "NONE" -> null;
            default -> today.withDayOfMonth(1);
        };
        if (start == null) {
            return validity.validFrom() == null ? Instant.EPOCH : validity.validFrom();
        }
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate monthly(LocalDate today, int billingDay) {
        LocalDate candidate = today.withDayOfMonth(Math.min(Math.max(1, billingDay), today.lengthOfMonth()));
        if (candidate.isAfter(today)) {
            LocalDate previous = today.minusMonths(1);
            candidate = previous.withDayOfMonth(Math.min(Math.max(1, billingDay), previous.lengthOfMonth()));
        }
        return candidate;
    }
}
