package io.hop.plugin.api;

import java.util.List;

/**
 * A request to a {@link PluginOperation} that the plugin refuses: plugin-host answers it as a problem with
 * {@code status} and, for invalid input, one violation per field and rule.
 */
public class PluginOperationException extends RuntimeException {

    private final int status;
    private final List<Violation> violations;

    public PluginOperationException(int status, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    public PluginOperationException(int status, String detail) {
        this(status, detail, List.of());
    }

    public int status() {
        return status;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One violated rule of one field. */
    public record Violation(String field, String message) {
    }
}
