package io.hop.contracts.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.PlanChanged.Validity;
import io.hop.contracts.provisioning.BillingPeriods.Period;

class BillingPeriodsTest {

    private static Period period(Validity validity, String at) {
        return BillingPeriods.periodOf(validity, Instant.parse(at));
    }

    private static Period expected(String start, String end) {
        return new Period(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void withoutPlanThePeriodIsTheCalendarMonthInUtc() {
        assertEquals(expected("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"), period(null, "2026-02-28T23:59:59Z"));
        assertEquals(expected("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"), period(null, "2026-03-01T00:00:00Z"));
    }

    @Test
    void monthlyStartsOnTheBillingDayAndBeforeItBelongsToThePreviousMonth() {
        Validity day15 = new Validity("MONTHLY", 15, null, null);
        assertEquals(expected("2026-03-15T00:00:00Z", "2026-04-15T00:00:00Z"), period(day15, "2026-03-15T00:00:00Z"));
        assertEquals(expected("2026-02-15T00:00:00Z", "2026-03-15T00:00:00Z"), period(day15, "2026-03-14T23:59:59Z"));
        assertEquals(expected("2025-12-15T00:00:00Z", "2026-01-15T00:00:00Z"), period(day15, "2026-01-10T00:00:00Z"));
    }

    @Test
    void monthlyBillingDay28CrossesFebruaryAndALargerDayIsClampedToTheMonthEnd() {
        Validity day28 = new Validity("MONTHLY", 28, null, null);
        assertEquals(expected("2028-02-28T00:00:00Z", "2028-03-28T00:00:00Z"), period(day28, "2028-02-29T12:00:00Z"));
        Validity day31 = new Validity("MONTHLY", 31, null, null);
        assertEquals(expected("2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z"), period(day31, "2026-02-28T10:00:00Z"));
        assertEquals(expected("2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z"), period(day31, "2026-04-15T10:00:00Z"));
    }

    @Test
    void monthlyWithoutBillingDayStartsOnTheFirst() {
        assertEquals(expected("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"), period(new Validity("MONTHLY", null, null, null), "2026-12-31T23:00:00Z"));
    }

    @Test
    void weeklyStartsOnTheBillingWeekday() {
        Validity wednesday = new Validity("WEEKLY", 3, null, null);
        // 2026-12-01 is a Tuesday
        assertEquals(expected("2026-11-25T00:00:00Z", "2026-12-02T00:00:00Z"), period(wednesday, "2026-12-01T08:00:00Z"));
        assertEquals(expected("2026-12-02T00:00:00Z", "2026-12-09T00:00:00Z"), period(wednesday, "2026-12-02T00:00:00Z"));
        assertEquals(expected("2026-11-30T00:00:00Z", "2026-12-07T00:00:00Z"), period(new Validity("WEEKLY", null, null, null), "2026-12-01T08:00:00Z"));
    }

    @Test
    void dailyIsTheUtcDay() {
        assertEquals(expected("2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z"), period(new Validity("DAILY", null, null, null), "2026-12-31T23:59:59Z"));
    }

    @Test
    void noneIsOnePeriodFromValidFromToValidUntilWithOpenEnds() {
        Instant from = Instant.parse("2026-06-10T10:00:00Z");
        Instant until = Instant.parse("2026-06-17T10:00:00Z");
        assertEquals(new Period(from, until), period(new Validity("NONE", null, from, until), "2026-06-12T00:00:00Z"));
        assertEquals(new Period(Instant.EPOCH, BillingPeriods.FOREVER), period(new Validity("NONE", null, null, null), "2026-06-12T00:00:00Z"));
    }
}
