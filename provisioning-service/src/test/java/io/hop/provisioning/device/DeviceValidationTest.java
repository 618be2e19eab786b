package io.hop.provisioning.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;

class DeviceValidationTest {

    @Test
    void aDeviceWithValidHardwareIdsHasNoViolation() {
        assertTrue(violations("dev-1", new DeviceRequest("262011234567890", "8949020000123456789", "p-1", "Acme")).isEmpty());
        assertTrue(violations("a.b_c:d@e-f", new DeviceRequest("262011", null, null, null)).isEmpty());
    }

    @Test
    void everyViolatedRuleIsReportedAtOnce() {
        Set<String> fields = violations("-bad id", new DeviceRequest("26201", "89490200001234567", " ", "x".repeat(201)))
                .stream().map(Violation::field).collect(Collectors.toSet());

        assertEquals(Set.of("deviceId", "imsi", "iccid", "providerId", "providerName"), fields);
    }

    @Test
    void imsiHas6To15DigitsAndIccid18To22() {
        assertEquals(List.of("imsi"), fields(new DeviceRequest("2620112345678901", null, null, null)));
        assertEquals(List.of("iccid"), fields(new DeviceRequest(null, "89490200001234567890123", null, null)));
        assertEquals(List.of("iccid"), fields(new DeviceRequest(null, "89490200001234567a", null, null)));
        assertTrue(fields(new DeviceRequest(null, "8949020000123456789012", null, null)).isEmpty());
    }

    @Test
    void aDeviceWithoutAnyHardwareIdIsRefused() {
        assertEquals(List.of("body"), fields(new DeviceRequest(null, null, null, null)));
        assertEquals(List.of("body"), fields(null));
    }

    private static List<String> fields(DeviceRequest request) {
        return violations("dev-1", request).stream().map(Violation::field).toList();
    }

    private static List<Violation> violations(String deviceId, DeviceRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        DeviceValidation.validate(deviceId, request, problems);
        return problems.violations();
    }
}
