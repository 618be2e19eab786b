package io.hop.contracts.provisioning;

import io.hop.contracts.EventType;

/** Events on {@code provisioning.changes.v1}, keyed by entity ({@link ProvisioningKeys}: {@code <type>:<id>}). */
public final class ProvisioningEvents {

    public static final EventType<OperatorChanged> OPERATOR_CHANGED =
            EventType.of("provisioning.operator-changed.v1", OperatorChanged.class);

    public static final EventType<SharingPolicyChanged> SHARING_POLICY_CHANGED =
            EventType.of("provisioning.sharing-policy-changed.v1", SharingPolicyChanged.class);

    public static final EventType<HotspotProfileChanged> HOTSPOT_PROFILE_CHANGED =
            EventType.of("provisioning.hotspot-profile-changed.v1", HotspotProfileChanged.class);

    public static final EventType<PlanChanged> PLAN_CHANGED =
            EventType.of("provisioning.plan-changed.v1", PlanChanged.class);

    public static final EventType<DeviceGroupChanged> DEVICE_GROUP_CHANGED =
            EventType.of("provisioning.device-group-changed.v1", DeviceGroupChanged.class);

    public static final EventType<DeviceChanged> DEVICE_CHANGED =
            EventType.of("provisioning.device-changed.v1", DeviceChanged.class);

    /**
     * The CloudEvent type of a deletion: a tombstone (null value) keyed by the deleted entity
     * ({@link ProvisioningKeys}), so that the compacted topic forgets it.
     */
    public static final String ENTITY_DELETED = "provisioning.entity-deleted.v1";

    private ProvisioningEvents() {
    }
}
