package io.hop.contracts.notification;

import io.hop.contracts.EventType;

/** Events on {@code notifications.v1}, keyed by device id. */
public final class NotificationEvents {

    public static final EventType<NotificationRequested> NOTIFICATION_REQUESTED =
            EventType.of("notification.requested.v1", NotificationRequested.class);

    private NotificationEvents() {
    }
}
