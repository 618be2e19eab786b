package io.hop.readmodel.devices;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatching;
import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.readmodel.ProvisioningReadModel;
import io.hop.readmodel.devices.DeviceDirectory.DeviceAndGroupsRevision;
import io.hop.readmodel.devices.DeviceGroupDirectory.OperatorGroups;
import io.hop.readmodel.plans.PlanDirectory;
import io.hop.readmodel.policies.SharingPolicyDirectory;
import io.hop.readmodel.profiles.HotspotProfileDirectory;

/**
 * A device's effective assignment from this service's read model: its group, by {@link DeviceMatching#resolve} (the one
 * rule provisioning-service applies too) over its operator's groups, and that group's sharing policy, plan and hotspot
 * profiles. Entitlement-service resolves device → policy and plan with it, usage-service device → plan.
 *
 * <p>Built for a million devices per operator: the device is one primary-key read, which also reads the revision of
 * its operator's groups. The groups themselves (an operator has few) are kept in memory per operator and used only
 * while their revision is the one read with the device. Every applied change or deletion of a group gives its
 * operator a new revision in the same transaction ({@link DeviceGroupDirectory}), so the copy is never stale: not
 * after a change applied in this JVM, not after one applied by another replica sharing the database, not after a
 * rolled-back one. Then the policy, plan and profiles the group names are read by their keys, each only if the
 * service keeps its type.
 *
 * <p>Needs {@code device} and {@code device-group} in {@code hop.readmodel.entities}; add {@code sharing-policy},
 * {@code plan}, {@code hotspot-profile} for the parts of the assignment the service uses. Reads in the caller's
 * transaction when there is one.
 */
@ApplicationScoped
public class DeviceResolver {

    private final DeviceDirectory devices;
    private final DeviceGroupDirectory groups;
    private final SharingPolicyDirectory policies;
    private final PlanDirectory plans;
    private final HotspotProfileDirectory profiles;
    private final Set<String> kept;
    private final Map<String, OperatorGroups> groupsByOperator = new ConcurrentHashMap<>();
    private final AtomicLong groupReads = new AtomicLong();

    /**
     * @throws IllegalStateException when {@code readModel} does not keep devices and device groups
     */
    @Inject
    public DeviceResolver(ProvisioningReadModel readModel, DeviceDirectory devices, DeviceGroupDirectory groups,
            SharingPolicyDirectory policies, PlanDirectory plans, HotspotProfileDirectory profiles) {
        this.kept = readModel.entityTypes();
        Set<String> missing = new TreeSet<>(Set.of(ProvisioningKeys.DEVICE, ProvisioningKeys.DEVICE_GROUP));
        missing.removeAll(kept);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("DeviceResolver needs " + missing + " in hop.readmodel.entities (now " + kept
                    + ")");
        }
        this.devices = Objects.requireNonNull(devices, "devices");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /** The effective assignment of device {@code deviceId} of operator {@code operatorId}. */
    public EffectiveAssignment resolve(String operatorId, String deviceId) {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(deviceId, "deviceId");
        Optional<DeviceAndGroupsRevision> found = devices.findWithGroupsRevision(operatorId, deviceId);
        if (found.isEmpty()) {
            return EffectiveAssignment.unknownDevice();
        }
        DeviceChanged device = found.get().device();
        Optional<DeviceGroupChanged> group = DeviceMatching.resolve(
                groupsOf(operatorId, found.get().groupsRevision()).groups(), DeviceMatching.HardwareIds.of(device));
        if (group.isEmpty()) {
            return EffectiveAssignment.noGroupMatches(device);
        }
        DeviceGroupChanged assigned = group.get();
        Optional<SharingPolicyChanged> policy = keeps(ProvisioningKeys.SHARING_POLICY)
                ? held(assigned.sharingPolicyId(), policies::find).filter(p -> operatorId.equals(p.operatorId()))
                : Optional.empty();
        Optional<PlanChanged> plan = keeps(ProvisioningKeys.PLAN)
                ? held(assigned.planId(), plans::find).filter(p -> operatorId.equals(p.operatorId()))
                : Optional.empty();
        List<HotspotProfileChanged> hotspotProfiles = keeps(ProvisioningKeys.HOTSPOT_PROFILE)
                ? profiles.findAll(operatorId, assigned.hotspotProfileIds())
                : List.of();
        return EffectiveAssignment.assigned(device, assigned, policy, plan, hotspotProfiles);
    }

    /** How often the groups were read from the database (a cache miss), for tests and metrics. */
    long groupReads() {
        return groupReads.get();
    }

    private OperatorGroups groupsOf(String operatorId, long revision) {
        OperatorGroups cached = groupsByOperator.get(operatorId);
        if (cached != null && cached.revision() == revision) {
            return cached;
        }
        groupReads.incrementAndGet();
        // Read at least as late as the device, so never older than the revision read with it. Should a group change
        // commit in between, the copy is labelled with its own, newer revision, and the next device read refreshes it.
        OperatorGroups read = groups.groupsWithRevision(operatorId);
        groupsByOperator.put(operatorId, read);
        return read;
    }

    private boolean keeps(String entityType) {
        return kept.contains(entityType);
    }

    private static <T> Optional<T> held(String id, Function<String, Optional<T>> find) {
        return id == null ? Optional.empty() : find.apply(id);
    }
}
