package io.hop.contracts.notification;

import java.time.Instant;

/**
 * A message for the user of a device (event {@link NotificationEvents#NOTIFICATION_REQUESTED} on
 * {@code notifications.v1}, key: the device id), sent by a plugin through plugin-host's notifier. The operator's
 * notification gateway delivers it as an SMS or a push message.
 *
 * @param notificationId unique id (stable for one cause, so that a redelivered cause sends nothing twice)
 * @param operatorId     the device's operator
 * @param deviceId       the device whose user is told
 * @param pluginId       the plugin that wrote the message
 * @param channel        {@code SMS} or {@code PUSH}
 * @param message        the text
 * @param causeType      the CloudEvent type that caused it (e.g. {@code usage.alert-raised.v1}), or null
 * @param causeId        the id of that event, or null
 * @param requestedAt    when the plugin asked
 */
public record NotificationRequested(String notificationId, String operatorId, String deviceId, String pluginId,
        String channel, String message, String causeType, String causeId, Instant requestedAt) {
}
