package io.hop.offload.connection;

import java.util.List;

/**
 * A decided transition of {@link ConnectionLifecycle}: the state after it and what the service must do, in the same
 * transaction that stores it.
 *
 * @param from    the state before (null for a new connection)
 * @param to      the state after
 * @param reason  machine-readable reason (e.g. {@code POST_CONNECT_TIMEOUT}), or null
 * @param detail  what caused it, for people (e.g. the plugin's explanation, or the cause behind
 *                {@code RETRIES_EXHAUSTED}), or null
 * @param attempt the attempt after the transition
 * @param blocked whether applications are blocked from the network after it
 * @param effects what to do, in order
 */
public record Transition(ConnectionState from, ConnectionState to, String reason, String detail, int attempt, boolean blocked,
        List<Effect> effects) {

    public Transition {
        effects = List.copyOf(effects);
    }

    /** Whether the transition deletes the device's hotspot profile for the network. */
    public boolean deletesProfile() {
        return effects.contains(Effect.DeleteProfile.INSTANCE);
    }

    /** Something the service does as part of a transition. */
    public sealed interface Effect {

        /**
         * Ask the owning plugin on {@code plugin.requests.v1}; the new request id is remembered as the pending one when
         * {@code awaited}.
         */
        record RequestPlugin(String action, int attempt, boolean awaited) implements Effect {
        }

        /** Start the durable post-connect timer of {@code attempt}. */
        record StartPostConnectTimer(int attempt) implements Effect {
        }

        /** Cancel the post-connect timer, if any. */
        enum CancelPostConnectTimer implements Effect {
            INSTANCE
        }

        /** Block applications from the device's profile for the network again (until the next authorization). */
        enum BlockProfile implements Effect {
            INSTANCE
        }

        /** Unblock the device's profile for the network. */
        enum UnblockProfile implements Effect {
            INSTANCE
        }

        /** Delete the device's hotspot profile for the network. */
        enum DeleteProfile implements Effect {
            INSTANCE
        }

        /** Count a post-connect outcome for fleet learning ({@code failed}: failure or timeout). */
        record RecordPostConnectOutcome(boolean failed) implements Effect {
        }
    }
}
