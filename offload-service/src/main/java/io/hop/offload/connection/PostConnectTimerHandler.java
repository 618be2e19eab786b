package io.hop.offload.connection;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.platform.timer.FiredTimer;
import io.hop.platform.timer.TimerHandler;

/**
 * Fires the durable post-connect timer (payload {@code <connectionId>:<attempt>}), in the platform's firing
 * transaction: the timeout's transition commits together with the timer's deletion, so it happens once across
 * replicas and restarts. A timer of an older attempt is ignored by the state machine.
 */
@ApplicationScoped
public class PostConnectTimerHandler implements TimerHandler {

    private final ConnectionService connections;

    PostConnectTimerHandler(ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public String type() {
        return ConnectionService.POST_CONNECT_TIMER;
    }

    @Override
    public void onTimer(FiredTimer timer) {
        String payload = timer.payload();
        int colon = payload.lastIndexOf(':');
        connections.onPostConnectTimeout(UUID.fromString(payload.substring(0, colon)),
                Integer.parseInt(payload.substring(colon + 1)));
    }
}
