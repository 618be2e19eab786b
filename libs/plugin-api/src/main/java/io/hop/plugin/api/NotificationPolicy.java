package io.hop.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * Optional: a plugin that also implements this interface decides which messages a device's user gets for platform
 * events (usage alerts, sharing session changes). plugin-host asks every plugin serving the event's operator that
 * implements it, on the plugin's executor with its timeout, and sends what it returns through the plugin's
 * {@link Notifier}, once per event, plugin and message.
 */
public interface NotificationPolicy {

    /** {@link PlatformEvent#type()} of a usage alert ({@code usage.alerts.v1}). */
    String USAGE_ALERT = "usage.alert-raised.v1";
    /** {@link PlatformEvent#type()} of a sharing session change ({@code sharing.sessions.v1}). */
    String SHARING_SESSION_CHANGED = "sharing.session-changed.v1";

    /** The messages for this event's user; an empty list when the user need not be told. */
    List<UserMessage> messagesFor(PlatformEvent event) throws Exception;

    /**
     * An event of the platform, flattened so that plugins need none of the platform's classes.
     *
     * @param type       the CloudEvent type, e.g. {@link #USAGE_ALERT}
     * @param eventId    the event's id
     * @param operatorId the device's operator
     * @param deviceId   the device
     * @param attributes the event's fields as text (e.g. {@code kind}, {@code percent} of a usage alert; {@code change},
     *                   {@code state}, {@code reason} of a sharing change); absent fields are left out
     */
    record PlatformEvent(String type, String eventId, String operatorId, String deviceId,
            Map<String, String> attributes) {

        public PlatformEvent {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** A message to send. */
    record UserMessage(Notifier.Channel channel, String text) {
    }
}
