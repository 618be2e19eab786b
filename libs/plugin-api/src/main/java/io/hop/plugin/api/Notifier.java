package io.hop.plugin.api;

import java.util.concurrent.CompletionStage;

/** Messages to a device's user. */
public interface Notifier {

    /**
     * Sends a message once: a second call with the same {@code dedupKey} sends nothing.
     *
     * @param operatorId the device's operator (one the plugin serves)
     * @param deviceId   the device whose user is told
     * @param channel    SMS or push
     * @param message    the text
     * @param dedupKey   identifies the cause (e.g. the alert's id), so that a cause seen twice notifies once
     */
    CompletionStage<Void> notify(String operatorId, String deviceId, Channel channel, String message, String dedupKey);

    enum Channel {
        SMS, PUSH
    }
}
