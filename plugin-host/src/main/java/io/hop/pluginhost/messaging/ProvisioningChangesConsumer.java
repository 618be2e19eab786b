package io.hop.pluginhost.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.Inbox;
import io.hop.readmodel.ProvisioningReadModel;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps this service's copy of provisioning's state (the entity types in {@code hop.readmodel.entities}) from
 * {@code provisioning.changes.v1}, each event applied once.
 */
@ApplicationScoped
public class ProvisioningChangesConsumer {

    private final Inbox inbox;
    private final ProvisioningReadModel readModel;
    private final String consumer;

    ProvisioningChangesConsumer(Inbox inbox, ProvisioningReadModel readModel,
            @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.inbox = inbox;
        this.readModel = readModel;
        this.consumer = consumer;
    }

    @Incoming(Channels.PROVISIONING_CHANGES)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        inbox.process(consumer, IncomingEvent.from(record), readModel::apply);
    }
}
