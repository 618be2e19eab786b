package io.hop.entitlement.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

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
import io.hop.platform.tx.Transactor;
import io.hop.readmodel.devices.EffectiveAssignment;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies the session state machine: each operation loads the device's session row locked, runs the
 * {@link SharingSession} operation, stores it, mirrors its timers into durable {@link Timers} and publishes every
 * change on {@code sharing.sessions.v1}, all in one transaction. Entitlement checks that may call a webhook run
 * outside any transaction, so no transaction (and no database connection) waits for an operator backend: a turn-on's
 * check runs before its transaction; a re-check timer's firing only starts the check (see {@link #timerFired}), whose
 * result is applied later in a short transaction of its own.
 */
@ApplicationScoped
public class SharingService {

    private static final Logger LOG = Logger.getLogger(SharingService.class);

    static final String PEERLESS = "sharing.peerless";
    static final String PUBLIC_CONNECTION = "sharing.public-connection";
    static final String RECHECK = "sharing.recheck";

    private final SessionRepository sessions;
    private final Devices devices;
    private final EntitlementChecks checks;
    private final Timers timers;
    private final Outbox outbox;
    private final SessionTimings timings;
    private final Transactor transactor;
    private final Duration recheckDeadline;
    private final Clock clock = Clock.systemUTC();
    /** Runs re-checks off the timer's transaction: provider look-ups, the call itself, and applying the result. */
    private final ExecutorService rechecks = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "entitlement-recheck");
        thread.setDaemon(true);
        return thread;
    });

    SharingService(SessionRepository sessions, Devices devices, EntitlementChecks checks, Timers timers, Outbox outbox,
            EntitlementConfig config, Transactor transactor) {
        this.sessions = sessions;
        this.devices = devices;
        this.checks = checks;
        this.timers = timers;
        this.outbox = outbox;
        this.transactor = transactor;
        EntitlementConfig.Sharing sharing = config.sharing();
        this.recheckDeadline = sharing.recheckDeadline();
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

    /** A sharing policy was deleted (its tombstone): every session running with it turns off at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int policyRemoved(String policyId) {
        Instant now = now();
        List<SharingSession> on = sessions.onWithPolicyForUpdate(policyId);
        for (SharingSession session : on) {
            apply(session, Snapshot.of(session), session.policyRemoved(now), now);
        }
        return on.size();
    }

    /**
     * The device's assignment may have changed (its own change or deletion): {@link #review}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reviewDevice(String operatorId, String deviceId) {
        return sessions.findForUpdate(operatorId, deviceId).filter(s -> s.state() == SharingSession.State.ON)
                .map(this::review).orElse(false) ? 1 : 0;
    }

    /**
     * A group of the operator changed or was deleted, which may move any of its devices: {@link #review} of each
     * running session of the operator (sessions are few next to devices; groups change rarely).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reviewOperator(String operatorId) {
        int stopped = 0;
        for (SharingSession session : sessions.onOfOperatorForUpdate(operatorId)) {
            stopped += review(session) ? 1 : 0;
        }
        return stopped;
    }

    /**
     * Resolves a running session's device again (read model as changed in this transaction): no device, no group or
     * no policy any more turns sharing off ({@code SHARING_POLICY_REMOVED}), a disabled policy too
     * ({@code SHARING_DISABLED_BY_OPERATOR}). Another enabled policy changes nothing until a restart (pinned).
     */
    private boolean review(SharingSession session) {
        EffectiveAssignment assignment = devices.assignment(session.operatorId(), session.deviceId());
        Optional<SharingPolicyChanged> policy = assignment.assigned() ? assignment.sharingPolicy() : Optional.empty();
        Instant now = now();
        List<SharingSession.Event> events;
        if (policy.isEmpty()) {
            events = session.policyRemoved(now);
        } else if (!policy.get().settings().enabled()) {
            events = session.disabledByOperator(now);
        } else {
            return false;
        }
        apply(session, Snapshot.of(session), events, now);
        return true;
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

    @PreDestroy
    void stopRechecks() {
        rechecks.shutdownNow(); // a re-check cut short is repeated: its timer fires again after the deadline
    }

    /**
     * A timer of the session fired (in the timer's transaction). Stale timers (another session) change nothing.
     *
     * <p>A re-check does not call the provider here: that would hold this transaction and its connection for up to the
     * provider's timeout. It moves its own timer {@code recheck-deadline} ahead (so that, should this process die
     * before the result is applied, the timer fires again, on any replica) and, once this transaction committed,
     * checks outside any transaction; {@link #applyRecheck} then applies the result in a short transaction, only if
     * the session is still the one checked and its re-check still the one that was due (its due time unchanged).
     * A stale or repeated result is stored and published as a decision but changes no session: exactly once in effect.
     */
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
                if (session.recheckPending()) {
                    startRecheck(session, payload, now);
                }
                return;
            }
            default -> throw new IllegalArgumentException("not a sharing timer: " + type);
        }
        apply(session, before, events, now);
    }

    /** The re-check a firing asked for: what is checked and the guard its result must still match. */
    record Recheck(String operatorId, String deviceId, UUID sessionId, Instant dueAt, SharingPolicySettings settings,
            String trigger) {
    }

    private void startRecheck(SharingSession session, String payload, Instant now) {
        String trigger = payload.contains("|") ? payload.substring(payload.indexOf('|') + 1) : EntitlementChecks.PERIODIC;
        // the safety net: replaced (or cancelled) when the result is applied
        timers.schedule(timerKey(RECHECK, session), RECHECK, now.plus(recheckDeadline), payload);
        // the pinned settings decide which provider is asked; the device's plan is the current one
        Recheck recheck = new Recheck(session.operatorId(), session.deviceId(), session.sessionId(),
                session.recheckDueAt(), session.settings(), trigger);
        transactor.afterCommit(() -> rechecks.execute(() -> runRecheck(recheck)));
    }

    private void runRecheck(Recheck recheck) {
        try {
            ResolvedDevice device = devices.resolve(recheck.operatorId(), recheck.deviceId());
            checks.decide(device, recheck.settings(), recheck.trigger())
                    .thenAcceptAsync(decision -> applyRecheck(recheck, decision), rechecks)
                    .exceptionally(failure -> {
                        LOG.warnf(failure, "re-check of device %s of %s failed; its timer fires again",
                                recheck.deviceId(), recheck.operatorId());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.warnf(e, "re-check of device %s of %s failed; its timer fires again", recheck.deviceId(),
                    recheck.operatorId());
        }
    }

    /**
     * Stores the re-check's decision and, when the session is still the one checked and its re-check still the one
     * that was due, applies the result: the next re-check, the grace policy, or sharing off. One short transaction.
     *
     * @return whether the session took the result (false: stale, only the decision was stored)
     */
    boolean applyRecheck(Recheck recheck, EntitlementChecks.Decision decision) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SharingSession session = sessions.findForUpdate(recheck.operatorId(), recheck.deviceId()).orElse(null);
            checks.record(decision);
            if (session == null || !recheck.sessionId().equals(session.sessionId()) || !session.recheckPending()
                    || !recheck.dueAt().equals(session.recheckDueAt())) {
                return false;
            }
            Instant now = now();
            // EPOCH as the "before" due time: the re-check timer is always rescheduled or cancelled, replacing the
            // safety net startRecheck left
            Snapshot before = new Snapshot(session.peerlessDueAt(), session.publicDueAt(), Instant.EPOCH);
            List<SharingSession.Event> events = session.recheckResult(Result.valueOf(decision.event().result()),
                    decision.event().reason(), now, timings);
            apply(session, before, events, now);
            return true;
        });
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
