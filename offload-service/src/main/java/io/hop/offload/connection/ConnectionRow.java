package io.hop.offload.connection;

import java.time.Instant;
import java.util.UUID;

/** A stored connection. */
public record ConnectionRow(UUID connectionId, String operatorId, String deviceId, String ssid, String bssid,
        String pluginId, String authMethod, boolean hotspot, boolean manual, ConnectionState state, String reason,
        int attempt, int maxAttempts, String pendingRequestId, Instant timerDueAt, boolean blocked,
        boolean profileDeleted, Instant createdAt, Instant updatedAt) {

    ConnectionSnapshot snapshot() {
        return new ConnectionSnapshot(state, hotspot, attempt, maxAttempts, pendingRequestId);
    }
}
