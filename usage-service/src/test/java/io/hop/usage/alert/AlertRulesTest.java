package io.hop.usage.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.contracts.usage.UsageAlertRaised;

class AlertRulesTest {

    static final Instant PERIOD = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant NEXT_PERIOD = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    static final AlertRules.Device DEVICE = new AlertRules.Device("acme", "dev-1", "gold", 1000L, 200L, PERIOD);

    static AlertRules.Usage used(long total) {
        return new AlertRules.Usage(total, 0, 0);
    }

    static List<String> kinds(AlertRules.Result result) {
        return result.alerts().stream().map(a -> a.kind() + (a.percent() == null ? "" : ":" + a.percent())).toList();
    }

    @Test
    void oneRecordJumpingSeveralStepsRaisesEachStepOnceInOrder() {
        AlertState state = new AlertState();
        AlertRules.Result first = AlertRules.evaluate(DEVICE, used(30), state, List.of(), NOW);
        assertEquals(List.of(), kinds(first), "3 % reaches no step");
        AlertRules.Result jump = AlertRules.evaluate(DEVICE, used(270), state, List.of(), NOW);
        assertEquals(List.of("PERCENT_STEP:5", "PERCENT_STEP:10", "PERCENT_STEP:15", "PERCENT_STEP:20",
                "PERCENT_STEP:25"), kinds(jump));
        assertEquals(5, state.lastStep());
        assertTrue(state.periodChanged());
    }

    @Test
    void theSameUsageEvaluatedAgainRaisesNothing() {
        AlertState state = new AlertState();
        AlertRules.evaluate(DEVICE, used(560), state, List.of(), NOW);
        assertEquals(List.of(), kinds(AlertRules.evaluate(DEVICE, used(560), state, List.of(), NOW.plusSeconds(5))));
    }

    @Test
    void stepsAreExactAtTheirBoundary() {
        assertEquals(0, AlertRules.step(49, 1000));
        assertEquals(1, AlertRules.step(50, 1000));
        assertEquals(19, AlertRules.step(999, 1000));
        assertEquals(20, AlertRules.step(1000, 1000));
        assertEquals(20, AlertRules.step(5000, 1000));
        assertEquals(10, AlertRules.step(Long.MAX_VALUE / 2, Long.MAX_VALUE - 1));
    }

    @Test
    void reachingTheLimitRaisesTheHundredPercentStepAndPlanExhaustedOnce() {
        AlertState state = new AlertState(19, null, null, null);
        assertEquals(List.of("PERCENT_STEP:100", "PLAN_EXHAUSTED"),
                kinds(AlertRules.evaluate(DEVICE, used(1500), state, List.of(), NOW)));
        assertEquals(List.of(), kinds(AlertRules.evaluate(DEVICE, used(2500), state, List.of(), NOW)));
    }

    @Test
    void anUnlimitedPlanRaisesNoStepsButBytesThresholds() {
        AlertRules.Device unlimited = new AlertRules.Device("acme", "dev-1", null, null, null, PERIOD);
        Threshold gib = new Threshold("acme", "1gib", null, null, 1L << 30, Duration.ZERO);
        Threshold eighty = new Threshold("acme", "80", null, 80, null, Duration.ZERO);
        AlertRules.Result result = AlertRules.evaluate(unlimited, used(2L << 30), new AlertState(),
                List.of(gib, eighty), NOW);
        assertEquals(List.of("THRESHOLD"), kinds(result));
        assertEquals("1gib", result.alerts().get(0).thresholdId());
    }

    @Test
    void tetheringAllowanceExhaustedIsRaisedOncePerPeriodWithTheAllowanceAsLimit() {
        AlertState state = new AlertState();
        AlertRules.Result result = AlertRules.evaluate(DEVICE, new AlertRules.Usage(300, 200, 0), state, List.of(),
                NOW);
        assertEquals(List.of("PERCENT_STEP:5", "PERCENT_STEP:10", "PERCENT_STEP:15", "PERCENT_STEP:20",
                "PERCENT_STEP:25", "PERCENT_STEP:30", "TETHERING_ALLOWANCE_EXHAUSTED"), kinds(result));
        UsageAlertRaised tethering = result.alerts().get(6);
        assertEquals(200L, tethering.limitBytes());
        assertEquals(200L, tethering.usedBytes());
        assertEquals(List.of(), kinds(AlertRules.evaluate(DEVICE, new AlertRules.Usage(310, 210, 0), state, List.of(),
                NOW)));
    }

    @Test
    void roamingStartedIsRaisedAtTheFirstRoamingBytesOfThePeriod() {
        AlertState state = new AlertState();
        AlertRules.Device unlimited = new AlertRules.Device("acme", "dev-1", null, null, null, PERIOD);
        assertEquals(List.of(), kinds(AlertRules.evaluate(unlimited, new AlertRules.Usage(10, 0, 0), state, List.of(),
                NOW)));
        assertEquals(List.of("ROAMING_STARTED"), kinds(AlertRules.evaluate(unlimited, new AlertRules.Usage(20, 0, 5),
                state, List.of(), NOW)));
        assertEquals(List.of(), kinds(AlertRules.evaluate(unlimited, new AlertRules.Usage(30, 0, 15), state,
                List.of(), NOW)));
    }

