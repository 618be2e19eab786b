package io.hop.plugin.api;

/**
 * Who scanned.
 *
 * @param operatorId        the device's operator
 * @param deviceId          the device
 * @param cellularAvailable whether the device has a usable cellular connection (fallback-only hotspots are offered
 *                          only when it has not)
 */
public record ScanContext(String operatorId, String deviceId, boolean cellularAvailable) {
}
