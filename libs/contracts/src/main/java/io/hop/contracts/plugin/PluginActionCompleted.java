package io.hop.contracts.plugin;

import java.time.Instant;

/**
 * The result of a {@link PluginActionRequested} (event {@link PluginEvents#ACTION_COMPLETED} on
 * {@code plugin.results.v1}, key: the connection id).
 *
 * @param requestId    the request answered
 * @param connectionId the connection
 * @param operatorId   the device's operator
 * @param deviceId     the device
 * @param pluginId     the plugin that did the work
 * @param action       {@code PRE_CONNECT}, {@code POST_CONNECT} or {@code RESET}
 * @param attempt      the attempt of the request
 * @param outcome      {@link Outcome}
 * @param detail       a human-readable explanation (never a secret), or null
 * @param completedAt  when the plugin finished
 */
public record PluginActionCompleted(String requestId, String connectionId, String operatorId, String deviceId,
        String pluginId, String action, int attempt, String outcome, String detail, Instant completedAt) {

    /**
     * How the work ended. {@code QUARANTINED} and {@code TIMED_OUT} are the host's answers when the plugin could not
     * be asked or did not answer within its call timeout.
     */
    public enum Outcome {
        SUCCESS, FAILURE, RETRYABLE_FAILURE, TIMED_OUT, QUARANTINED
    }
}
