package io.hop.entitlement.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.entitlement.session.SharingService;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.readmodel.ProvisioningReadModel;
import io.hop.readmodel.devices.DeviceGroupDirectory;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps this service's copy of provisioning's state (the entity types in {@code hop.readmodel.entities}) from
 * {@code provisioning.changes.v1}, each event applied once, and turns running sessions off in the same transaction
 * when sharing is no longer allowed (the other settings stay pinned per session):
 * <ul>
 * <li>a sharing policy changed to {@code Enabled=false}: its sessions, {@code SHARING_DISABLED_BY_OPERATOR};</li>
 * <li>a sharing policy deleted (tombstone): its sessions, {@code SHARING_POLICY_REMOVED};</li>
 * <li>a device changed or deleted, or a device group of its operator changed or deleted: the sessions concerned are
 * resolved again; no device, group or policy any more is {@code SHARING_POLICY_REMOVED}, a disabled policy
 * {@code SHARING_DISABLED_BY_OPERATOR}.</li>
 * </ul>
 */
@ApplicationScoped
public class ProvisioningChangesConsumer {

    private final Consumers consumers;
    private final ProvisioningReadModel readModel;
    private final SharingService sharing;
    private final DeviceGroupDirectory groups;

    ProvisioningChangesConsumer(Consumers consumers, ProvisioningReadModel readModel, SharingService sharing,
            DeviceGroupDirectory groups) {
        this.consumers = consumers;
        this.readModel = readModel;
        this.sharing = sharing;
        this.groups = groups;
    }

    @Incoming(Channels.PROVISIONING_CHANGES)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.PROVISIONING_CHANGES, record, this::apply);
    }

    void apply(IncomingEvent event) {
        ProvisioningKeys.Key key = keyOf(event);
        // a group's tombstone names only the group: its operator is known only until the delete is applied
        String groupOperator = key != null && event.tombstone() && ProvisioningKeys.DEVICE_GROUP.equals(key.entityType())
                ? groups.find(key.id()).map(DeviceGroupChanged::operatorId).orElse(null)
                : null;
        readModel.apply(event);
        if (event.tombstone()) {
            if (key == null) {
                return;
            }
            switch (key.entityType()) {
                case ProvisioningKeys.SHARING_POLICY -> sharing.policyRemoved(key.id());
                case ProvisioningKeys.DEVICE_GROUP -> {
                    if (groupOperator != null) {
                        sharing.reviewOperator(groupOperator);
                    }
                }
                case ProvisioningKeys.DEVICE -> {
                    int separator = key.id().indexOf(':');
                    if (separator > 0) {
                        sharing.reviewDevice(key.id().substring(0, separator), key.id().substring(separator + 1));
                    }
                }
                default -> {
                    // other deletions do not change whether a device may share
                }
            }
        } else if (event.is(ProvisioningEvents.SHARING_POLICY_CHANGED)) {
            SharingPolicyChanged policy = event.dataAs(ProvisioningEvents.SHARING_POLICY_CHANGED);
            if (!policy.settings().enabled()) {
                sharing.disablePolicy(policy.policyId());
            }
        } else if (event.is(ProvisioningEvents.DEVICE_GROUP_CHANGED)) {
            sharing.reviewOperator(event.dataAs(ProvisioningEvents.DEVICE_GROUP_CHANGED).operatorId());
        } else if (event.is(ProvisioningEvents.DEVICE_CHANGED)) {
            DeviceChanged device = event.dataAs(ProvisioningEvents.DEVICE_CHANGED);
            sharing.reviewDevice(device.operatorId(), device.deviceId());
        }
    }

    private static ProvisioningKeys.Key keyOf(IncomingEvent event) {
        try {
            return event.key() == null ? null : ProvisioningKeys.parse(event.key());
        } catch (IllegalArgumentException e) {
            return null; // the read model judges the key; no session depends on an entity it cannot name
        }
    }
}
