package io.hop.entitlement.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.hop.contracts.entitlement.EntitlementDecided.Result;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.contracts.sharing.SharingSessionChanged.Change;

/**
 * A device's internet-sharing session: the state machine of contract.md and system.md, plain Java. Each operation
 * changes the session and returns the changes to publish; the timers it wants running are its {@code *DueAt} fields
 * (null = not running), which the caller mirrors into durable timers in the same transaction. The session keeps the
 * policy version and settings it started with (DedicatedConnections, TetheringNAIConnection, MaxUsers... change only
 * with a restart); only {@link #disabledByOperator} reacts to the policy at once.
 */
public final class SharingSession {

    public enum State {
        ON, OFF
    }

    /** The two client kinds and their limits. */
    public enum Transport {
        WIFI, BLUETOOTH
    }

    /** One change to publish (SharingSessionChanged). */
    public record Event(Change change, String reason, String clientId, String transport) {
    }

    public static final String USER_REQUEST = "USER_REQUEST";
    public static final String PEERLESS_TIMEOUT = "PEERLESS_TIMEOUT";
    public static final String NO_PUBLIC_CONNECTION = "NO_PUBLIC_CONNECTION";
    public static final String PUBLIC_CONNECTION_AVAILABLE = "PUBLIC_CONNECTION_AVAILABLE";
    public static final String ENTITLEMENT_REVOKED = "ENTITLEMENT_REVOKED";
    public static final String ENTITLEMENT_UNAVAILABLE = "ENTITLEMENT_UNAVAILABLE";
    public static final String SHARING_DISABLED_BY_OPERATOR = "SHARING_DISABLED_BY_OPERATOR";
    /** No sharing policy applies to the device any more: the policy, the device's group or the device was deleted. */
    public static final String SHARING_POLICY_REMOVED = "SHARING_POLICY_REMOVED";
    public static final String DEDICATED_CONNECTION_MISSING = "DEDICATED_CONNECTION_MISSING";

    private final String operatorId;
    private final String deviceId;
    private UUID sessionId;
    private State state;
    private String policyId;
    private long policyVersion;
    private SharingPolicySettings settings;
    private final Set<String> wifiClients = new LinkedHashSet<>();
    private final Set<String> bluetoothClients = new LinkedHashSet<>();
    private Boolean publicAvailable;
    private String publicConnection;
    private Instant publicLostSince;
    private Instant startedAt;
    private Instant stoppedAt;
    private String stopReason;
    private String lastResult;
    private String lastReason;
    private Instant lastCheckedAt;
    private int unavailableAttempts;
    private Instant peerlessDueAt;
    private Instant publicDueAt;
    private Instant recheckDueAt;
    private String lastRefusal;
    private Instant lastRefusalAt;

    /** A device that never shared: OFF, no session yet (sessionId null). */
    public SharingSession(String operatorId, String deviceId) {
        this.operatorId = Objects.requireNonNull(operatorId, "operatorId");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.state = State.OFF;
    }

    /** The stored state, as {@link SessionRepository} reads it. */
    public static SharingSession restore(String operatorId, String deviceId, Snapshot s) {
        SharingSession session = new SharingSession(operatorId, deviceId);
        session.sessionId = s.sessionId();
        session.state = s.state();
        session.policyId = s.policyId();
        session.policyVersion = s.policyVersion();
        session.settings = s.settings();
        session.wifiClients.addAll(s.wifiClients());
        session.bluetoothClients.addAll(s.bluetoothClients());
        session.publicAvailable = s.publicAvailable();
        session.publicConnection = s.publicConnection();
        session.publicLostSince = s.publicLostSince();
        session.startedAt = s.startedAt();
        session.stoppedAt = s.stoppedAt();
        session.stopReason = s.stopReason();
        session.lastResult = s.lastResult();
        session.lastReason = s.lastReason();
        session.lastCheckedAt = s.lastCheckedAt();
        session.unavailableAttempts = s.unavailableAttempts();
        session.peerlessDueAt = s.peerlessDueAt();
        session.publicDueAt = s.publicDueAt();
        session.recheckDueAt = s.recheckDueAt();
        session.lastRefusal = s.lastRefusal();
        session.lastRefusalAt = s.lastRefusalAt();
        return session;
    }

