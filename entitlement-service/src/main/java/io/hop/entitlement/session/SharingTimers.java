package io.hop.entitlement.session;

import jakarta.inject.Singleton;

import io.hop.platform.timer.FiredTimer;
import io.hop.platform.timer.TimerHandler;

/**
 * The durable timers of sharing sessions (keys {@code <type>:<operatorId>:<deviceId>}, payload
 * {@code <sessionId>[|<trigger>]}): peerless, public connection, entitlement re-check. Each fires in the poller's
 * transaction, once across replicas and restarts.
 */
public final class SharingTimers {

    private SharingTimers() {
    }

    abstract static class Handler implements TimerHandler {

        private final SharingService sharing;
        private final String type;

        Handler(SharingService sharing, String type) {
            this.sharing = sharing;
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public void onTimer(FiredTimer timer) {
            String rest = timer.key().substring(type.length() + 1);
            int colon = rest.indexOf(':');
            sharing.timerFired(type, rest.substring(0, colon), rest.substring(colon + 1), timer.payload());
        }
    }

    @Singleton
    static class Peerless extends Handler {
        Peerless(SharingService sharing) {
            super(sharing, SharingService.PEERLESS);
        }
    }

    @Singleton
    static class PublicConnection extends Handler {
        PublicConnection(SharingService sharing) {
            super(sharing, SharingService.PUBLIC_CONNECTION);
        }
    }

    @Singleton
    static class Recheck extends Handler {
        Recheck(SharingService sharing) {
            super(sharing, SharingService.RECHECK);
        }
    }
}
