package io.hop.entitlement.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.entitlement.session.SharingService;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.readmodel.ProvisioningReadModel;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps this service's copy of provisioning's state (the entity types in {@code hop.readmodel.entities}) from
 * {@code provisioning.changes.v1}, each event applied once. A sharing policy changed to {@code Enabled=false} turns
 * off every session running with it, in the same transaction (the other settings stay pinned per session).
 */
@ApplicationScoped
public class ProvisioningChangesConsumer {

    private final Consumers consumers;
    private final ProvisioningReadModel readModel;
    private final SharingService sharing;

    ProvisioningChangesConsumer(Consumers consumers, ProvisioningReadModel readModel, SharingService sharing) {
        this.consumers = consumers;
        this.readModel = readModel;
        this.sharing = sharing;
    }

    @Incoming(Channels.PROVISIONING_CHANGES)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.PROVISIONING_CHANGES, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        readModel.apply(event);
        if (!event.tombstone() && event.is(ProvisioningEvents.SHARING_POLICY_CHANGED)) {
            SharingPolicyChanged policy = event.dataAs(ProvisioningEvents.SHARING_POLICY_CHANGED);
            if (!policy.settings().enabled()) {
                sharing.disablePolicy(policy.policyId());
            }
        }
    }
}
