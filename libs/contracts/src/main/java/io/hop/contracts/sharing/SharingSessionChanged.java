package io.hop.contracts.sharing;

import java.time.Instant;

/**
 * A change of a device's internet-sharing (tethering) session (event {@link SharingEvents#SESSION_CHANGED} on
 * {@code sharing.sessions.v1}, key: the device id). Every change of state and every client joining or leaving is
 * published, in order per device.
 *
 * @param sessionId     the session (one per turning sharing on)
 * @param operatorId    the device's operator
 * @param deviceId      the sharing device
 * @param change        what happened ({@link Change})
 * @param state         the session's state after the change: {@code ON} or {@code OFF}
 * @param reason        why, machine-readable: e.g. {@code USER_REQUEST}, {@code PEERLESS_TIMEOUT},
 *                      {@code NO_PUBLIC_CONNECTION}, {@code ENTITLEMENT_REVOKED}, {@code ENTITLEMENT_UNAVAILABLE},
 *                      {@code SHARING_DISABLED_BY_OPERATOR}; null for client changes
 * @param clientId      the client that joined or left, else null
 * @param transport     {@code WIFI} or {@code BLUETOOTH} for client changes, else null
 * @param wifiClients   Wi-Fi clients connected after the change
 * @param bluetoothClients Bluetooth clients connected after the change
 * @param policyVersion the sharing policy version the session runs with
 * @param changedAt     when the change happened
 */
public record SharingSessionChanged(String sessionId, String operatorId, String deviceId, String change, String state,
        String reason, String clientId, String transport, int wifiClients, int bluetoothClients, long policyVersion,
        Instant changedAt) {

    /** The kinds of change. */
    public enum Change {
        STARTED, STOPPED, CLIENT_JOINED, CLIENT_LEFT, PUBLIC_CONNECTION_CHANGED
    }
}
