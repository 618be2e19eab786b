package io.hop.offload.scan;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.offload.connection.ConnectionRepository;
import io.hop.offload.connection.ConnectionRow;
import io.hop.offload.connection.ConnectionService;
import io.hop.offload.decision.DecisionLog;
import io.hop.offload.fleet.FleetLearning;
import io.hop.offload.fleet.FleetService;
import io.hop.offload.profile.Profile;
import io.hop.offload.profile.ProfileRepository;
import io.hop.offload.scan.ScanEvaluation.Candidate;
import io.hop.offload.settings.SettingsRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Evaluates a device's scan: asks the plugin hosts (no transaction open meanwhile), evaluates
 * ({@link ScanEvaluation}), then in one transaction creates or updates a profile per selected network (one statement),
 * writes the decision log (one statement) and, when the device has no live connection, starts the automatic
 * connection to the best candidate.
 */
@ApplicationScoped
public class ScanService {

    private final SettingsRepository settings;
    private final PluginHosts hosts;
    private final FleetService fleet;
    private final ProfileRepository profiles;
    private final DecisionLog decisions;
    private final ConnectionRepository connectionRows;
    private final ConnectionService connections;

    ScanService(SettingsRepository settings, PluginHosts hosts, FleetService fleet, ProfileRepository profiles,
            DecisionLog decisions, ConnectionRepository connectionRows, ConnectionService connections) {
        this.settings = settings;
        this.hosts = hosts;
        this.fleet = fleet;
        this.profiles = profiles;
        this.decisions = decisions;
        this.connectionRows = connectionRows;
        this.connections = connections;
    }

    /** A selected network as returned, with the connection started for it (if any). */
    public record ScanCandidate(String ssid, String bssid, int priority, String authMethod, String displayName,
            String pluginId, boolean demoted, String connectionId) {
    }

    /** The scan's answer. */
    public record ScanResult(UUID scanId, boolean offloadEnabled, boolean offloadAvailable, boolean degraded,
            List<ScanCandidate> candidates, List<ScanEvaluation.PluginReport> plugins,
            List<ScanEvaluation.HostReport> hosts) {
    }

    public ScanResult scan(String operatorId, String deviceId, String authorization, boolean cellularAvailable,
            List<PluginHostDtos.Network> networks) {
        boolean enabled = settings.offloadEnabled(operatorId, deviceId);
        ScanEvaluation.Result result;
        if (!enabled) {
            result = ScanEvaluation.withoutOffload(networks, ScanEvaluation.OFFLOAD_DISABLED,
                    "automatic offload is off for the device");
        } else {
            List<HostAnswer> answers = hosts.identify(authorization,
                    new PluginHostDtos.IdentificationRequest(operatorId, deviceId, cellularAvailable, networks));
            FleetLearning learning = fleet.forOperator(operatorId);
            result = ScanEvaluation.evaluate(networks, answers, cellularAvailable, learning::demotion);
            if (!result.offloadAvailable() && !result.degraded()) {
                result = ScanEvaluation.withoutOffload(networks, ScanEvaluation.OFFLOAD_UNAVAILABLE,
                        "no plugin serves the operator");
            }
        }
        ScanEvaluation.Result evaluated = result;
        UUID scanId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Optional<ConnectionRow> started = QuarkusTransaction.requiringNew().call(() -> {
            profiles.upsertAll(operatorId, deviceId, profilesOf(evaluated.candidates()), now);
            decisions.write(operatorId, deviceId, scanId, now, evaluated.decisions());
            if (evaluated.candidates().isEmpty() || connectionRows.findLive(operatorId, deviceId).isPresent()) {
                return Optional.<ConnectionRow>empty();
            }
            Candidate best = evaluated.candidates().get(0);
            return Optional.of(connections.start(new ConnectionService.Target(operatorId, deviceId, best.ssid(),
                    best.bssid(), best.pluginId(), best.authMethod()), false));
        });
        List<ScanCandidate> candidates = new ArrayList<>(evaluated.candidates().size());
        for (Candidate c : evaluated.candidates()) {
            String connectionId = started.filter(s -> s.bssid().equals(c.bssid()))
                    .map(s -> s.connectionId().toString()).orElse(null);
            candidates.add(new ScanCandidate(c.ssid(), c.bssid(), c.priority(), c.authMethod(), c.displayName(),
                    c.pluginId(), c.demoted(), connectionId));
        }
        return new ScanResult(scanId, enabled, evaluated.offloadAvailable(), evaluated.degraded(), candidates,
                evaluated.plugins(), evaluated.hosts());
    }

    /** One profile per SSID: its best (first) candidate's. */
    private static List<Profile> profilesOf(List<Candidate> candidates) {
        Map<String, Profile> bySsid = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            bySsid.putIfAbsent(c.ssid(), new Profile(c.ssid(), c.bssid(), true, c.pluginId(), c.authMethod(),
                    c.displayName(), c.priority(), true));
        }
        return List.copyOf(bySsid.values());
    }
}
