package io.hop.offload.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.operators.OperatorDirectory;
import io.smallrye.common.annotation.Blocking;

/** Keeps this service's copy of the operators from {@code provisioning.changes.v1}, each event applied once. */
@ApplicationScoped
public class ProvisioningChangesConsumer {

    private final Consumers consumers;
    private final OperatorDirectory operators;

    ProvisioningChangesConsumer(Consumers consumers, OperatorDirectory operators) {
        this.consumers = consumers;
        this.operators = operators;
    }

    @Incoming(Channels.PROVISIONING_CHANGES)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.PROVISIONING_CHANGES, record, operators::applyIfOperatorChange);
    }
}
