package io.hop.contracts.offload;

import io.hop.contracts.EventType;

/** Events on {@code offload.connections.v1}, keyed by device id. */
public final class OffloadEvents {

    public static final EventType<ConnectionStateChanged> CONNECTION_STATE_CHANGED =
            EventType.of("offload.connection-state-changed.v1", ConnectionStateChanged.class);

    private OffloadEvents() {
    }
}