    @Test
    void aThresholdFiresOncePerPeriodAndIsReArmedWhenThePeriodResets() {
        Threshold eighty = new Threshold("acme", "eighty", null, 80, null, Duration.ofHours(1));
        AlertState state = new AlertState();
        AlertRules.Result first = AlertRules.evaluate(DEVICE, used(800), state, List.of(eighty), NOW);
        assertEquals(1, first.alerts().stream().filter(a -> a.kind().equals("THRESHOLD")).count());
        assertEquals(80, first.alerts().stream().filter(a -> a.kind().equals("THRESHOLD")).findFirst().get()
                .percent());
        assertEquals(1, state.thresholdsChanged().size());
        assertTrue(AlertRules.evaluate(DEVICE, used(900), state, List.of(eighty), NOW.plus(Duration.ofDays(2)))
                .alerts().stream().noneMatch(a -> a.kind().equals("THRESHOLD")), "once per period");

        AlertRules.Device nextPeriod = new AlertRules.Device("acme", "dev-1", "gold", 1000L, 200L, NEXT_PERIOD);
        AlertState next = new AlertState().threshold("eighty", state.threshold("eighty"));
        AlertRules.Result rearmed = AlertRules.evaluate(nextPeriod, used(850), next, List.of(eighty),
                NEXT_PERIOD.plus(Duration.ofDays(3)));
        assertEquals(1, rearmed.alerts().stream().filter(a -> a.kind().equals("THRESHOLD")).count());
        assertEquals(NEXT_PERIOD, next.threshold("eighty").periodStart());
    }

    @Test
    void aThresholdWithinItsSnoozeIsHeldBackAndReportedAsSnoozedUntilTheSnoozeEnds() {
        Threshold eighty = new Threshold("acme", "eighty", null, 80, null, Duration.ofHours(6));
        // fired at 23:00 in the last period; a daily-like reset at midnight would flood without the snooze
        Instant firedAt = NEXT_PERIOD.minus(Duration.ofHours(1));
        AlertState state = new AlertState().threshold("eighty", new AlertState.Fired(PERIOD, firedAt));
        AlertRules.Device nextPeriod = new AlertRules.Device("acme", "dev-1", "gold", 1000L, null, NEXT_PERIOD);
        Instant early = NEXT_PERIOD.plus(Duration.ofHours(1));
        AlertRules.Result held = AlertRules.evaluate(nextPeriod, used(900), state, List.of(eighty), early);
        assertTrue(held.alerts().stream().noneMatch(a -> a.kind().equals("THRESHOLD")));
        assertEquals(List.of(new AlertRules.Snoozed("eighty", firedAt.plus(Duration.ofHours(6)))), held.snoozed());

        AlertRules.Result later = AlertRules.evaluate(nextPeriod, used(900), state, List.of(eighty),
                firedAt.plus(Duration.ofHours(6)));
        assertEquals(List.of("THRESHOLD:80"), kinds(later));
        assertEquals(List.of(), later.snoozed());
    }

    @Test
    void aThresholdOfAnotherPlanDoesNotApply() {
        Threshold other = new Threshold("acme", "silver-only", "silver", 10, null, Duration.ZERO);
        assertTrue(AlertRules.evaluate(DEVICE, used(500), new AlertState(), List.of(other), NOW).alerts().stream()
                .noneMatch(a -> a.kind().equals("THRESHOLD")));
    }

    @Test
    void mayRaiseOnlyWhenSomethingWasCrossed() {
        Threshold bytes = new Threshold("acme", "b", null, null, 70L, Duration.ZERO);
        assertFalse(AlertRules.mayRaise(DEVICE, used(51), used(60), List.of()));
        assertFalse(AlertRules.mayRaise(DEVICE, used(51), used(60), List.of(bytes)));
        assertTrue(AlertRules.mayRaise(DEVICE, used(60), used(75), List.of(bytes)));
        assertTrue(AlertRules.mayRaise(DEVICE, used(99), used(100), List.of()));
        assertTrue(AlertRules.mayRaise(DEVICE, new AlertRules.Usage(60, 199, 0), new AlertRules.Usage(61, 200, 0),
                List.of()));
        assertTrue(AlertRules.mayRaise(DEVICE, used(60), new AlertRules.Usage(61, 0, 1), List.of()));
        AlertRules.Device unlimited = new AlertRules.Device("acme", "dev-1", null, null, null, PERIOD);
        assertFalse(AlertRules.mayRaise(unlimited, used(0), used(1L << 40), List.of()));
    }

    @Test
    void theAlertIdDependsOnlyOnDevicePeriodKindAndStep() {
        AlertState a = new AlertState();
        AlertState b = new AlertState();
        String first = AlertRules.evaluate(DEVICE, used(60), a, List.of(), NOW).alerts().get(0).alertId();
        String again = AlertRules.evaluate(DEVICE, used(70), b, List.of(), NOW.plusSeconds(60)).alerts().get(0)
                .alertId();
        assertEquals(first, again);
        assertFalse(first.equals(AlertRules.alertId("acme", "dev-1", NEXT_PERIOD, UsageAlertRaised.Kind.PERCENT_STEP,
                "5")));
    }
}
