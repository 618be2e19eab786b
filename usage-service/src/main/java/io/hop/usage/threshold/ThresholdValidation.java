package io.hop.usage.threshold;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.hop.platform.problem.ValidationProblem;

/** The rules of a threshold as an operator writes it; plain Java. */
public final class ThresholdValidation {

    /** Snooze when none is given. */
    public static final Duration DEFAULT_SNOOZE = Duration.ofHours(1);
    static final Duration MAX_SNOOZE = Duration.ofDays(366);
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private ThresholdValidation() {
    }

    /** A threshold as requested: exactly one of {@code percent} and {@code bytes}. */
    public record Request(String planId, Integer percent, Long bytes, Duration snooze) {
    }

    /** The request {@code body} holds for {@code thresholdId}, or a {@link ValidationProblem} naming every rule broken. */
    public static Request parse(String thresholdId, JsonNode body) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        problems.addIf(thresholdId == null || !ID.matcher(thresholdId).matches(), "thresholdId",
                "must be 1 to 100 letters, digits, '.', '_' or '-'");
        if (body == null || !body.isObject()) {
            problems.add("body", "must be a JSON object with percent or bytes");
            problems.throwIfAny();
        }
        Integer percent = null;
        Long bytes = null;
        JsonNode p = body.get("percent");
        JsonNode b = body.get("bytes");
        boolean hasPercent = p != null && !p.isNull();
        boolean hasBytes = b != null && !b.isNull();
        if (hasPercent == hasBytes) {
            problems.add("percent", "exactly one of percent and bytes is required");
        }
        if (hasPercent) {
            if (!p.isIntegralNumber() || p.asLong() < 1 || p.asLong() > 1000) {
                problems.add("percent", "must be a whole number from 1 to 1000");
            } else {
                percent = p.asInt();
            }
        }
        if (hasBytes) {
            if (!b.isIntegralNumber() || !b.canConvertToLong() || b.asLong() < 1) {
                problems.add("bytes", "must be a whole number of at least 1");
            } else {
                bytes = b.asLong();
            }
        }
        String planId = null;
        JsonNode plan = body.get("planId");
        if (plan != null && !plan.isNull()) {
            if (!plan.isTextual() || plan.asText().isBlank() || plan.asText().length() > 200) {
                problems.add("planId", "must be a plan id of at most 200 characters, or null for every plan");
            } else {
                planId = plan.asText();
            }
        }
        Duration snooze = DEFAULT_SNOOZE;
        JsonNode s = body.get("snooze");
        if (s != null && !s.isNull()) {
            try {
                snooze = Duration.parse(s.asText());
                if (!s.isTextual() || snooze.isNegative() || snooze.compareTo(MAX_SNOOZE) > 0) {
                    problems.add("snooze", "must be an ISO-8601 duration from PT0S to P366D");
                }
            } catch (DateTimeParseException e) {
                problems.add("snooze", "must be an ISO-8601 duration such as PT1H");
            }
        }
        problems.throwIfAny();
        return new Request(planId, percent, bytes, snooze);
    }
}