    /** Everything stored of a session. */
    public record Snapshot(UUID sessionId, State state, String policyId, long policyVersion,
            SharingPolicySettings settings, List<String> wifiClients, List<String> bluetoothClients,
            Boolean publicAvailable, String publicConnection, Instant publicLostSince, Instant startedAt,
            Instant stoppedAt, String stopReason, String lastResult, String lastReason, Instant lastCheckedAt,
            int unavailableAttempts, Instant peerlessDueAt, Instant publicDueAt, Instant recheckDueAt,
            String lastRefusal, Instant lastRefusalAt) {
    }

    public Snapshot snapshot() {
        return new Snapshot(sessionId, state, policyId, policyVersion, settings, List.copyOf(wifiClients),
                List.copyOf(bluetoothClients), publicAvailable, publicConnection, publicLostSince, startedAt, stoppedAt,
                stopReason, lastResult, lastReason, lastCheckedAt, unavailableAttempts, peerlessDueAt, publicDueAt,
                recheckDueAt, lastRefusal, lastRefusalAt);
    }

    /**
     * The dedicated-connection rule at start: when the policy names DedicatedConnections or a TetheringNAIConnection,
     * at least one of them must be among the device's {@code connections}.
     */
    public static boolean dedicatedConnectionPresent(SharingPolicySettings settings, List<String> connections) {
        Set<String> dedicated = dedicated(settings);
        return dedicated.isEmpty() || (connections != null && connections.stream().anyMatch(dedicated::contains));
    }

    /**
     * Turns sharing on with the policy version it will keep. The caller has checked Enabled, the dedicated
     * connections and entitlement.
     *
     * @param publicAvailable  whether the device has a public (cellular) connection now; null = not reported
     * @param publicConnection its name, or null
     */
    public List<Event> start(String policyId, long policyVersion, SharingPolicySettings settings, Boolean publicAvailable,
            String publicConnection, Result entitlement, String entitlementReason, Instant now, SessionTimings timings) {
        if (state == State.ON) {
            throw new SharingRefused(409, "ALREADY_ON", "sharing is already on");
        }
        this.sessionId = UUID.randomUUID();
        this.state = State.ON;
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.settings = Objects.requireNonNull(settings, "settings");
        wifiClients.clear();
        bluetoothClients.clear();
        this.startedAt = now;
        this.stoppedAt = null;
        this.stopReason = null;
        this.unavailableAttempts = 0;
        this.lastRefusal = null;
        this.lastRefusalAt = null;
        if (entitlement != null) {
            this.lastResult = entitlement.name();
            this.lastReason = entitlementReason;
            this.lastCheckedAt = now;
        }
        this.peerlessDueAt = now.plus(timings.minute().multipliedBy(settings.peerlessTimeout()));
        this.publicAvailable = publicAvailable;
        this.publicConnection = publicConnection;
        this.publicLostSince = null;
        this.publicDueAt = null;
        evaluatePublicConnection(now, timings);
        this.recheckDueAt = settings.entitlementRequired() && settings.entitlementInterval() > 0
                ? now.plus(timings.second().multipliedBy(settings.entitlementInterval()))
                : null;
        return List.of(new Event(Change.STARTED, USER_REQUEST, null, null));
    }

    /** Turns sharing off (no change when it is off already). */
    public List<Event> stop(String reason, Instant now) {
        if (state != State.ON) {
            return List.of();
        }
        state = State.OFF;
        stoppedAt = now;
        stopReason = reason;
        wifiClients.clear();
        bluetoothClients.clear();
        peerlessDueAt = null;
        publicDueAt = null;
        recheckDueAt = null;
        return List.of(new Event(Change.STOPPED, reason, null, null));
    }

    /** Sharing was refused before it started (entitlement, disabled, dedicated connection): kept for the diagnosis. */
    public void refused(String reason, Result entitlement, String entitlementReason, Instant now) {
        lastRefusal = reason;
        lastRefusalAt = now;
        if (entitlement != null) {
            lastResult = entitlement.name();
            lastReason = entitlementReason;
            lastCheckedAt = now;
        }
    }

