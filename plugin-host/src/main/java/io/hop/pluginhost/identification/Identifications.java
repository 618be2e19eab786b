package io.hop.pluginhost.identification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.ScanContext;
import io.hop.platform.problem.ValidationProblem;
import io.hop.pluginhost.runtime.CallOutcome;
import io.hop.pluginhost.runtime.PluginRuntime;

/**
 * Asks the plugins serving a scan's operator to identify its networks and merges their answers: all plugins are
 * asked at once (each on its own executor, within its own timeout), and each network belongs to the lowest-rank
 * plugin that identified it. A plugin's identification of a BSSID that is not in the scan is ignored. Plain Java.
 */
public final class Identifications {

    static final int MAX_NETWORKS = 256;
    private static final Pattern BSSID = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private Identifications() {
    }

    /** Validates the request (every violated rule named) and converts it to the plugin API's records. */
    public static List<Network> networksOf(IdentificationRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (request == null) {
            throw ValidationProblem.of("body", "is required");
        }
        problems.addIf(blank(request.operatorId()), "operatorId", "is required");
        problems.addIf(blank(request.deviceId()), "deviceId", "is required");
        problems.addIf(request.cellularAvailable() == null, "cellularAvailable", "is required");
        List<Network> networks = new ArrayList<>();
        if (request.networks() == null) {
            problems.add("networks", "is required");
        } else if (request.networks().size() > MAX_NETWORKS) {
            problems.add("networks", "at most " + MAX_NETWORKS + " networks");
        } else {
            for (int i = 0; i < request.networks().size(); i++) {
                IdentificationRequest.NetworkIn n = request.networks().get(i);
                String at = "networks[" + i + "]";
                if (n == null) {
                    problems.add(at, "must not be null");
                    continue;
                }
                int ssidBytes = n.ssid() == null ? 0 : n.ssid().getBytes(StandardCharsets.UTF_8).length;
                problems.addIf(ssidBytes < 1 || ssidBytes > 32, at + ".ssid", "must be 1-32 bytes in UTF-8");
                problems.addIf(n.bssid() == null || !BSSID.matcher(n.bssid()).matches(), at + ".bssid",
                        "must be a MAC address aa:bb:cc:dd:ee:ff");
                problems.addIf(n.rssi() != null && (n.rssi() < -127 || n.rssi() > 0), at + ".rssi",
                        "must be -127..0 dBm");
                IdentificationRequest.AnqpIn a = n.anqp();
                Network.Anqp anqp = null;
                if (a != null) {
                    Network.WanMetrics wan = null;
                    if (a.wanMetrics() != null) {
                        String status = a.wanMetrics().linkStatus();
                        problems.addIf(status == null || !List.of("UP", "DOWN", "TEST").contains(status),
                                at + ".anqp.wanMetrics.linkStatus", "must be UP, DOWN or TEST");
                        wan = new Network.WanMetrics(status, Boolean.TRUE.equals(a.wanMetrics().atCapacity()),
                                orZero(a.wanMetrics().downlinkSpeedKbps()), orZero(a.wanMetrics().uplinkSpeedKbps()));
                    }
                    anqp = new Network.Anqp(a.naiRealms(), a.plmnIds(), a.roamingConsortiumOis(), wan);
                }
                if (ssidBytes >= 1 && n.bssid() != null) {
                    networks.add(new Network(n.ssid(), n.bssid().toLowerCase(java.util.Locale.ROOT), n.security(),
                            n.rssi() == null ? -100 : n.rssi(), anqp));
                }
            }
        }
        problems.throwIfAny();
        return List.copyOf(networks);
    }

    /** Asks {@code plugins} (those serving the scan's operator, in rank order) and merges. */
    public static IdentificationResponse identify(List<PluginRuntime> plugins, ScanContext scan,
            List<Network> networks) {
        List<PluginRuntime.Pending<List<Identification>>> pending = new ArrayList<>();
        for (PluginRuntime p : plugins) {
            pending.add(p.submit("identify",
                    () -> CompletableFuture.completedFuture(p.plugin().identify(scan, networks))));
        }
        Map<String, Network> visible = new LinkedHashMap<>();
        networks.forEach(n -> visible.putIfAbsent(n.bssid(), n));
        Map<String, IdentificationResponse.Match> owned = new LinkedHashMap<>();
        List<IdentificationResponse.PluginAnswer> answers = new ArrayList<>();
        for (PluginRuntime.Pending<List<Identification>> call : pending) {
            PluginRuntime p = call.runtime();
            CallOutcome<List<Identification>> outcome = call.await();
            if (outcome.answered() && outcome.value() != null) {
                for (Identification id : outcome.value()) {
                    String bssid = id == null || id.bssid() == null ? null
                            : id.bssid().toLowerCase(java.util.Locale.ROOT);
                    Network n = bssid == null ? null : visible.get(bssid);
                    if (n != null && !owned.containsKey(bssid)) {
                        owned.put(bssid, new IdentificationResponse.Match(bssid, n.ssid(), p.id(),
                                p.manifest().rank(), id.priority(), id.authMethod().name(),
                                id.displayMask() == null || id.displayMask().isBlank() ? n.ssid() : id.displayMask(),
                                id.fallbackReason()));
                    }
                }
            }
            answers.add(new IdentificationResponse.PluginAnswer(p.id(), p.manifest().rank(),
                    p.health().snapshot().state().name(), outcome.kind().name()));
        }
        List<IdentificationResponse.Match> matches = new ArrayList<>(owned.values());
        matches.sort(Comparator.comparingInt(IdentificationResponse.Match::priority)
                .thenComparingInt(IdentificationResponse.Match::pluginRank)
                .thenComparing(IdentificationResponse.Match::bssid));
        return new IdentificationResponse(matches, answers);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
