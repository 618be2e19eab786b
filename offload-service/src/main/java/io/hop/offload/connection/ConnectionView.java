package io.hop.offload.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A connection as {@code GET /v1/connections/{id}} shows it: state, attempts, blocked flag and the time left on the
 * post-connect timer ({@code timerRemainingMillis}, null when no timer runs), with its transitions.
 */
public record ConnectionView(String connectionId, String operatorId, String deviceId, String ssid, String bssid,
        String pluginId, String authMethod, boolean hotspot, boolean manual, String state, String reason, int attempt,
        int attempts, int maxAttempts, boolean blocked, boolean profileDeleted, Instant timerDueAt,
        Long timerRemainingMillis, Instant createdAt, Instant updatedAt,
        List<ConnectionRepository.StoredTransition> transitions) {

    static ConnectionView of(ConnectionRow r, List<ConnectionRepository.StoredTransition> transitions, Instant now) {
        Long remaining = r.timerDueAt() == null ? null
                : Math.max(0, Duration.between(now, r.timerDueAt()).toMillis());
        return new ConnectionView(r.connectionId().toString(), r.operatorId(), r.deviceId(), r.ssid(), r.bssid(),
                r.pluginId(), r.hotspot() ? r.authMethod() : "OPEN", r.hotspot(), r.manual(), r.state().name(),
                r.reason(), r.attempt(), r.attempt(), r.maxAttempts(), r.blocked(), r.profileDeleted(), r.timerDueAt(),
                remaining, r.createdAt(), r.updatedAt(), transitions);
    }
}
