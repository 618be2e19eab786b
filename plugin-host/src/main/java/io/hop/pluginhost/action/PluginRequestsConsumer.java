package io.hop.pluginhost.action;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.hop.contracts.Channels;
import io.hop.contracts.plugin.PluginActionCompleted;
import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes {@code plugin.requests.v1}. The plugin is called before the event's transaction opens (a plugin may take
 * its whole timeout; no database connection is held meanwhile), then the result is recorded with the inbox row: a
 * redelivered request whose result is recorded is not performed again, and a request answered twice (a crash between
 * the call and the commit) is published once. Requests for plugins of another host are left to that host, and
 * requests older than {@code hop.plugin-host.request-max-age} are skipped unanswered (their requester stopped waiting):
 * neither costs a transaction, so a host catching up on the topic goes through them fast.
 */
@ApplicationScoped
public class PluginRequestsConsumer {

    private static final Logger LOG = Logger.getLogger(PluginRequestsConsumer.class);

    private final Consumers consumers;
    private final PluginActions actions;
    private final Counter expired;

    PluginRequestsConsumer(Consumers consumers, PluginActions actions, MeterRegistry registry) {
        this.consumers = consumers;
        this.actions = actions;
        this.expired = Counter.builder("hop.plugin-host.requests.expired")
                .description("Plugin requests skipped because they were older than hop.plugin-host.request-max-age")
                .register(registry);
    }

    @Incoming(Channels.PLUGIN_REQUESTS)
    @Blocking
    public void onRequest(ConsumerRecord<String, String> record) {
        PluginActionCompleted precomputed = null;
        PluginActionRequested request = parse(record);
        if (request != null) {
            if (!actions.hosts(request)) {
                return; // another host's plugin
            }
            if (actions.expired(request)) {
                expired.increment();
                LOG.debugf("plugin request %s (%s of %s, requested at %s) expired: skipped", request.requestId(),
                        request.action(), request.pluginId(), request.requestedAt());
                return;
            }
            if (actions.answered(request.requestId())) {
                return; // a redelivery, or the same request under another event id
            }
            precomputed = actions.perform(request);
        }
        PluginActionCompleted result = precomputed;
        consumers.consume(Channels.PLUGIN_REQUESTS, record, event -> {
            if (!event.is(PluginEvents.ACTION_REQUESTED)) {
                throw InvalidEventException.unsupportedType(event);
            }
            PluginActionRequested r = event.dataAs(PluginEvents.ACTION_REQUESTED);
            if (r.requestId() == null || r.requestId().isBlank() || r.connectionId() == null) {
                throw new InvalidEventException("a plugin request needs a requestId and a connectionId");
            }
            if (result != null && result.requestId().equals(r.requestId())) {
                actions.record(result);
            }
        });
    }

    private static PluginActionRequested parse(ConsumerRecord<String, String> record) {
        try {
            IncomingEvent event = IncomingEvent.from(record);
            if (!event.is(PluginEvents.ACTION_REQUESTED)) {
                return null;
            }
            PluginActionRequested r = event.dataAs(PluginEvents.ACTION_REQUESTED);
            return r.requestId() == null || r.requestId().isBlank() || r.connectionId() == null ? null : r;
        } catch (RuntimeException e) {
            return null; // the consumer dead-letters it
        }
    }
}
