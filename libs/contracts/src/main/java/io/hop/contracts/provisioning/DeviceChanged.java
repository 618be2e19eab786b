package io.hop.contracts.provisioning;

import java.time.Instant;

/**
 * The full state of a registered device at {@code version} (key {@link ProvisioningKeys#device(String, String)}): its
 * hardware ids, not its resolved configuration. Consumers resolve the device's group with {@link DeviceMatching} over
 * the groups they hold, exactly as provisioning-service does.
 *
 * @param operatorId   the owning operator; device ids are unique within an operator
 * @param deviceId     the device's id (the {@code sub} of its device tokens)
 * @param imsi         the SIM's IMSI (6-15 digits), or null
 * @param iccid        the SIM's ICCID (18-22 digits), or null
 * @param providerId   the SIM's provider id, or null
 * @param providerName the SIM's provider name, or null
 * @param version      increases by one with every change of the device
 * @param changedAt    when provisioning-service committed the change
 */
public record DeviceChanged(String operatorId, String deviceId, String imsi, String iccid, String providerId,
        String providerName, long version, Instant changedAt) {
}
