package io.hop.provisioning.entity;

import java.util.List;
import java.util.Set;

import io.hop.platform.problem.ValidationProblem;

/** Small building blocks of the plain-Java validations of provisioning entities. */
public final class Rules {

    /** One rule of a single value. */
    @FunctionalInterface
    public interface Rule {
        /** Why {@code value} breaks the rule, or null when it does not. */
        String problem(String value);
    }

    private Rules() {
    }

    /** {@code value} is required and one of {@code allowed}. */
    public static void oneOf(String value, Set<String> allowed, String field, ValidationProblem.Builder problems) {
        if (value == null) {
            problems.add(field, "is required (one of " + sorted(allowed) + ")");
        } else if (!allowed.contains(value)) {
            problems.add(field, "must be one of " + sorted(allowed));
        }
    }

    /** Checks each element of {@code values}; a violation names its index, e.g. {@code ssids[2]}. */
    public static void eachOf(List<String> values, String field, ValidationProblem.Builder problems, Rule rule) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String problem = value == null ? "must not be null" : rule.problem(value);
            problems.addIf(problem != null, field + "[" + i + "]", problem);
        }
    }

    /** A required text of at most {@code max} characters. */
    public static void requiredText(String value, int max, String field, ValidationProblem.Builder problems) {
        if (isBlank(value)) {
            problems.add(field, "is required");
        } else if (value.length() > max) {
            problems.add(field, "must be at most " + max + " characters");
        }
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
