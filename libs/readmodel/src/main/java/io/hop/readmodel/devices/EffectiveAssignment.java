package io.hop.readmodel.devices;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.SharingPolicyChanged;

/**
 * What a device is assigned, as this service's read model resolves it ({@link DeviceResolver}).
 *
 * <p>The group says what it assigns ({@code group().sharingPolicyId()}, {@code planId()}, {@code hotspotProfileIds()});
 * the other fields hold those entities as this service knows them. One is empty (or left out of
 * {@code hotspotProfiles}) when the group assigns none, when the service does not keep its entity type
 * ({@code hop.readmodel.entities}), or when its event has not arrived yet.
 *
 * @param outcome         whether the device is known and in a group
 * @param device          the device, unless {@link Outcome#UNKNOWN_DEVICE}
 * @param group           the device's group, when {@link Outcome#ASSIGNED}
 * @param sharingPolicy   the group's sharing policy
 * @param plan            the group's plan
 * @param hotspotProfiles the group's hotspot profiles, in the group's order
 */
public record EffectiveAssignment(Outcome outcome, Optional<DeviceChanged> device, Optional<DeviceGroupChanged> group,
        Optional<SharingPolicyChanged> sharingPolicy, Optional<PlanChanged> plan,
        List<HotspotProfileChanged> hotspotProfiles) {

    /** How resolving a device ended. */
    public enum Outcome {
        /** The device is known and a group matches it. */
        ASSIGNED,
        /** The device is known, but none of its operator's groups matches it. */
        NO_GROUP_MATCHES,
        /** This service holds no such device (never registered, deleted, or its event has not arrived yet). */
        UNKNOWN_DEVICE
    }

    public EffectiveAssignment {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(sharingPolicy, "sharingPolicy");
        Objects.requireNonNull(plan, "plan");
        hotspotProfiles = List.copyOf(hotspotProfiles);
        if (device.isEmpty() != (outcome == Outcome.UNKNOWN_DEVICE) || group.isPresent() != (outcome == Outcome.ASSIGNED)) {
            throw new IllegalArgumentException(outcome + " does not fit device " + device + " and group " + group);
        }
    }

    /** The outcome for a device this service does not hold. */
    public static EffectiveAssignment unknownDevice() {
        return new EffectiveAssignment(Outcome.UNKNOWN_DEVICE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** The outcome for a known device that none of its operator's groups matches. */
    public static EffectiveAssignment noGroupMatches(DeviceChanged device) {
        return new EffectiveAssignment(Outcome.NO_GROUP_MATCHES, Optional.of(device), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** The assignment of a device in {@code group}. */
    public static EffectiveAssignment assigned(DeviceChanged device, DeviceGroupChanged group,
            Optional<SharingPolicyChanged> sharingPolicy, Optional<PlanChanged> plan,
            List<HotspotProfileChanged> hotspotProfiles) {
        return new EffectiveAssignment(Outcome.ASSIGNED, Optional.of(device), Optional.of(group), sharingPolicy, plan,
                hotspotProfiles);
    }

    /** Whether the device is known and in a group. */
    public boolean assigned() {
        return outcome == Outcome.ASSIGNED;
    }
}
