package io.hop.platform.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * A 400 validation problem raised by domain validation (rules bean validation cannot express), with one
 * {@link Violation} per violated rule, exactly like bean validation failures.
 *
 * <pre>{@code
 * ValidationProblem.Builder problems = ValidationProblem.builder();
 * if (policy.maxUsers() > 8) problems.add("maxUsers", "must be between 1 and 8");
 * if (policy.entitlementRequired() && policy.provider() == null) problems.add("entitlementProvider", "required when entitlementRequired is true");
 * problems.throwIfAny();
 * }</pre>
 */
public class ValidationProblem extends ProblemException {

    private static final long serialVersionUID = 1L;

    public static final String TITLE = "Validation failed";

    public ValidationProblem(List<Violation> violations) {
        this(detailOf(violations), violations);
    }

    public ValidationProblem(String detail, List<Violation> violations) {
        super(Problem.TYPE_VALIDATION, 400, TITLE, detail, violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation problem has at least one violation");
        }
    }

    /** A problem with the single violation {@code field}: {@code message}. */
    public static ValidationProblem of(String field, String message) {
        return new ValidationProblem(List.of(new Violation(field, message)));
    }

    public static Builder builder() {
        return new Builder();
    }

    static String detailOf(List<Violation> violations) {
        return violations.size() == 1 ? "1 rule violated" : violations.size() + " rules violated";
    }

    /** Collects violations, then throws them together. */
    public static final class Builder {

        private final List<Violation> violations = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String field, String message) {
            violations.add(new Violation(field, message));
            return this;
        }

        /** Adds the violation when {@code violated} is true. */
        public Builder addIf(boolean violated, String field, String message) {
            return violated ? add(field, message) : this;
        }

        public boolean isEmpty() {
            return violations.isEmpty();
        }

        public List<Violation> violations() {
            return List.copyOf(violations);
        }

        /** Throws a {@link ValidationProblem} with the collected violations, if there are any. */
        public void throwIfAny() {
            if (!violations.isEmpty()) {
                throw new ValidationProblem(violations);
            }
        }
    }
}
