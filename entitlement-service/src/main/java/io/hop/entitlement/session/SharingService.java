package io.hop.entitlement.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.contracts.Channels;
import io.hop.contracts.entitlement.EntitlementDecided.Result;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.contracts.sharing.SharingEvents;
import io.hop.contracts.sharing.SharingSessionChanged;
import io.hop.entitlement.check.EntitlementChecks;
import io.hop.entitlement.check.Help;
import io.hop.entitlement.config.EntitlementConfig;
import io.hop.entitlement.device.Devices;
import io.hop.entitlement.device.Devices.ResolvedDevice;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.timer.Timers;

/**
 * Applies the session state machine: each operation loads the device's session row locked, runs the
 * {@link SharingSession} operation, stores it, mirrors its timers into durable {@link Timers} and publishes every
 * change on {@code sharing.sessions.v1}, all in one transaction. Entitlement checks that may call a webhook run before
 * that transaction opens, so no transaction waits for an operator backend - except the periodic re-check, which runs
 * inside its timer's firing (bounded by the provider's timeout).
 */
@ApplicationScoped
public class SharingService {

    static final String PEERLESS = "sharing.peerless";
    static final String PUBLIC_CONNECTION = "sharing.public-connection";
    static final String RECHECK = "sharing.recheck";

    private final SessionRepository sessions;
    private final Devices devices;
    private final EntitlementChecks checks;
    private final Timers timers;
    private final Outbox outbox;
    private final SessionTimings timings;
    private final Clock clock = Clock.systemUTC();

    SharingService(SessionRepository sessions, Devices devices, EntitlementChecks checks, Timers timers, Outbox outbox,
            EntitlementConfig config) {
        this.sessions = sessions;
        this.devices = devices;
        this.checks = checks;
        this.timers = timers;
        this.outbox = outbox;
        EntitlementConfig.Sharing sharing = config.sharing();
        this.timings = new SessionTimings(sharing.minute(), sharing.second(), sharing.unavailableGrace().retries(),
                sharing.unavailableGrace().initialBackoff(), sharing.unavailableGrace().maxBackoff());
    }

    /** Why turning sharing on was refused (403 or 409), with the entitlement result and help when it was a denial. */
    public static final class StartRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int status;
        public final String reason;
        public final EntitlementChecks.Decision decision;
        public final Help help;

