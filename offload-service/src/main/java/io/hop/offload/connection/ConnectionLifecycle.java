package io.hop.offload.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.hop.offload.connection.LifecycleInput.DeviceEvent;
import io.hop.offload.connection.LifecycleInput.PluginResult;
import io.hop.offload.connection.LifecycleInput.PostConnectTimeout;
import io.hop.offload.connection.Transition.Effect;

/**
 * The connection lifecycle as a pure function: given a connection's {@link ConnectionSnapshot} and an input, the
 * {@link Transition} to take (with its effects), or why the input changes nothing. Plain Java; the service stores the
 * transition, publishes it and carries out its effects in one transaction. Diagram and table:
 * {@code docs/offload-connection-lifecycle.md}.
 *
 * <p>Late and duplicate inputs are {@link Ignored}: a plugin result counts only if it answers the request the state
 * waits for (same request id and attempt), a timer only if it belongs to the current attempt while post-connect
 * runs, a device event only in the state that waits for it, and nothing after a final state.
 */
public final class ConnectionLifecycle {

    public static final String PRE_CONNECT = "PRE_CONNECT";
    public static final String POST_CONNECT = "POST_CONNECT";
    public static final String RESET = "RESET";
    public static final String SUCCESS = "SUCCESS";

    /** What {@link #apply} decided. */
    public sealed interface Outcome {
    }

    /** The input leads to {@code transition}. */
    public record Applied(Transition transition) implements Outcome {
    }

    /** The input changes nothing (late, duplicate or out of place), and why. */
    public record Ignored(String why) implements Outcome {
    }

    private ConnectionLifecycle() {
    }

    /**
     * A new connection: a hotspot connection asks its plugin for pre-connect work and blocks the network; a plain Wi-Fi
     * connection waits for the device at once.
     */
    public static Transition start(boolean hotspot, boolean manual) {
        String reason = manual ? "MANUAL" : "AUTOMATIC";
        if (hotspot) {
            return new Transition(null, ConnectionState.PRE_CONNECT, reason, null, 1, true,
                    List.of(Effect.BlockProfile.INSTANCE, new Effect.RequestPlugin(PRE_CONNECT, 1, true)));
        }
        // a plain connection is never blocked, even over a profile a scan once marked as a hotspot's
        return new Transition(null, ConnectionState.CONNECTING, reason, null, 1, false,
                List.of(Effect.UnblockProfile.INSTANCE));
    }

    /** Decides what {@code input} does to the connection {@code c}. */
    public static Outcome apply(ConnectionSnapshot c, LifecycleInput input) {
        Objects.requireNonNull(c, "connection");
        Objects.requireNonNull(input, "input");
        if (c.state().isFinal()) {
            return new Ignored("the connection is already " + c.state());
        }
        if (input instanceof DeviceEvent event) {
            return onDeviceEvent(c, event);
        }
        if (input instanceof PluginResult result) {
            return onPluginResult(c, result);
        }
        return onTimeout(c, (PostConnectTimeout) input);
    }

    private static Outcome onDeviceEvent(ConnectionSnapshot c, DeviceEvent event) {
        switch (event.type()) {
            case DISCONNECTED -> {
                List<Effect> effects = new ArrayList<>();
                effects.add(Effect.CancelPostConnectTimer.INSTANCE);
                if (c.hotspot()) {
                    // the plugin forgets what it holds for the connection; the profile blocks until the next authorization
                    effects.add(new Effect.RequestPlugin(RESET, c.attempt(), false));
                    effects.add(Effect.BlockProfile.INSTANCE);
                }
                return applied(c, ConnectionState.DISCONNECTED, "DEVICE_DISCONNECTED", null, c.attempt(), c.hotspot(),
                        effects);
            }
            case CONNECTED -> {
                if (c.state() != ConnectionState.CONNECTING) {
                    return new Ignored("CONNECTED is expected only while CONNECTING, not in " + c.state());
                }
                if (!c.hotspot()) {
                    return applied(c, ConnectionState.CONNECTED, "DEVICE_CONNECTED", null, c.attempt(), false, List.of());
                }
                return applied(c, ConnectionState.POST_CONNECT, "DEVICE_CONNECTED", null, c.attempt(), true,
                        List.of(new Effect.RequestPlugin(POST_CONNECT, c.attempt(), true),
                                new Effect.StartPostConnectTimer(c.attempt())));
            }
            case CONNECT_FAILED -> {
                if (c.state() != ConnectionState.CONNECTING) {
                    return new Ignored("CONNECT_FAILED is expected only while CONNECTING, not in " + c.state());
                }
                if (!c.hotspot()) {
                    return applied(c, ConnectionState.FAILED, "CONNECT_FAILED", null, c.attempt(), false, List.of());
                }
                return retryOrFail(c, "CONNECT_FAILED", "the device could not join the network", List.of());
            }
            default -> throw new IllegalArgumentException("unknown device event " + event.type());
        }
    }

