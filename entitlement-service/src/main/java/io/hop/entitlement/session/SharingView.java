package io.hop.entitlement.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.entitlement.check.Help;

/**
 * {@code GET /v1/devices/{deviceId}/sharing}: the session and a diagnosis a support agent can read ("connected but no
 * internet": which of the public connection, entitlement, limits or a timer is the cause).
 */
public record SharingView(String operatorId, String deviceId, String sessionId, String state, String stopReason,
        Instant startedAt, Instant stoppedAt, String policyId, Long policyVersion, Clients clients,
        PublicConnection publicConnection, Entitlement entitlement, List<TimerView> timers,
        SharedNetworks.NetworkView network, String lastRefusal, Instant lastRefusalAt, List<String> diagnosis) {

    public record Clients(List<String> wifi, List<String> bluetooth, Integer maxUsers, Integer maxBluetoothUsers,
            boolean wifiLimitReached, boolean bluetoothLimitReached) {
    }

    public record PublicConnection(Boolean available, String connection, boolean usable, Instant unavailableSince,
            List<String> dedicatedConnections, List<String> missingDedicatedConnections) {
    }

    public record Entitlement(String lastResult, String lastReason, Instant lastCheckedAt, int unavailableRetries,
            Help help) {
    }

    public record TimerView(String timer, Instant dueAt, long secondsLeft) {
    }

    public static SharingView of(SharingSession s, SharedNetworks.NetworkView network, Instant now) {
        SharingPolicySettings settings = s.settings();
        boolean on = s.state() == SharingSession.State.ON;
        Clients clients = new Clients(s.wifiClients(), s.bluetoothClients(),
                settings == null ? null : settings.maxUsers(), settings == null ? null : settings.maxBluetoothUsers(),
                on && settings != null && s.wifiClients().size() >= settings.maxUsers(),
                on && settings != null && s.bluetoothClients().size() >= settings.maxBluetoothUsers());
        List<String> dedicated = new ArrayList<>(settings == null ? List.of() : settings.dedicatedConnections());
        if (settings != null && settings.tetheringNaiConnection() != null) {
            dedicated.add(settings.tetheringNaiConnection());
        }
        PublicConnection publicConnection = new PublicConnection(s.publicAvailable(), s.publicConnectionName(),
                on && s.publicUsable(), s.publicLostSince(), dedicated, on ? s.missingDedicatedConnections() : List.of());
        Entitlement entitlement = new Entitlement(s.lastResult(), s.lastReason(), s.lastCheckedAt(),
                s.unavailableAttempts(), Help.of(settings));
        List<TimerView> timers = new ArrayList<>();
        timer(timers, "PEERLESS", s.peerlessDueAt(), now);
        timer(timers, "PUBLIC_CONNECTION", s.publicDueAt(), now);
        timer(timers, "ENTITLEMENT_RECHECK", s.recheckDueAt(), now);
        List<String> diagnosis = new ArrayList<>();
        if (!on) {
            diagnosis.add(s.sessionId() == null ? "Sharing was never on." : "Sharing is off: " + s.stopReason() + ".");
            if (s.lastRefusal() != null) {
                diagnosis.add("The last attempt to turn sharing on was refused: " + s.lastRefusal() + ".");
            }
        } else {
            if (!s.publicUsable()) {
                diagnosis.add("No usable public connection since " + s.publicLostSince()
                        + (publicConnection.missingDedicatedConnections().isEmpty() ? ""
                                : "; expected one of " + publicConnection.missingDedicatedConnections())
                        + ": clients have no internet. Sharing turns off when the timer runs out.");
            }
            if (clients.wifiLimitReached()) {
                diagnosis.add("The Wi-Fi client limit (" + settings.maxUsers() + ") is reached: new clients are refused.");
            }
            if (clients.bluetoothLimitReached()) {
                diagnosis.add("The Bluetooth client limit (" + settings.maxBluetoothUsers() + ") is reached.");
            }
            if ("UNAVAILABLE".equals(s.lastResult())) {
                diagnosis.add("The last entitlement re-check could not reach the operator (" + s.lastReason()
                        + "); retry " + s.unavailableAttempts() + " of the grace policy.");
            }
        }
        if ("FAILED".equals(s.lastResult())) {
            diagnosis.add("Entitlement failed (" + s.lastReason() + "): see help.");
        }
        return new SharingView(s.operatorId(), s.deviceId(), s.sessionId() == null ? null : s.sessionId().toString(),
                s.state().name(), s.stopReason(), s.startedAt(), s.stoppedAt(), s.policyId(),
                s.sessionId() == null ? null : s.policyVersion(), clients, publicConnection, entitlement, timers,
                network, s.lastRefusal(), s.lastRefusalAt(), diagnosis);
    }

    private static void timer(List<TimerView> timers, String name, Instant dueAt, Instant now) {
        if (dueAt != null) {
            Duration left = SharingSession.left(dueAt, now);
            timers.add(new TimerView(name, dueAt, left.toSeconds()));
        }
    }
}