        StartRefused(int status, String reason, String message, EntitlementChecks.Decision decision, Help help) {
            super(message, null, false, false);
            this.status = status;
            this.reason = reason;
            this.decision = decision;
            this.help = help;
        }
    }

    /** The body of turning sharing on: the device's cellular connections and its current public connection. */
    public record StartRequest(List<String> connections, Boolean publicAvailable, String publicConnection) {
    }

    /**
     * Turns sharing on. Refused (403) when the policy disables sharing or entitlement is denied, (409) when none of the
     * dedicated connections exists. Already on: the session as it is.
     */
    public SharingSession start(ResolvedDevice device, StartRequest request) {
        SharingPolicyChanged policy = device.policy();
        Help help = Help.of(policy == null ? null : policy.settings());
        if (policy == null || !policy.settings().enabled()) {
            refuse(device, SharingSession.SHARING_DISABLED_BY_OPERATOR, null);
            throw new StartRefused(403, SharingSession.SHARING_DISABLED_BY_OPERATOR,
                    policy == null ? "no sharing policy applies to this device" : "the operator disabled sharing", null,
                    help);
        }
        SharingSession current = sessions.find(device.operatorId(), device.deviceId()).orElse(null);
        if (current != null && current.state() == SharingSession.State.ON) {
            return current;
        }
        SharingPolicySettings settings = policy.settings();
        if (!SharingSession.dedicatedConnectionPresent(settings, request.connections())) {
            refuse(device, SharingSession.DEDICATED_CONNECTION_MISSING, null);
            throw new StartRefused(409, SharingSession.DEDICATED_CONNECTION_MISSING,
                    "none of the policy's dedicated connections " + settings.dedicatedConnections()
                            + (settings.tetheringNaiConnection() == null ? "" : " or " + settings.tetheringNaiConnection())
                            + " exists on the device",
                    null, help);
        }
        EntitlementChecks.Decision decision = settings.entitlementRequired()
                ? await(checks.decide(device, settings, EntitlementChecks.SHARING_START))
                : null;
        return startTransaction(device, policy, request, decision);
    }

    @Transactional(dontRollbackOn = StartRefused.class)
    SharingSession startTransaction(ResolvedDevice device, SharingPolicyChanged policy, StartRequest request,
            EntitlementChecks.Decision decision) {
        Instant now = now();
        SharingSession session = sessions.findForUpdate(device.operatorId(), device.deviceId())
                .orElseGet(() -> new SharingSession(device.operatorId(), device.deviceId()));
        if (decision != null) {
            checks.record(decision);
        }
        Result result = decision == null ? null : Result.valueOf(decision.event().result());
        if (result != null && result != Result.SUCCESS) {
            session.refused("ENTITLEMENT_" + result.name(), result, decision.event().reason(), now);
            sessions.save(session, now);
            // the refusal is stored with the decision; the caller answers 403 after this commit
            throw new StartRefused(403, decision.event().reason(), "entitlement " + result.name(), decision,
                    decision.help());
        }
        if (session.state() == SharingSession.State.ON) {
            return session; // a concurrent start won
        }
        Snapshot before = Snapshot.of(session);
        List<SharingSession.Event> events = session.start(policy.policyId(), policy.version(), policy.settings(),
                request.publicAvailable(), request.publicConnection(), result,
                decision == null ? null : decision.event().reason(), now, timings);
        apply(session, before, events, now);
        return session;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refuse(ResolvedDevice device, String reason, Result result) {
        Instant now = now();
        SharingSession session = sessions.findForUpdate(device.operatorId(), device.deviceId())
                .orElseGet(() -> new SharingSession(device.operatorId(), device.deviceId()));
        session.refused(reason, result, null, now);
        sessions.save(session, now);
    }

    @Transactional
    public SharingSession stop(String operatorId, String deviceId, String reason) {
        return change(operatorId, deviceId, (session, now) -> session.stop(reason, now));
    }

    @Transactional
    public SharingSession join(String operatorId, String deviceId, String clientId, SharingSession.Transport transport) {
        return change(operatorId, deviceId, (session, now) -> session.join(clientId, transport, now));
    }

    @Transactional
    public SharingSession leave(String operatorId, String deviceId, String clientId) {
        return change(operatorId, deviceId, (session, now) -> session.leave(clientId, now, timings));
    }

    @Transactional
    public SharingSession publicConnection(String operatorId, String deviceId, boolean available, String connection) {
        return change(operatorId, deviceId,
                (session, now) -> session.publicConnection(available, connection, now, timings));
    }

    /** Enabled=false on a policy: every session running with it turns off at once (in the consumer's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int disablePolicy(String policyId) {
        Instant now = now();
        List<SharingSession> on = sessions.onWithPolicyForUpdate(policyId);
        for (SharingSession session : on) {
            Snapshot before = Snapshot.of(session);
            apply(session, before, session.disabledByOperator(now), now);
        }
        return on.size();
    }

    /** A usage alert: re-check the device's session now (through its re-check timer, so off this transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recheckSoon(String operatorId, String deviceId) {
        sessions.findForUpdate(operatorId, deviceId).filter(s -> s.state() == SharingSession.State.ON)
                .ifPresent(session -> {
                    Instant now = now();
                    session.recheckNow(now);
                    sessions.save(session, now);
                    timers.schedule(timerKey(RECHECK, session), RECHECK, now,
                            session.sessionId() + "|" + EntitlementChecks.USAGE_ALERT);
                });
    }

    /** A timer of the session fired (in the timer's transaction). Stale timers (another session) change nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void timerFired(String type, String operatorId, String deviceId, String payload) {
        SharingSession session = sessions.findForUpdate(operatorId, deviceId).orElse(null);
        if (session == null || session.sessionId() == null || payload == null
                || !payload.startsWith(session.sessionId().toString())) {
            return;
        }
        Instant now = now();
        Snapshot before = Snapshot.of(session);
        List<SharingSession.Event> events;
        switch (type) {
            case PEERLESS -> events = session.peerlessTimerFired(now);
            case PUBLIC_CONNECTION -> events = session.publicTimerFired(now);
            case RECHECK -> {
                if (!session.recheckPending()) {
                    return;
                }
                String trigger = payload.contains("|") ? payload.substring(payload.indexOf('|') + 1)
                        : EntitlementChecks.PERIODIC;
                ResolvedDevice device = devices.resolve(operatorId, deviceId);
                // the pinned settings decide which provider is asked; the device's plan is the current one
                EntitlementChecks.Decision decision = await(checks.decide(device, session.settings(), trigger));
                checks.record(decision);
                events = session.recheckResult(Result.valueOf(decision.event().result()), decision.event().reason(),
                        now, timings);
            }
            default -> throw new IllegalArgumentException("not a sharing timer: " + type);
        }
        apply(session, before, events, now);
    }

    /** The device's session (never started: an OFF session without id). */
    public SharingSession get(String operatorId, String deviceId) {
        return sessions.find(operatorId, deviceId).orElseGet(() -> new SharingSession(operatorId, deviceId));
    }

    public SessionTimings timings() {
        return timings;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private interface Operation {
        List<SharingSession.Event> apply(SharingSession session, Instant now);
    }

    private SharingSession change(String operatorId, String deviceId, Operation operation) {
        Instant now = now();
        SharingSession session = sessions.findForUpdate(operatorId, deviceId)
                .orElseGet(() -> new SharingSession(operatorId, deviceId));
        Snapshot before = Snapshot.of(session);
        List<SharingSession.Event> events = operation.apply(session, now);
        if (!events.isEmpty()) {
            apply(session, before, events, now);
        }
        return session;
    }

    private void apply(SharingSession session, Snapshot before, List<SharingSession.Event> events, Instant now) {
        sessions.save(session, now);
        syncTimers(session, before);
        for (SharingSession.Event event : events) {
            outbox.publish(Channels.SHARING_SESSIONS, session.deviceId(), SharingEvents.SESSION_CHANGED,
                    new SharingSessionChanged(session.sessionId().toString(), session.operatorId(), session.deviceId(),
                            event.change().name(), session.state().name(), event.reason(), event.clientId(),
                            event.transport(), session.wifiClients().size(), session.bluetoothClients().size(),
                            session.policyVersion(), now));
        }
    }

    /** Mirrors the session's due times into durable timers: scheduled when set or moved, cancelled when cleared. */
    private void syncTimers(SharingSession session, Snapshot before) {
        sync(session, PEERLESS, before.peerless, session.peerlessDueAt(), session.sessionId() + "");
        sync(session, PUBLIC_CONNECTION, before.publicDue, session.publicDueAt(), session.sessionId() + "");
        sync(session, RECHECK, before.recheck, session.recheckDueAt(),
                session.sessionId() + "|" + EntitlementChecks.PERIODIC);
    }

    private void sync(SharingSession session, String type, Instant before, Instant after, String payload) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            timers.cancel(timerKey(type, session));
        } else {
            timers.schedule(timerKey(type, session), type, after, payload);
        }
    }

    static String timerKey(String type, SharingSession session) {
        return type + ":" + session.operatorId() + ":" + session.deviceId();
    }

    private record Snapshot(Instant peerless, Instant publicDue, Instant recheck) {
        static Snapshot of(SharingSession session) {
            return new Snapshot(session.peerlessDueAt(), session.publicDueAt(), session.recheckDueAt());
        }
    }

    private static EntitlementChecks.Decision await(java.util.concurrent.CompletionStage<EntitlementChecks.Decision> stage) {
        try {
            // every provider answers within its timeout (at most 30 s); this bound only guards against a bug
            return stage.toCompletableFuture().get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking entitlement", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("entitlement check failed", e);
        }
    }
}