    private static Outcome onPluginResult(ConnectionSnapshot c, PluginResult result) {
        if (!c.hotspot()) {
            return new Ignored("a plain Wi-Fi connection has no plugin work");
        }
        if (c.pendingRequestId() == null || !c.pendingRequestId().equals(result.requestId())) {
            return new Ignored("request " + result.requestId() + " is not awaited (late or duplicate result)");
        }
        if (result.attempt() != c.attempt()) {
            return new Ignored("result of attempt " + result.attempt() + ", the connection is at attempt " + c.attempt());
        }
        boolean success = SUCCESS.equals(result.outcome());
        String cause = "PLUGIN_" + result.outcome();
        if (c.state() == ConnectionState.PRE_CONNECT && PRE_CONNECT.equals(result.action())) {
            if (success) {
                return applied(c, ConnectionState.CONNECTING, "PRE_CONNECT_DONE", result.detail(), c.attempt(), true,
                        List.of());
            }
            return retryOrFail(c, cause, result.detail(), List.of());
        }
        if (c.state() == ConnectionState.POST_CONNECT && POST_CONNECT.equals(result.action())) {
            if (success) {
                return applied(c, ConnectionState.AUTHORIZED, "PLUGIN_SUCCESS", result.detail(), c.attempt(), false,
                        List.of(Effect.CancelPostConnectTimer.INSTANCE, Effect.UnblockProfile.INSTANCE,
                                new Effect.RecordPostConnectOutcome(false)));
            }
            return retryOrFail(c, cause, result.detail(),
                    List.of(Effect.CancelPostConnectTimer.INSTANCE, new Effect.RecordPostConnectOutcome(true)));
        }
        return new Ignored(result.action() + " result does not fit state " + c.state());
    }

    private static Outcome onTimeout(ConnectionSnapshot c, PostConnectTimeout timeout) {
        if (c.state() != ConnectionState.POST_CONNECT || timeout.attempt() != c.attempt()) {
            return new Ignored("post-connect timer of attempt " + timeout.attempt() + " is stale (state " + c.state()
                    + ", attempt " + c.attempt() + ")");
        }
        // The plugin's state for the connection is reset first; requests of one connection share a Kafka key, so the
        // plugin host sees the RESET before the next attempt's PRE_CONNECT.
        return retryOrFail(c, "POST_CONNECT_TIMEOUT", "no post-connect result before the timer fired",
                List.of(new Effect.RecordPostConnectOutcome(true), new Effect.RequestPlugin(RESET, c.attempt(), false)));
    }

    /** Reconnects (next attempt, pre-connect again) while attempts remain; otherwise fails and deletes the profile. */
    private static Outcome retryOrFail(ConnectionSnapshot c, String cause, String detail, List<Effect> before) {
        List<Effect> effects = new ArrayList<>(before);
        if (c.attempt() < c.maxAttempts()) {
            int next = c.attempt() + 1;
            effects.add(new Effect.RequestPlugin(PRE_CONNECT, next, true));
            return applied(c, ConnectionState.PRE_CONNECT, cause, detail, next, true, effects);
        }
        effects.add(Effect.DeleteProfile.INSTANCE);
        return applied(c, ConnectionState.FAILED, "RETRIES_EXHAUSTED",
                cause + (detail == null ? "" : ": " + detail), c.attempt(), true, effects);
    }

    private static Outcome applied(ConnectionSnapshot c, ConnectionState to, String reason, String detail, int attempt,
            boolean blocked, List<Effect> effects) {
        return new Applied(new Transition(c.state(), to, reason, detail, attempt, blocked, effects));
    }
}
