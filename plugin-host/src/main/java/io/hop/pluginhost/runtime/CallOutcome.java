package io.hop.pluginhost.runtime;

/**
 * How one call to a plugin ended. {@code value} is set only when {@link Kind#ANSWERED}; {@code error} describes the
 * rest (never a stack trace) and {@code cause} keeps what the plugin threw.
 */
public record CallOutcome<T>(Kind kind, T value, String error, Throwable cause) {

    /** The outcomes named by the identification API. */
    public enum Kind {
        ANSWERED, TIMED_OUT, FAILED, SKIPPED_QUARANTINED
    }

    public static <T> CallOutcome<T> answered(T value) {
        return new CallOutcome<>(Kind.ANSWERED, value, null, null);
    }

    public static <T> CallOutcome<T> skipped() {
        return new CallOutcome<>(Kind.SKIPPED_QUARANTINED, null, "quarantined", null);
    }

    public static <T> CallOutcome<T> timedOut(String error) {
        return new CallOutcome<>(Kind.TIMED_OUT, null, error, null);
    }

    public static <T> CallOutcome<T> failed(String error, Throwable cause) {
        return new CallOutcome<>(Kind.FAILED, null, error, cause);
    }

    public boolean answered() {
        return kind == Kind.ANSWERED;
    }
}
