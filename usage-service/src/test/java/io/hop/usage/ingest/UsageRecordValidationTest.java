package io.hop.usage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.hop.contracts.usage.UsageRecorded;

class UsageRecordValidationTest {

    static final Instant T = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void aCompleteRecordIsValid() {
        assertTrue(UsageRecordValidation.violations(new UsageRecorded("r", "op", "d", "TETHERED_CLIENT", "c", T, T, 0,
                5, true)).isEmpty());
    }

    @Test
    void everyBrokenRuleIsNamedByItsField() {
        assertEquals(List.of("recordId", "operatorId", "networkInterface", "periodEnd", "bytesUp", "bytesDown"), fields(UsageRecordValidation.violations(new UsageRecorded(" ", null, "d", "BLUETOOTH", null, T,
                T.minusSeconds(1), -1, -2, false))));
    }

    @Test
    void aTetheredClientRecordNeedsItsClientAndOthersMustNotHaveOne() {
        assertEquals(List.of("clientId"), fields(UsageRecordValidation.violations(new UsageRecorded("r", "op", "d", "TETHERED_CLIENT", null, T, T, 1,
                1, false))));
        assertEquals(List.of("clientId"), fields(UsageRecordValidation.violations(new UsageRecorded("r", "op", "d", "CELLULAR", "c", T, T, 1, 1,
                false))));
    }

    @Test
    void missingTimesAreRefused() {
        assertEquals(List.of("periodStart", "periodEnd"), fields(UsageRecordValidation.violations(new UsageRecorded("r", "op", "d", "CELLULAR", null, null, null, 1,
                1, false))));
    }

    private static List<String> fields(List<UsageRecordValidation.Violation> violations) {
        return violations.stream().map(UsageRecordValidation.Violation::field).toList();
    }
}
