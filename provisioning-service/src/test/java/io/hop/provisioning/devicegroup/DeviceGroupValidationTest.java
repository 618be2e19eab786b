package io.hop.provisioning.devicegroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.DeviceMatch;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;

class DeviceGroupValidationTest {

    @Test
    void aValidGroupHasNoViolation() {
        assertTrue(violations(valid(), true).isEmpty());
    }

    @Test
    void everyViolatedRuleIsReportedAtOnceWithItsField() {
        DeviceGroupRequest request = new DeviceGroupRequest(" ", -1,
                new DeviceGroupRequest.Match(List.of("2621", "26201x", "2620112345678901"),
                        List.of(new DeviceGroupRequest.IccidRange("89490200001", "8949020000123456789"),
                                new DeviceGroupRequest.IccidRange("894902000012345678", "8949020000123456789"),
                                new DeviceGroupRequest.IccidRange("894902000012345679", "894902000012345678")),
                        List.of(""), Arrays.asList((String) null)),
                "", List.of("p1", "p1"), null, null);

        Set<String> fields = violations(request, true).stream().map(Violation::field).collect(Collectors.toSet());

        assertEquals(Set.of("name", "precedence", "version", "match.imsiPrefixes[0]", "match.imsiPrefixes[1]",
                "match.imsiPrefixes[2]", "match.iccidRanges[0].from", "match.iccidRanges[1]", "match.iccidRanges[2]",
                "match.providerIds[0]", "match.providerNames[0]", "sharingPolicyId", "hotspotProfileIds[1]"), fields);
    }

    @Test
    void precedenceIsRequiredAndTheVersionOnlyOnReplace() {
        DeviceGroupRequest request = new DeviceGroupRequest("Group", null, null, null, null, null, null);

        assertEquals(List.of("precedence"), violations(request, false).stream().map(Violation::field).toList());
        assertEquals(Set.of("precedence", "version"),
                violations(request, true).stream().map(Violation::field).collect(Collectors.toSet()));
    }

    @Test
    void aMissingBodyIsOneViolation() {
        assertEquals(List.of("body"), violations(null, false).stream().map(Violation::field).toList());
    }

    @Test
    void theMatchOfAValidRequestIsTheContractsWithProviderValuesTrimmedAndAbsentListsEmpty() {
        DeviceMatch match = DeviceGroupValidation.toMatch(new DeviceGroupRequest.Match(List.of("26201"), null,
                List.of(" p-1 "), null));

        assertEquals(new DeviceMatch(List.of("26201"), List.of(), List.of("p-1"), List.of()), match);
        assertEquals(new DeviceMatch(List.of(), List.of(), List.of(), List.of()), DeviceGroupValidation.toMatch(null));
    }

    static DeviceGroupRequest valid() {
        return new DeviceGroupRequest("Germany", 10,
                new DeviceGroupRequest.Match(List.of("26201", "262011234567890"),
                        List.of(new DeviceGroupRequest.IccidRange("894902000000000000", "894902000099999999")),
                        List.of("provider-1"), List.of("Acme Mobile")),
                "policy-1", List.of("profile-1", "profile-2"), "plan-1", 3L);
    }

    private static List<Violation> violations(DeviceGroupRequest request, boolean replace) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        DeviceGroupValidation.validate(request, replace, problems);
        return problems.violations();
    }
}
