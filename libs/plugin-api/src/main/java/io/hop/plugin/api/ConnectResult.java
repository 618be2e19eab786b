package io.hop.plugin.api;

/** The end of pre- or post-connect work; {@code detail} is for logs and support, never a secret. */
public record ConnectResult(Outcome outcome, String detail) {

    public enum Outcome {
        SUCCESS, FAILURE, RETRYABLE_FAILURE
    }

    public static ConnectResult success() {
        return new ConnectResult(Outcome.SUCCESS, null);
    }

    public static ConnectResult failure(String detail) {
        return new ConnectResult(Outcome.FAILURE, detail);
    }

    public static ConnectResult retryableFailure(String detail) {
        return new ConnectResult(Outcome.RETRYABLE_FAILURE, detail);
    }
}
