package io.hop.offload.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.offload.connection.ConnectionService;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.InvalidEventException;
import io.smallrye.common.annotation.Blocking;

/**
 * Plugin results ({@code plugin.results.v1}) drive the connections: each applied once (inbox), in the inbox's
 * transaction; a result the connection no longer waits for changes nothing.
 */
@ApplicationScoped
public class PluginResultsConsumer {

    private final Consumers consumers;
    private final ConnectionService connections;

    PluginResultsConsumer(Consumers consumers, ConnectionService connections) {
        this.consumers = consumers;
        this.connections = connections;
    }

    @Incoming(Channels.PLUGIN_RESULTS)
    @Blocking
    public void onResult(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.PLUGIN_RESULTS, record, event -> {
            if (!event.is(PluginEvents.ACTION_COMPLETED)) {
                throw InvalidEventException.unsupportedType(event);
            }
            connections.onPluginResult(event.dataAs(PluginEvents.ACTION_COMPLETED));
        });
    }
}
