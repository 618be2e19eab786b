package io.hop.contracts.plugin;

import java.time.Instant;

/**
 * offload-service asks the plugin that owns a connection's network to do its work (event
 * {@link PluginEvents#ACTION_REQUESTED} on {@code plugin.requests.v1}, key: the connection id). plugin-host answers
 * each request once with a {@link PluginActionCompleted} carrying the same {@code requestId}.
 *
 * @param requestId    unique id of the request (idempotency key; the result repeats it)
 * @param connectionId the connection
 * @param operatorId   the device's operator
 * @param deviceId     the device
 * @param pluginId     the plugin that identified the network
 * @param action       {@link Action}
 * @param attempt      the connection attempt the request belongs to (results of older attempts are late)
 * @param ssid         the network's SSID
 * @param bssid        the access point's BSSID, or null
 * @param authMethod   the method the plugin chose at identification
 * @param requestedAt  when offload-service asked
 */
public record PluginActionRequested(String requestId, String connectionId, String operatorId, String deviceId,
        String pluginId, String action, int attempt, String ssid, String bssid, String authMethod,
        Instant requestedAt) {

    /** What a plugin is asked to do for a connection. */
    public enum Action {
        PRE_CONNECT, POST_CONNECT, RESET
    }
}
