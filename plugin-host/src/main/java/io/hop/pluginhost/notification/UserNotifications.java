package io.hop.pluginhost.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.type.TypeReference;

import io.hop.contracts.Channels;
import io.hop.contracts.EventType;
import io.hop.contracts.sharing.SharingEvents;
import io.hop.contracts.usage.UsageEvents;
import io.hop.plugin.api.NotificationPolicy;
import io.hop.plugin.api.NotificationPolicy.PlatformEvent;
import io.hop.plugin.api.NotificationPolicy.UserMessage;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.pluginhost.registry.PluginRegistry;
import io.hop.pluginhost.runtime.CallOutcome;
import io.hop.pluginhost.runtime.PluginRuntime;
import io.smallrye.common.annotation.Blocking;

/**
 * Turns {@code usage.alerts.v1} and {@code sharing.sessions.v1} into user notifications: every plugin serving the
 * event's operator that implements {@link NotificationPolicy} is asked (on its executor, within its timeout, before
 * the event's transaction opens) which messages the user gets; then, in one transaction with the inbox row, each
 * message goes out through that plugin's notifier with the dedup key {@code <event id>#<n>}, so a redelivered event
 * notifies nobody twice. A plugin that fails or is quarantined sends nothing for that event; the others still do.
 */
@ApplicationScoped
public class UserNotifications {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Consumers consumers;
    private final PluginRegistry registry;

    UserNotifications(Consumers consumers, PluginRegistry registry) {
        this.consumers = consumers;
        this.registry = registry;
    }

    @Incoming(Channels.USAGE_ALERTS)
    @Blocking
    public void onUsageAlert(ConsumerRecord<String, String> record) {
        handle(Channels.USAGE_ALERTS, UsageEvents.ALERT_RAISED, NotificationPolicy.USAGE_ALERT, record);
    }

    @Incoming(Channels.SHARING_SESSIONS)
    @Blocking
    public void onSharingSession(ConsumerRecord<String, String> record) {
        handle(Channels.SHARING_SESSIONS, SharingEvents.SESSION_CHANGED, NotificationPolicy.SHARING_SESSION_CHANGED,
                record);
    }

    private record Decision(PluginRuntime plugin, List<UserMessage> messages) {
    }

    private void handle(String channel, EventType<?> type, String policyType, ConsumerRecord<String, String> record) {
        PlatformEvent event = flatten(record, type, policyType);
        List<Decision> decisions = event == null ? List.of() : decide(event);
        consumers.consume(channel, record, incoming -> {
            if (!incoming.is(type)) {
                throw InvalidEventException.unsupportedType(incoming);
            }
            if (event == null || !event.eventId().equals(incoming.id())) {
                throw new InvalidEventException("an event needs its operatorId and deviceId");
            }
            for (Decision d : decisions) {
                int n = 0;
                for (UserMessage m : d.messages()) {
                    registry.contextOf(d.plugin().id()).hostNotifier().send(event.operatorId(), event.deviceId(),
                            m.channel(), m.text(), event.eventId() + "#" + n++, incoming.type(), incoming.id());
                }
            }
        });
    }

    private List<Decision> decide(PlatformEvent event) {
        List<Decision> decisions = new ArrayList<>();
        for (PluginRuntime p : registry.serving(event.operatorId())) {
            if (p.plugin() instanceof NotificationPolicy policy) {
                CallOutcome<List<UserMessage>> outcome = p.callSync("notification", () -> policy.messagesFor(event));
                if (outcome.answered() && outcome.value() != null) {
                    List<UserMessage> valid = outcome.value().stream()
                            .filter(m -> m != null && m.channel() != null && m.text() != null && !m.text().isBlank())
                            .toList();
                    decisions.add(new Decision(p, valid));
                }
            }
        }
        return decisions;
    }

    /** The event as the plugin API's record: its fields as text; null when it is not one to notify about. */
    static PlatformEvent flatten(ConsumerRecord<String, String> record, EventType<?> type, String policyType) {
        try {
            IncomingEvent incoming = IncomingEvent.from(record);
            if (!incoming.is(type)) {
                return null;
            }
            Object data = incoming.dataAs(type);
            Map<String, Object> fields = PlatformJson.mapper().convertValue(data, MAP);
            Map<String, String> attributes = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (v != null) {
                    attributes.put(k, v.toString());
                }
            });
            String operatorId = attributes.get("operatorId");
            String deviceId = attributes.get("deviceId");
            if (operatorId == null || deviceId == null) {
                return null;
            }
            return new PlatformEvent(policyType, incoming.id(), operatorId, deviceId, attributes);
        } catch (RuntimeException e) {
            return null; // the consumer dead-letters it
        }
    }
}
