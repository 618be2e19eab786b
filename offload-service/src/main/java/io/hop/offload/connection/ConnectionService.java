package io.hop.offload.connection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.hop.contracts.Channels;
import io.hop.contracts.offload.ConnectionStateChanged;
import io.hop.contracts.offload.OffloadEvents;
import io.hop.contracts.plugin.PluginActionCompleted;
import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.offload.config.OffloadConfig;
import io.hop.offload.connection.ConnectionLifecycle.Applied;
import io.hop.offload.connection.ConnectionLifecycle.Ignored;
import io.hop.offload.connection.ConnectionLifecycle.Outcome;
import io.hop.offload.connection.Transition.Effect;
import io.hop.offload.fleet.FleetOutcomes;
import io.hop.offload.profile.ProfileRepository;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.timer.Timers;

/**
 * Runs the {@link ConnectionLifecycle}: each input locks its connection, the state machine decides, and the transition
 * is stored, published as {@link ConnectionStateChanged} on {@code offload.connections.v1} (key: device id) and its
 * effects carried out (plugin requests on {@code plugin.requests.v1} through the outbox, the durable post-connect timer,
 * the profile's blocked flag or deletion, fleet outcomes), all in the caller's one transaction.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    /** The {@link io.hop.platform.timer.TimerHandler} type of the post-connect timer. */
    public static final String POST_CONNECT_TIMER = "offload.post-connect";

    private final ConnectionRepository connections;
    private final ProfileRepository profiles;
    private final FleetOutcomes fleet;
    private final Outbox outbox;
    private final Timers timers;
    private final OffloadConfig config;

    ConnectionService(ConnectionRepository connections, ProfileRepository profiles, FleetOutcomes fleet, Outbox outbox,
            Timers timers, OffloadConfig config) {
        this.connections = connections;
        this.profiles = profiles;
        this.fleet = fleet;
        this.outbox = outbox;
        this.timers = timers;
        this.config = config;
    }

    /** What a new connection is about. {@code pluginId} null: a plain Wi-Fi connection. */
    public record Target(String operatorId, String deviceId, String ssid, String bssid, String pluginId,
            String authMethod) {

        boolean hotspot() {
            return pluginId != null;
        }
    }

    /** Starts a connection in the caller's transaction (a scan's or a manual connection's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConnectionRow start(Target target, boolean manual) {
        Instant now = now();
        Transition start = ConnectionLifecycle.start(target.hotspot(), manual);
        ConnectionRow row = new ConnectionRow(UUID.randomUUID(), target.operatorId(), target.deviceId(), target.ssid(),
                target.bssid(), target.pluginId(), target.authMethod(), target.hotspot(), manual, start.to(),
                start.reason(), start.attempt(), config.maxAttempts(), null, null, start.blocked(), false, now, now);
        return carryOut(row, start, now);
    }

    /** A device's report; answers whether it changed anything and the connection after it. */
    @Transactional
    public Result onDeviceEvent(UUID connectionId, LifecycleInput.DeviceEventType type) {
        ConnectionRow row = connections.lock(connectionId).orElseThrow();
        return decide(row, new LifecycleInput.DeviceEvent(type));
    }

    /** A plugin's result from {@code plugin.results.v1}, in the inbox's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onPluginResult(PluginActionCompleted completed) {
        UUID id;
        try {
            id = UUID.fromString(completed.connectionId());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.debugf("result %s names no connection of ours (%s)", completed.requestId(), completed.connectionId());
            return;
        }
        Optional<ConnectionRow> row = connections.lock(id);
        if (row.isEmpty()) {
            LOG.debugf("result %s for unknown connection %s ignored", completed.requestId(), id);
            return;
        }
        decide(row.get(), new LifecycleInput.PluginResult(completed.requestId(), completed.action(),
                completed.attempt(), completed.outcome(), completed.detail()));
    }

    /** The post-connect timer of {@code attempt} fired, in the timer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onPostConnectTimeout(UUID connectionId, int attempt) {
        connections.lock(connectionId)
                .ifPresent(row -> decide(row, new LifecycleInput.PostConnectTimeout(attempt)));
    }

    /** The outcome of an input: {@code applied} false when it changed nothing (late, duplicate, out of place). */
    public record Result(boolean applied, String ignoredBecause, ConnectionRow connection) {
    }

    private Result decide(ConnectionRow row, LifecycleInput input) {
        Outcome outcome = ConnectionLifecycle.apply(row.snapshot(), input);
        if (outcome instanceof Ignored ignored) {
            LOG.debugf("connection %s: %s ignored: %s", row.connectionId(), input, ignored.why());
            return new Result(false, ignored.why(), row);
        }
        Transition transition = ((Applied) outcome).transition();
        return new Result(true, null, carryOut(row, transition, now()));
    }

    /** Stores the transition, publishes it and carries out its effects. */
    private ConnectionRow carryOut(ConnectionRow row, Transition t, Instant now) {
        String pending = null;
        Instant timerDueAt = row.timerDueAt();
        boolean profileDeleted = row.profileDeleted();
        for (Effect effect : t.effects()) {
            if (effect instanceof Effect.RequestPlugin request) {
                String requestId = requestPlugin(row, request, now);
                if (request.awaited()) {
                    pending = requestId;
                }
            } else if (effect instanceof Effect.StartPostConnectTimer timer) {
                timerDueAt = now.plus(config.postConnectTimeout());
                timers.schedule(timerKey(row.connectionId()), POST_CONNECT_TIMER, timerDueAt,
                        row.connectionId() + ":" + timer.attempt());
            } else if (effect == Effect.CancelPostConnectTimer.INSTANCE) {
                if (timerDueAt != null) {
                    timers.cancel(timerKey(row.connectionId()));
                }
                timerDueAt = null;
            } else if (effect == Effect.BlockProfile.INSTANCE || effect == Effect.UnblockProfile.INSTANCE) {
                profiles.setBlocked(row.operatorId(), row.deviceId(), row.ssid(),
                        effect == Effect.BlockProfile.INSTANCE, now);
            } else if (effect == Effect.DeleteProfile.INSTANCE) {
                profiles.delete(row.operatorId(), row.deviceId(), row.ssid());
                profileDeleted = true;
            } else if (effect instanceof Effect.RecordPostConnectOutcome fleetOutcome) {
                fleet.record(row.operatorId(), row.ssid(), row.bssid(), fleetOutcome.failed(), now);
            }
        }
        if (t.to() != ConnectionState.POST_CONNECT) {
            // the timer runs only during post-connect (a fired one is gone already)
            timerDueAt = null;
        }
        ConnectionRow after = new ConnectionRow(row.connectionId(), row.operatorId(), row.deviceId(), row.ssid(),
                row.bssid(), row.pluginId(), row.authMethod(), row.hotspot(), row.manual(), t.to(), t.reason(),
                t.attempt(), row.maxAttempts(), pending, timerDueAt, t.blocked(), profileDeleted, row.createdAt(), now);
        if (t.from() == null) {
            connections.insert(after);
        } else {
            connections.update(after);
        }
        connections.insertTransition(row.connectionId(), t, now);
        outbox.publish(Channels.OFFLOAD_CONNECTIONS, row.deviceId(), OffloadEvents.CONNECTION_STATE_CHANGED,
                new ConnectionStateChanged(row.connectionId().toString(), row.operatorId(), row.deviceId(), row.ssid(),
                        row.bssid(), row.pluginId(), row.hotspot() ? row.authMethod() : "OPEN",
                        t.from() == null ? null : t.from().name(), t.to().name(), t.reason(), t.attempt(), t.blocked(),
                        t.deletesProfile(), row.manual(), now));
        return after;
    }

    private String requestPlugin(ConnectionRow row, Effect.RequestPlugin request, Instant now) {
        String requestId = UUID.randomUUID().toString();
        outbox.publish(Channels.PLUGIN_REQUESTS, row.connectionId().toString(), PluginEvents.ACTION_REQUESTED,
                new PluginActionRequested(requestId, row.connectionId().toString(), row.operatorId(), row.deviceId(),
                        row.pluginId(), request.action(), request.attempt(), row.ssid(), row.bssid(),
                        row.authMethod(), now));
        return requestId;
    }

    static String timerKey(UUID connectionId) {
        return "post-connect:" + connectionId;
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds: what is returned equals what is read back
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
