package io.hop.offload.connection;

/** What can happen to a connection: the inputs of {@link ConnectionLifecycle}. */
public sealed interface LifecycleInput {

    /** The device's report ({@code POST /v1/connections/{id}/events}). */
    record DeviceEvent(DeviceEventType type) implements LifecycleInput {
    }

    /**
     * A plugin's answer on {@code plugin.results.v1}.
     *
     * @param requestId the request it answers
     * @param action    {@code PRE_CONNECT}, {@code POST_CONNECT} or {@code RESET}
     * @param attempt   the attempt the request belonged to
     * @param outcome   {@code SUCCESS}, {@code FAILURE}, {@code RETRYABLE_FAILURE}, {@code TIMED_OUT}, {@code QUARANTINED}
     * @param detail    the plugin's explanation, or null
     */
    record PluginResult(String requestId, String action, int attempt, String outcome, String detail)
            implements LifecycleInput {
    }

    /** The durable post-connect timer of {@code attempt} fired. */
    record PostConnectTimeout(int attempt) implements LifecycleInput {
    }

    /** The device reports on the network it joined or tried to join. */
    enum DeviceEventType {
        CONNECTED, CONNECT_FAILED, DISCONNECTED
    }
}
