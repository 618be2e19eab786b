package io.hop.offload.connection;

/**
 * What {@link ConnectionLifecycle} needs to know of a connection to decide a transition.
 *
 * @param state            the current state
 * @param hotspot          whether a plugin owns the network (false: plain Wi-Fi, no plugin work, never blocked)
 * @param attempt          the current attempt, 1 for the first
 * @param maxAttempts      how many attempts are allowed in all
 * @param pendingRequestId the id of the plugin request whose answer the state waits for, or null
 */
public record ConnectionSnapshot(ConnectionState state, boolean hotspot, int attempt, int maxAttempts,
        String pendingRequestId) {
}
