package io.hop.pluginhost.capability;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.hop.contracts.Channels;
import io.hop.contracts.notification.NotificationEvents;
import io.hop.contracts.notification.NotificationRequested;
import io.hop.plugin.api.Notifier;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.tx.Transactor;

/**
 * A plugin's notifier: each message becomes a {@link NotificationRequested} on {@code notifications.v1} (key: the
 * device), published through the outbox. Its id is derived from (plugin, dedup key), and {@code plugin_notification}
 * keeps the ids sent, in the same transaction as the outbox row: a cause seen twice notifies once.
 */
public final class OutboxNotifier implements Notifier {

    static final int MAX_MESSAGE_LENGTH = 1000;

    private final String pluginId;
    private final Predicate<String> serves;
    private final DataSource dataSource;
    private final Transactor transactor;
    private final Outbox outbox;
    private final Clock clock;

    public OutboxNotifier(String pluginId, Predicate<String> serves, DataSource dataSource, Transactor transactor,
            Outbox outbox, Clock clock) {
        this.pluginId = pluginId;
        this.serves = serves;
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> notify(String operatorId, String deviceId, Channel channel, String message,
            String dedupKey) {
        try {
            send(operatorId, deviceId, channel, message, dedupKey, null, null);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Sends once per (plugin, dedup key), in the caller's transaction if there is one.
     *
     * @return whether it was sent now (false: sent before)
     */
    public boolean send(String operatorId, String deviceId, Channel channel, String message, String dedupKey,
            String causeType, String causeId) {
        if (!serves.test(operatorId)) {
            throw new SecurityException("plugin " + pluginId + " does not serve operator " + operatorId);
        }
        if (deviceId == null || deviceId.isBlank() || channel == null || message == null || message.isBlank()
                || message.length() > MAX_MESSAGE_LENGTH || dedupKey == null || dedupKey.isBlank()) {
            throw new IllegalArgumentException("a notification needs a device, a channel, a message of 1.."
                    + MAX_MESSAGE_LENGTH + " characters and a dedup key");
        }
        UUID id = UUID.nameUUIDFromBytes((pluginId + "\n" + dedupKey).getBytes(StandardCharsets.UTF_8));
        return transactor.required(() -> {
            int inserted;
            try (var c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into plugin_notification (notification_id, plugin_id, device_id) values (?, ?, ?) "
                            + "on conflict do nothing")) {
                ps.setObject(1, id);
                ps.setString(2, pluginId);
                ps.setString(3, deviceId);
                inserted = ps.executeUpdate();
            }
            if (inserted == 0) {
                return false;
            }
            outbox.publish(Channels.NOTIFICATIONS, deviceId, NotificationEvents.NOTIFICATION_REQUESTED,
                    new NotificationRequested(id.toString(), operatorId, deviceId, pluginId, channel.name(), message,
                            causeType, causeId, clock.instant()));
            return true;
        });
    }
}