    /**
     * A client joins: refused with 409 when sharing is off or the transport's limit (MaxUsers, MaxBluetoothUsers of
     * the pinned policy) is reached. A client already connected changes nothing. The peerless timer stops.
     */
    public List<Event> join(String clientId, Transport transport, Instant now) {
        requireOn();
        if (wifiClients.contains(clientId) || bluetoothClients.contains(clientId)) {
            if ((transport == Transport.WIFI ? wifiClients : bluetoothClients).contains(clientId)) {
                return List.of();
            }
            throw new SharingRefused(409, "CLIENT_ON_OTHER_TRANSPORT",
                    "client " + clientId + " is connected over the other transport; it must leave first");
        }
        Set<String> clients = transport == Transport.WIFI ? wifiClients : bluetoothClients;
        int limit = transport == Transport.WIFI ? settings.maxUsers() : settings.maxBluetoothUsers();
        if (clients.size() >= limit) {
            throw new SharingRefused(409, transport == Transport.WIFI ? "MAX_USERS_REACHED" : "MAX_BLUETOOTH_USERS_REACHED",
                    "at most " + limit + (transport == Transport.WIFI ? " Wi-Fi" : " Bluetooth")
                            + " clients may share this connection (policy version " + policyVersion + ")");
        }
        clients.add(clientId);
        peerlessDueAt = null;
        return List.of(new Event(Change.CLIENT_JOINED, null, clientId, transport.name()));
    }

    /** A client leaves; when it was the last, the peerless timer starts. */
    public List<Event> leave(String clientId, Instant now, SessionTimings timings) {
        requireOn();
        Transport transport;
        if (wifiClients.remove(clientId)) {
            transport = Transport.WIFI;
        } else if (bluetoothClients.remove(clientId)) {
            transport = Transport.BLUETOOTH;
        } else {
            throw new SharingRefused(404, "NO_SUCH_CLIENT", "no such client");
        }
        if (clientCount() == 0) {
            peerlessDueAt = now.plus(timings.minute().multipliedBy(settings.peerlessTimeout()));
        }
        return List.of(new Event(Change.CLIENT_LEFT, null, clientId, transport.name()));
    }

    /**
     * The device reports its public connection. Unavailable, or not one of the pinned DedicatedConnections /
     * TetheringNAIConnection (when set): the public-connection timer runs (if not already); usable: it stops.
     */
    public List<Event> publicConnection(boolean available, String connection, Instant now, SessionTimings timings) {
        requireOn();
        publicAvailable = available;
        publicConnection = connection;
        boolean usable = evaluatePublicConnection(now, timings);
        return List.of(new Event(Change.PUBLIC_CONNECTION_CHANGED, usable ? PUBLIC_CONNECTION_AVAILABLE
                : NO_PUBLIC_CONNECTION, null, null));
    }

    /** The peerless timer fired: off when still no client. */
    public List<Event> peerlessTimerFired(Instant now) {
        if (state != State.ON || peerlessDueAt == null || clientCount() > 0) {
            return List.of();
        }
        return stop(PEERLESS_TIMEOUT, now);
    }

    /** The public-connection timer fired: off when still no usable public connection. */
    public List<Event> publicTimerFired(Instant now) {
        if (state != State.ON || publicDueAt == null || publicUsable()) {
            return List.of();
        }
        return stop(NO_PUBLIC_CONNECTION, now);
    }

    /** Whether a re-check is due: the session is on and its re-check timer runs. */
    public boolean recheckPending() {
        return state == State.ON && recheckDueAt != null;
    }

    /** An immediate re-check was asked (a usage alert). */
    public void recheckNow(Instant now) {
        if (state == State.ON) {
            recheckDueAt = now;
        }
    }

