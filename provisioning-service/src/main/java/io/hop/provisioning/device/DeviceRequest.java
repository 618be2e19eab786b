package io.hop.provisioning.device;

/**
 * Body of {@code PUT /v1/operators/{operatorId}/devices/{deviceId}}: the device's hardware ids, as read from its SIM.
 * Checked by {@link DeviceValidation}.
 */
public record DeviceRequest(String imsi, String iccid, String providerId, String providerName) {
}
