package io.hop.contracts.sharing;

import io.hop.contracts.EventType;

/** Events on {@code sharing.sessions.v1}, keyed by device id. */
public final class SharingEvents {

    public static final EventType<SharingSessionChanged> SESSION_CHANGED =
            EventType.of("sharing.session-changed.v1", SharingSessionChanged.class);

    private SharingEvents() {
    }
}
