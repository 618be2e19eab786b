package io.hop.entitlement.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.Inbox;
import io.hop.platform.operators.OperatorDirectory;
import io.smallrye.common.annotation.Blocking;

/** Keeps this service's copy of the operators from {@code provisioning.changes.v1}, each event applied once. */
@ApplicationScoped
public class ProvisioningChangesConsumer {

    private final Inbox inbox;
    private final OperatorDirectory operators;
    private final String consumer;

    ProvisioningChangesConsumer(Inbox inbox, OperatorDirectory operators,
            @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.inbox = inbox;
        this.operators = operators;
        this.consumer = consumer;
    }

    @Incoming(Channels.PROVISIONING_CHANGES)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        inbox.process(consumer, IncomingEvent.from(record), operators::applyIfOperatorChange);
    }
}
