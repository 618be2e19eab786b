package io.hop.plugin.api;

/**
 * A connection a plugin works on.
 *
 * @param connectionId offload-service's id of the connection
 * @param operatorId   the device's operator
 * @param deviceId     the device
 * @param ssid         the network
 * @param bssid        the access point, or null
 * @param authMethod   the method chosen at identification
 * @param attempt      1 for the first attempt, then 2, 3 … after reconnects
 */
public record Connection(String connectionId, String operatorId, String deviceId, String ssid, String bssid,
        AuthMethod authMethod, int attempt) {
}
