package io.hop.provisioning.devicegroup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.hop.contracts.provisioning.DeviceMatch;
import io.hop.platform.problem.ValidationProblem;

/**
 * The rules of a device group's body, as plain Java: every violated rule is added to the builder, so that a client
 * learns all of them at once. Whether the referenced policy, profiles and plan exist is the service's check.
 */
public final class DeviceGroupValidation {

    /** Most entries a group's list may hold (each criterion, the hotspot profiles). */
    static final int MAX_ENTRIES = 1000;
    static final int MAX_TEXT = 200;
    private static final Pattern IMSI_PREFIX = Pattern.compile("[0-9]{5,15}");
    private static final Pattern ICCID = Pattern.compile("[0-9]{18,22}");

    private DeviceGroupValidation() {
    }

    /**
     * Adds a violation for each rule {@code request} breaks.
     *
     * @param replace whether it replaces a group (then its {@code version} is required)
     */
    public static void validate(DeviceGroupRequest request, boolean replace, ValidationProblem.Builder problems) {
        if (request == null) {
            problems.add("body", "is required");
            return;
        }
        text(request.name(), "name", true, problems);
        if (request.precedence() == null) {
            problems.add("precedence", "is required (groups are tried in ascending order of precedence)");
        } else if (request.precedence() < 0) {
            problems.add("precedence", "must be 0 or more");
        }
        if (replace && (request.version() == null || request.version() < 1)) {
            problems.add("version", "is required: the version you read (1 or more)");
        }
        DeviceGroupRequest.Match match = request.match();
        if (match != null) {
            List<String> prefixes = list(match.imsiPrefixes(), "match.imsiPrefixes", problems);
            for (int i = 0; i < prefixes.size(); i++) {
                String prefix = prefixes.get(i);
                if (prefix == null || !IMSI_PREFIX.matcher(prefix).matches()) {
                    problems.add("match.imsiPrefixes[" + i + "]", "must be 5 to 15 digits (MCC+MNC, or longer)");
                }
            }
            List<DeviceGroupRequest.IccidRange> ranges = list(match.iccidRanges(), "match.iccidRanges", problems);
            for (int i = 0; i < ranges.size(); i++) {
                iccidRange(ranges.get(i), "match.iccidRanges[" + i + "]", problems);
            }
            List<String> providerIds = list(match.providerIds(), "match.providerIds", problems);
            for (int i = 0; i < providerIds.size(); i++) {
                text(providerIds.get(i), "match.providerIds[" + i + "]", true, problems);
            }
            List<String> providerNames = list(match.providerNames(), "match.providerNames", problems);
            for (int i = 0; i < providerNames.size(); i++) {
                text(providerNames.get(i), "match.providerNames[" + i + "]", true, problems);
            }
        }
        text(request.sharingPolicyId(), "sharingPolicyId", false, problems);
        text(request.planId(), "planId", false, problems);
        List<String> profiles = list(request.hotspotProfileIds(), "hotspotProfileIds", problems);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            String id = profiles.get(i);
            if (text(id, "hotspotProfileIds[" + i + "]", true, problems) && !seen.add(id)) {
                problems.add("hotspotProfileIds[" + i + "]", "is listed twice");
            }
        }
    }

    /** The contract's match of a valid request (trimmed, nulls as empty lists). */
    public static DeviceMatch toMatch(DeviceGroupRequest.Match match) {
        if (match == null) {
            return new DeviceMatch(List.of(), List.of(), List.of(), List.of());
        }
        List<DeviceMatch.IccidRange> ranges = new ArrayList<>();
        for (DeviceGroupRequest.IccidRange range : nonNull(match.iccidRanges())) {
            ranges.add(new DeviceMatch.IccidRange(range.from(), range.to()));
        }
        return new DeviceMatch(nonNull(match.imsiPrefixes()), ranges, trimmed(match.providerIds()),
                trimmed(match.providerNames()));
    }

    private static void iccidRange(DeviceGroupRequest.IccidRange range, String field, ValidationProblem.Builder problems) {
        if (range == null) {
            problems.add(field, "must be a range {from, to}");
            return;
        }
        boolean from = range.from() != null && ICCID.matcher(range.from()).matches();
        boolean to = range.to() != null && ICCID.matcher(range.to()).matches();
        problems.addIf(!from, field + ".from", "must be an ICCID of 18 to 22 digits");
        problems.addIf(!to, field + ".to", "must be an ICCID of 18 to 22 digits");
        if (from && to) {
            if (range.from().length() != range.to().length()) {
                problems.add(field, "from and to must have the same length");
            } else if (range.from().compareTo(range.to()) > 0) {
                problems.add(field, "from must not be greater than to");
            }
        }
    }

    /** Checks an optional or required text; whether it is present and valid. */
    static boolean text(String value, String field, boolean required, ValidationProblem.Builder problems) {
        if (value == null) {
            problems.addIf(required, field, "is required");
            return false;
        }
        if (value.isBlank()) {
            problems.add(field, "must not be blank");
            return false;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(field, "must be at most " + MAX_TEXT + " characters");
            return false;
        }
        return true;
    }

    private static <T> List<T> list(List<T> values, String field, ValidationProblem.Builder problems) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_ENTRIES) {
            problems.add(field, "must have at most " + MAX_ENTRIES + " entries");
            return List.of();
        }
        return values;
    }

    private static <T> List<T> nonNull(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static List<String> trimmed(List<String> values) {
        return nonNull(values).stream().map(String::trim).toList();
    }
}
