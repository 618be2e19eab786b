package io.hop.provisioning.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;

class PlanValidationTest {

    private static final PlanRequest.Apn APN = new PlanRequest.Apn("internet.contoso.com", "IPV4V6", "user", "pw");

    @Test
    void aLimitedMonthlyPlanWithAnApnHasNoViolation() {
        PlanRequest plan = new PlanRequest("5 GB", 5_000_000_000L, null, true,
                new PlanRequest.Validity("MONTHLY", 1, null, null), 1_000_000_000L, 5, APN, null);

        assertEquals(Map.of(), violations(plan));
    }

    @Test
    void anUnlimitedPlanHasNoLimitAndALimitedOneNeedsAPositiveOne() {
        assertEquals(Map.of(), violations(new PlanRequest("Unlimited", null, true, false, null, null, null, null, null)));
        assertEquals(List.of("dataLimitBytes"),
                keys(new PlanRequest("Both", 1L, true, false, null, null, null, null, null)));
        assertEquals(List.of("dataLimitBytes"),
                keys(new PlanRequest("Neither", null, null, false, null, null, null, null, null)));
        assertEquals(List.of("dataLimitBytes"),
                keys(new PlanRequest("Zero", 0L, false, false, null, null, null, null, null)));
    }

    @Test
    void everyViolatedRuleIsReportedAtOnce() {
        PlanRequest plan = new PlanRequest(" ", 100L, null, null,
                new PlanRequest.Validity("YEARLY", null, Instant.parse("2026-02-01T00:00:00Z"),
                        Instant.parse("2026-01-01T00:00:00Z")),
                101L, 9, new PlanRequest.Apn("not an apn!", "IPX", null, "pw"), null);

        assertEquals(List.of("apn.accessPointName", "apn.pdpType", "apn.username", "maxSharingDevices", "metered",
                "name", "tetheringAllowanceBytes", "validity.billingCycle", "validity.validUntil"), keys(plan));
    }

    @Test
    void theBillingDayFitsTheCycle() {
        assertEquals(List.of("validity.billingDay"), keys(withValidity("MONTHLY", 29)));
        assertEquals(List.of("validity.billingDay"), keys(withValidity("MONTHLY", null)));
        assertEquals(List.of("validity.billingDay"), keys(withValidity("WEEKLY", 8)));
        assertEquals(List.of("validity.billingDay"), keys(withValidity("DAILY", 1)));
        assertEquals(List.of(), keys(withValidity("WEEKLY", 7)));
        assertEquals(List.of(), keys(withValidity("NONE", null)));
    }

    @Test
    void maxSharingDevicesIsBetween1And8AndTheTetheringAllowanceIsNotNegative() {
        assertEquals(List.of("maxSharingDevices", "tetheringAllowanceBytes"),
                keys(new PlanRequest("P", null, true, true, null, -1L, 0, null, null)));
        assertEquals(List.of(), keys(new PlanRequest("P", null, true, true, null, 0L, 8, null, null)));
    }

    @Test
    void theFieldsOfAPlanInsideADocumentCarryItsPrefix() {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        PlanValidation.validate(new PlanRequest("P", null, null, true, null, null, null, null, null), "plans[0].",
                problems);

        assertEquals(List.of("plans[0].dataLimitBytes"), problems.violations().stream().map(Violation::field).toList());
    }

    @Test
    void theApnNeverShowsItsPassword() {
        assertEquals(false, APN.toString().contains("pw]"));
    }

    private static PlanRequest withValidity(String cycle, Integer day) {
        return new PlanRequest("P", 1L, null, true, new PlanRequest.Validity(cycle, day, null, null), null, null, null,
                null);
    }

    private static List<String> keys(PlanRequest plan) {
        return violations(plan).keySet().stream().sorted().toList();
    }

    private static Map<String, String> violations(PlanRequest plan) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        PlanValidation.validate(plan, "", problems);
        return problems.violations().stream().collect(Collectors.toMap(Violation::field, Violation::message));
    }
}
