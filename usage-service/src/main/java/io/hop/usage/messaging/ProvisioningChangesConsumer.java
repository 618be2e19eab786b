package io.hop.usage.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.platform.messaging.Consumers;
import io.hop.readmodel.ProvisioningReadModel;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps this service's copy of provisioning's state (the entity types in {@code hop.readmodel.entities}) from
 * {@code provisioning.changes.v1}, each event applied once.
 */
@ApplicationScoped
public class ProvisioningChangesConsumer {

    private final Consumers consumers;
    private final ProvisioningReadModel readModel;

    ProvisioningChangesConsumer(Consumers consumers, ProvisioningReadModel readModel) {
        this.consumers = consumers;
        this.readModel = readModel;
    }

    @Incoming(Channels.PROVISIONING_CHANGES)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.PROVISIONING_CHANGES, record, readModel::apply);
    }
}
