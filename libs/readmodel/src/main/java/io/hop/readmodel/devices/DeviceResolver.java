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
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatching;
import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.readmodel.ConfigurationRevisions;
import io.hop.readmodel.ProvisioningReadModel;
import io.hop.readmodel.RevisionCache;
import io.hop.readmodel.devices.DeviceDirectory.DeviceAndRevisions;
import io.hop.readmodel.devices.DeviceGroupDirectory.OperatorGroups;
import io.hop.readmodel.plans.PlanDirectory;
import io.hop.readmodel.policies.SharingPolicyDirectory;
import io.hop.readmodel.profiles.HotspotProfileDirectory;

/**
 * A device's effective assignment from this service's read model: its group, by {@link DeviceMatching#resolve} (the one
 * rule provisioning-service applies too) over its operator's groups, and that group's sharing policy, plan and hotspot
 * profiles. Entitlement-service resolves device → policy and plan with it, usage-service device → plan.
 *
 * <p>Built for a million devices per operator: the device is one primary-key read, which also reads the revisions of
 * its operator's groups and of its operator's configuration (policies, plans, profiles: {@link ConfigurationRevisions}).
 * The groups and the configuration (an operator has few of each) are kept in memory per operator and used only while
 * their revision is the one read with the device. Every applied change or deletion of one of them gives its operator a
 * new revision in the same transaction ({@link DeviceGroupDirectory}, the directories of policies, plans and profiles),
 * so the copies are never stale: not after a change applied in this JVM, not after one applied by another replica
 * sharing the database, not after a rolled-back one. So a resolution costs one round trip while nothing changes.
 * Policies, plans and profiles are held only for the types the service keeps.
 *
 * <p>{@link #resolveWithRevision} also hands the service the configuration revision it read, for configuration of the
 * service's own that it caches the same way ({@link RevisionCache}; its changes call
 * {@link ConfigurationRevisions#changed}).
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
    private final RevisionCache<OperatorConfiguration> configurations = new RevisionCache<>(this::configurationOf);

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
        return resolveWithRevision(operatorId, deviceId).assignment();
    }

    /**
     * The effective assignment of device {@code deviceId} of operator {@code operatorId}, with the revision of the
     * operator's configuration read in the device's statement.
     */
    public Resolution resolveWithRevision(String operatorId, String deviceId) {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(deviceId, "deviceId");
        Optional<DeviceAndRevisions> found = devices.findWithRevisions(operatorId, deviceId);
        if (found.isEmpty()) {
            return new Resolution(EffectiveAssignment.unknownDevice(), Resolution.NO_REVISION);
        }
        long revision = found.get().configurationRevision();
        DeviceChanged device = found.get().device();
        Optional<DeviceGroupChanged> group = DeviceMatching.resolve(
                groupsOf(operatorId, found.get().groupsRevision()).groups(), DeviceMatching.HardwareIds.of(device));
        if (group.isEmpty()) {
            return new Resolution(EffectiveAssignment.noGroupMatches(device), revision);
        }
        DeviceGroupChanged assigned = group.get();
        OperatorConfiguration configuration = configurations.get(operatorId, revision);
        Optional<SharingPolicyChanged> policy = held(assigned.sharingPolicyId(), configuration.policies());
        Optional<PlanChanged> plan = held(assigned.planId(), configuration.plans());
        List<HotspotProfileChanged> hotspotProfiles = assigned.hotspotProfileIds().stream().distinct()
                .map(configuration.profiles()::get).filter(Objects::nonNull).toList();
        return new Resolution(EffectiveAssignment.assigned(device, assigned, policy, plan, hotspotProfiles), revision);
    }

    /**
     * A device's assignment and the revision of its operator's configuration ({@link ConfigurationRevisions}) read in
     * the same statement as the device: the label under which a service may use its own per-operator copies
     * ({@link RevisionCache#get}).
     *
     * @param configurationRevision {@link #NO_REVISION} for an unknown device (nothing was read)
     */
    public record Resolution(EffectiveAssignment assignment, long configurationRevision) {

        /** The revision of an unknown device's resolution: none was read. */
        public static final long NO_REVISION = -1;
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

    /** How often the operators' policies, plans and profiles were read from the database (a cache miss). */
    long configurationReads() {
        return configurations.loads();
    }

    /** The operator's policies, plans and profiles, of the types the service keeps (others stay empty). */
    private OperatorConfiguration configurationOf(String operatorId) {
        return new OperatorConfiguration(
                byId(ProvisioningKeys.SHARING_POLICY, policies::listByOperator, operatorId, SharingPolicyChanged::policyId),
                byId(ProvisioningKeys.PLAN, plans::listByOperator, operatorId, PlanChanged::planId),
                byId(ProvisioningKeys.HOTSPOT_PROFILE, profiles::listByOperator, operatorId,
                        HotspotProfileChanged::profileId));
    }

    private <T> Map<String, T> byId(String entityType, Function<String, List<T>> list, String operatorId,
            Function<T, String> id) {
        return kept.contains(entityType)
                ? list.apply(operatorId).stream().collect(Collectors.toUnmodifiableMap(id, Function.identity()))
                : Map.of();
    }

    private static <T> Optional<T> held(String id, Map<String, T> byId) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** One operator's policies, plans and hotspot profiles, by id (listed by operator: never another's). */
    private record OperatorConfiguration(Map<String, SharingPolicyChanged> policies, Map<String, PlanChanged> plans,
            Map<String, HotspotProfileChanged> profiles) {
    }
}