    /**
     * The result of a re-check (periodic or after a usage alert). SUCCESS: the next periodic check is scheduled.
     * FAILED: off, ENTITLEMENT_REVOKED. UNAVAILABLE: the grace policy - retried after a backoff, off with
     * ENTITLEMENT_UNAVAILABLE once {@code graceRetries} retries were UNAVAILABLE too.
     */
    public List<Event> recheckResult(Result result, String reason, Instant now, SessionTimings timings) {
        if (state != State.ON) {
            return List.of();
        }
        lastResult = result.name();
        lastReason = reason;
        lastCheckedAt = now;
        switch (result) {
            case SUCCESS -> {
                unavailableAttempts = 0;
                recheckDueAt = settings.entitlementRequired() && settings.entitlementInterval() > 0
                        ? now.plus(timings.second().multipliedBy(settings.entitlementInterval()))
                        : null;
                return List.of();
            }
            case FAILED -> {
                return stop(ENTITLEMENT_REVOKED, now);
            }
            default -> {
                unavailableAttempts++;
                if (unavailableAttempts > timings.graceRetries()) {
                    return stop(ENTITLEMENT_UNAVAILABLE, now);
                }
                recheckDueAt = now.plus(timings.backoff(unavailableAttempts));
                return List.of();
            }
        }
    }

    /** The operator set Enabled=false: off at once, whatever the pinned version. */
    public List<Event> disabledByOperator(Instant now) {
        return stop(SHARING_DISABLED_BY_OPERATOR, now);
    }

    /** No sharing policy applies to the device any more: off at once. */
    public List<Event> policyRemoved(Instant now) {
        return stop(SHARING_POLICY_REMOVED, now);
    }

    /** The pinned DedicatedConnections and TetheringNAIConnection that are not the current public connection. */
    public List<String> missingDedicatedConnections() {
        if (settings == null || publicUsable()) {
            return List.of();
        }
        return new ArrayList<>(dedicated(settings));
    }

    public boolean publicUsable() {
        if (!Boolean.TRUE.equals(publicAvailable)) {
            return false;
        }
        Set<String> dedicated = dedicated(settings);
        return dedicated.isEmpty() || (publicConnection != null && dedicated.contains(publicConnection));
    }

    private boolean evaluatePublicConnection(Instant now, SessionTimings timings) {
        boolean usable = publicUsable();
        if (usable) {
            publicLostSince = null;
            publicDueAt = null;
        } else if (publicDueAt == null) {
            publicLostSince = now;
            publicDueAt = now.plus(timings.minute().multipliedBy(settings.publicConnectionTimeout()));
        }
        return usable;
    }

    private static Set<String> dedicated(SharingPolicySettings settings) {
        Set<String> names = new LinkedHashSet<>();
        if (settings != null) {
            settings.dedicatedConnections().stream().filter(n -> n != null && !n.isBlank()).forEach(names::add);
            if (settings.tetheringNaiConnection() != null && !settings.tetheringNaiConnection().isBlank()) {
                names.add(settings.tetheringNaiConnection());
            }
        }
        return names;
    }

    private void requireOn() {
        if (state != State.ON) {
            throw new SharingRefused(409, "SHARING_OFF", "sharing is off");
        }
    }

    public int clientCount() {
        return wifiClients.size() + bluetoothClients.size();
    }

    /** Time left on a timer, or null when it does not run. */
    public static Duration left(Instant dueAt, Instant now) {
        return dueAt == null ? null : (dueAt.isBefore(now) ? Duration.ZERO : Duration.between(now, dueAt));
    }

    public String operatorId() { return operatorId; }
    public String deviceId() { return deviceId; }
    public UUID sessionId() { return sessionId; }
    public State state() { return state; }
    public String policyId() { return policyId; }
    public long policyVersion() { return policyVersion; }
    public SharingPolicySettings settings() { return settings; }
    public List<String> wifiClients() { return List.copyOf(wifiClients); }
    public List<String> bluetoothClients() { return List.copyOf(bluetoothClients); }
    public Boolean publicAvailable() { return publicAvailable; }
    public String publicConnectionName() { return publicConnection; }
    public Instant publicLostSince() { return publicLostSince; }
    public Instant startedAt() { return startedAt; }
    public Instant stoppedAt() { return stoppedAt; }
    public String stopReason() { return stopReason; }
    public String lastResult() { return lastResult; }
    public String lastReason() { return lastReason; }
    public Instant lastCheckedAt() { return lastCheckedAt; }
    public int unavailableAttempts() { return unavailableAttempts; }
    public Instant peerlessDueAt() { return peerlessDueAt; }
    public Instant publicDueAt() { return publicDueAt; }
    public Instant recheckDueAt() { return recheckDueAt; }
    public String lastRefusal() { return lastRefusal; }
    public Instant lastRefusalAt() { return lastRefusalAt; }
}
