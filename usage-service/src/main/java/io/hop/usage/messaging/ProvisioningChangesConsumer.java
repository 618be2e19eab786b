package io.hop.usage.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.readmodel.ProvisioningReadModel;
import io.hop.usage.alert.PlanExpiry;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps this service's copy of provisioning's state (the entity types in {@code hop.readmodel.entities}) from
 * {@code provisioning.changes.v1}, each event applied once; a plan's change also moves its expiry timer
 * ({@link PlanExpiry}) in the same transaction.
 */
@ApplicationScoped
public class ProvisioningChangesConsumer {

    private final Consumers consumers;
    private final ProvisioningReadModel readModel;
    private final PlanExpiry planExpiry;

    ProvisioningChangesConsumer(Consumers consumers, ProvisioningReadModel readModel, PlanExpiry planExpiry) {
        this.consumers = consumers;
        this.readModel = readModel;
        this.planExpiry = planExpiry;
    }

    @Incoming(Channels.PROVISIONING_CHANGES)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.PROVISIONING_CHANGES, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        boolean applied = readModel.apply(event);
        if (event.tombstone()) {
            if (applied && event.key() != null && event.key().startsWith(ProvisioningKeys.PLAN + ":")) {
                planExpiry.planDeleted(ProvisioningKeys.parse(event.key()).id());
            }
        } else if (applied && event.is(ProvisioningEvents.PLAN_CHANGED)) {
            planExpiry.planChanged(event.dataAs(ProvisioningEvents.PLAN_CHANGED));
        }
    }
}
