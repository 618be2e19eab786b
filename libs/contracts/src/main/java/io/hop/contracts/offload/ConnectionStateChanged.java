package io.hop.contracts.offload;

import java.time.Instant;

/**
 * A transition of a hotspot connection (event {@link OffloadEvents#CONNECTION_STATE_CHANGED} on
 * {@code offload.connections.v1}, key: the device id, so that one device's connections stay in order).
 *
 * @param connectionId  the connection
 * @param operatorId    the device's operator
 * @param deviceId      the device
 * @param ssid          the network's SSID
 * @param bssid         the access point's BSSID (lower-case {@code aa:bb:cc:dd:ee:ff}), or null
 * @param pluginId      the plugin that owns the network, or null for a plain Wi-Fi connection
 * @param authMethod    {@code OPEN}, {@code WISPR}, {@code EAP_SIM}, {@code EAP_AKA}, {@code EAP_AKA_PRIME}
 * @param previousState the state before, or null for a new connection
 * @param state         the state after, e.g. {@code PRE_CONNECT}, {@code CONNECTING}, {@code POST_CONNECT},
 *                      {@code AUTHORIZED}, {@code RECONNECTING}, {@code FAILED}, {@code DISCONNECTED}
 * @param reason        why, machine-readable (e.g. {@code POST_CONNECT_TIMEOUT}, {@code PLUGIN_FAILURE},
 *                      {@code RETRIES_EXHAUSTED}), or null
 * @param attempt       the connection attempt (1 = first)
 * @param blocked       whether applications are blocked from the network after the change
 * @param profileDeleted whether the change deleted the device's connection profile for the network
 * @param manual        whether the user started the connection by hand
 * @param changedAt     when the transition happened
 */
public record ConnectionStateChanged(String connectionId, String operatorId, String deviceId, String ssid,
        String bssid, String pluginId, String authMethod, String previousState, String state, String reason,
        int attempt, boolean blocked, boolean profileDeleted, boolean manual, Instant changedAt) {
}
