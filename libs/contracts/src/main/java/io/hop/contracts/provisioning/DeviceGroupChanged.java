package io.hop.contracts.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * The full state of a device group at {@code version} (key {@link ProvisioningKeys#deviceGroup(String)}): which devices
 * it matches, and the configuration it assigns to them. Consumers resolve a device's configuration from the groups
 * with {@link DeviceMatching}, so that a change of a group that matches a million devices is one event.
 *
 * @param operatorId        the owning operator
 * @param groupId           the group's id (unique across operators)
 * @param name              display name
 * @param precedence        the order in which an operator's groups are tried: lower first; unique per operator
 * @param match             the hardware ids it matches
 * @param sharingPolicyId   the assigned sharing policy, or null
 * @param hotspotProfileIds the assigned hotspot profiles
 * @param planId            the assigned plan, or null
 * @param version           increases by one with every change of the group
 * @param changedAt         when provisioning-service committed the change
 */
public record DeviceGroupChanged(String operatorId, String groupId, String name, int precedence, DeviceMatch match,
        String sharingPolicyId, List<String> hotspotProfileIds, String planId, long version, Instant changedAt) {

    public DeviceGroupChanged {
        hotspotProfileIds = hotspotProfileIds == null ? List.of() : List.copyOf(hotspotProfileIds);
    }
}
