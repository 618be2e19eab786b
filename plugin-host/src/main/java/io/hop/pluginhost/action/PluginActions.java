package io.hop.pluginhost.action;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

import io.hop.contracts.Channels;
import io.hop.contracts.plugin.PluginActionCompleted;
import io.hop.contracts.plugin.PluginActionCompleted.Outcome;
import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.ConnectResult;
import io.hop.plugin.api.Connection;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.tx.Transactor;
import io.hop.pluginhost.registry.PluginHostConfig;
import io.hop.pluginhost.registry.PluginRegistry;
import io.hop.pluginhost.runtime.CallOutcome;
import io.hop.pluginhost.runtime.PluginRuntime;

/**
 * Does what a {@link PluginActionRequested} asks of the plugin that owns the connection (pre-connect, post-connect,
 * reset) on that plugin's executor within its timeout, and records the answer: one {@link PluginActionCompleted} per
 * request id, ever ({@code plugin_action_result} and the outbox row in one transaction).
 */
@ApplicationScoped
public class PluginActions {

    private final PluginRegistry registry;
    private final DataSource dataSource;
    private final Transactor transactor;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    private final Duration maxAge;

    PluginActions(PluginRegistry registry, DataSource dataSource, Transactor transactor, Outbox outbox,
            PluginHostConfig config) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.outbox = outbox;
        this.maxAge = config.requestMaxAge();
    }

    /** Whether this host runs the request's plugin (requests for another host's plugins are left to it). */
    public boolean hosts(PluginActionRequested request) {
        return registry.find(request.pluginId()).isPresent();
    }

    /**
     * Whether the request is older than {@code hop.plugin-host.request-max-age}: its requester has stopped waiting, so
     * it is neither performed nor answered.
     */
    public boolean expired(PluginActionRequested request) {
        return request.requestedAt() != null && request.requestedAt().plus(maxAge).isBefore(clock.instant());
    }

    /** Whether the request was answered already. */
    public boolean answered(String requestId) {
        return transactor.required(() -> {
            try (var c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select 1 from plugin_action_result where request_id = ?")) {
                ps.setString(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Calls the plugin (no transaction open meanwhile) and returns the result to record. */
    public PluginActionCompleted perform(PluginActionRequested r) {
        Optional<PluginRuntime> found = registry.find(r.pluginId());
        if (found.isEmpty()) {
            return result(r, Outcome.FAILURE, "plugin " + r.pluginId() + " is not on this host");
        }
        PluginRuntime plugin = found.get();
        if (!plugin.manifest().serves(r.operatorId())) {
            return result(r, Outcome.FAILURE, "plugin " + r.pluginId() + " does not serve operator " + r.operatorId());
        }
        PluginActionRequested.Action action;
        try {
            action = PluginActionRequested.Action.valueOf(r.action());
        } catch (RuntimeException e) {
            return result(r, Outcome.FAILURE, "unknown action " + r.action());
        }
        AuthMethod method = null;
        try {
            method = r.authMethod() == null ? null : AuthMethod.valueOf(r.authMethod());
        } catch (IllegalArgumentException e) {
            // an unknown method is the plugin's business: it gets null
        }
        Connection connection = new Connection(r.connectionId(), r.operatorId(), r.deviceId(), r.ssid(), r.bssid(),
                method, r.attempt());
        CallOutcome<ConnectResult> outcome = switch (action) {
            case PRE_CONNECT -> plugin.call("pre-connect", () -> plugin.plugin().preConnect(connection));
            case POST_CONNECT -> plugin.call("post-connect", () -> plugin.plugin().postConnect(connection));
            case RESET -> plugin.call("reset", () -> {
                plugin.plugin().reset(connection);
                return CompletableFuture.completedFuture(ConnectResult.success());
            });
        };
        return switch (outcome.kind()) {
            case ANSWERED -> outcome.value() == null || outcome.value().outcome() == null
                    ? result(r, Outcome.FAILURE, "the plugin answered no result")
                    : result(r, Outcome.valueOf(outcome.value().outcome().name()), outcome.value().detail());
            case TIMED_OUT -> result(r, Outcome.TIMED_OUT, outcome.error());
            case SKIPPED_QUARANTINED -> result(r, Outcome.QUARANTINED,
                    "plugin " + r.pluginId() + " is quarantined after repeated failures");
            case FAILED -> result(r, Outcome.FAILURE, outcome.error());
        };
    }

    /** Records and publishes the result, in the caller's transaction, unless the request was answered already. */
    public boolean record(PluginActionCompleted result) {
        return transactor.required(() -> {
            int inserted;
            try (var c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into plugin_action_result (request_id, connection_id, plugin_id, outcome) "
                            + "values (?, ?, ?, ?) on conflict do nothing")) {
                ps.setString(1, result.requestId());
                ps.setString(2, result.connectionId());
                ps.setString(3, result.pluginId());
                ps.setString(4, result.outcome());
                inserted = ps.executeUpdate();
            }
            if (inserted == 1) {
                outbox.publish(Channels.PLUGIN_RESULTS, result.connectionId(), PluginEvents.ACTION_COMPLETED, result);
            }
            return inserted == 1;
        });
    }

    private PluginActionCompleted result(PluginActionRequested r, Outcome outcome, String detail) {
        return new PluginActionCompleted(r.requestId(), r.connectionId(), r.operatorId(), r.deviceId(), r.pluginId(),
                r.action(), r.attempt(), outcome.name(), detail, clock.instant());
    }
}
