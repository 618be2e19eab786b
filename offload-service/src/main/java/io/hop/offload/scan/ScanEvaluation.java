package io.hop.offload.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.hop.offload.fleet.FleetLearning;

/**
 * A scan's evaluation, plain Java: merges the plugin hosts' identifications by plugin rank (the lowest rank owns a
 * network), rejects fallback-only networks while cellular is available, applies fleet learning's demotions, sorts the
 * selected networks by effective priority (ascending; then stronger signal) and says for every network why it was
 * selected or rejected.
 */
public final class ScanEvaluation {

    /** Decision reasons (the decision log's {@code reason}). */
    public static final String SELECTED = "SELECTED";
    public static final String DEMOTED_BY_FLEET_LEARNING = "DEMOTED_BY_FLEET_LEARNING";
    public static final String NO_PLUGIN_MATCH = "NO_PLUGIN_MATCH";
    public static final String FALLBACK_ONLY_WHILE_CELLULAR = "FALLBACK_ONLY_WHILE_CELLULAR";
    public static final String WAN_METRICS = "WAN_METRICS";
    public static final String QUARANTINED_PLUGIN = "QUARANTINED_PLUGIN";
    public static final String PLUGIN_HOST_UNAVAILABLE = "PLUGIN_HOST_UNAVAILABLE";
    public static final String OFFLOAD_DISABLED = "OFFLOAD_DISABLED";
    public static final String OFFLOAD_UNAVAILABLE = "OFFLOAD_UNAVAILABLE";

    /** Why one network was selected or rejected. */
    public record Decision(String ssid, String bssid, boolean selected, String reason, String pluginId,
            Integer priority, Integer effectivePriority, String authMethod, String fallbackReason, String detail) {
    }

    /** A selected network. {@code priority} is the effective one (after demotion). */
    public record Candidate(String ssid, String bssid, String pluginId, int priority, int pluginPriority,
            String authMethod, String displayName, Integer rssi, boolean demoted) {
    }

    /** A plugin as a host reported it for this scan. */
    public record PluginReport(String host, String pluginId, int rank, String state, String outcome) {
    }

    /** A host's part in this scan. */
    public record HostReport(String host, String outcome, String detail) {
    }

    /**
     * The evaluation.
     *
     * @param degraded         some host or plugin could not answer (fewer candidates possible)
     * @param offloadAvailable at least one plugin serves the operator (false also when no host could tell)
     */
    public record Result(List<Candidate> candidates, List<Decision> decisions, List<PluginReport> plugins,
            List<HostReport> hosts, boolean degraded, boolean offloadAvailable) {
    }

    private ScanEvaluation() {
    }

    /** Offload is off for the device (or no plugin serves its operator): every network rejected, no host asked. */
    public static Result withoutOffload(List<PluginHostDtos.Network> networks, String reason, String detail) {
        List<Decision> decisions = networks.stream().map(n -> new Decision(n.ssid(), n.bssid(), false, reason, null,
                null, null, null, null, detail)).toList();
        return new Result(List.of(), decisions, List.of(), List.of(), false, !OFFLOAD_UNAVAILABLE.equals(reason));
    }

    /**
     * Evaluates a scan.
     *
     * @param demotions fleet learning's demotion of a network (SSID, BSSID), if any
     */
    public static Result evaluate(List<PluginHostDtos.Network> networks, List<HostAnswer> answers,
            boolean cellularAvailable, BiFunction<String, String, Optional<FleetLearning.Demotion>> demotions) {
        Map<String, PluginHostDtos.Match> owner = new HashMap<>();
        List<PluginReport> plugins = new ArrayList<>();
        List<HostReport> hosts = new ArrayList<>();
        boolean hostDown = false;
        List<String> quarantined = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (HostAnswer answer : answers) {
            hosts.add(new HostReport(answer.host(), answer.outcome(), answer.detail()));
            if (!answer.ok()) {
                hostDown = true;
                continue;
            }
            for (PluginHostDtos.PluginStatus p : answer.response().plugins()) {
                plugins.add(new PluginReport(answer.host(), p.pluginId(), p.rank(), p.state(), p.outcome()));
                if ("SKIPPED_QUARANTINED".equals(p.outcome())) {
                    quarantined.add(p.pluginId());
                } else if (!"ANSWERED".equals(p.outcome())) {
                    unanswered.add(p.pluginId() + " " + p.outcome());
                }
            }
            for (PluginHostDtos.Match m : answer.response().matches()) {
                if (m.bssid() == null) {
                    continue;
                }
                owner.merge(normalize(m.bssid()), m, (a, b) -> b.pluginRank() < a.pluginRank() ? b : a);
            }
        }
        plugins.sort(Comparator.comparingInt(PluginReport::rank).thenComparing(PluginReport::pluginId));
        boolean degraded = hostDown || !quarantined.isEmpty() || !unanswered.isEmpty();
        boolean available = !plugins.isEmpty();

        List<Candidate> candidates = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>(networks.size());
        for (PluginHostDtos.Network n : networks) {
            PluginHostDtos.Match m = owner.get(n.bssid());
            if (m == null) {
                decisions.add(unmatched(n, hostDown, quarantined, unanswered, hosts));
                continue;
            }
            if (m.fallbackReason() != null && cellularAvailable) {
                String reason = m.fallbackReason().startsWith("WAN_") ? WAN_METRICS : FALLBACK_ONLY_WHILE_CELLULAR;
                decisions.add(new Decision(n.ssid(), n.bssid(), false, reason, m.pluginId(), m.priority(), null,
                        m.authMethod(), m.fallbackReason(), "offered only while cellular is unavailable"));
                continue;
            }
            Optional<FleetLearning.Demotion> demotion = demotions.apply(n.ssid(), n.bssid());
            int effective = m.priority() + demotion.map(FleetLearning.Demotion::by).orElse(0);
            String detail = demotion.map(d -> String.format(java.util.Locale.ROOT,
                    "%s %s: %d of %d post-connects failed (%.2f); priority %d -> %d", d.because().scope(),
                    "BSSID".equals(d.because().scope()) ? d.because().bssid() : d.because().ssid(),
                    d.because().failures(), d.because().total(), d.because().failureRate(), m.priority(), effective))
                    .orElse("rank " + m.pluginRank());
            decisions.add(new Decision(n.ssid(), n.bssid(), true,
                    demotion.isPresent() ? DEMOTED_BY_FLEET_LEARNING : SELECTED, m.pluginId(), m.priority(), effective,
                    m.authMethod(), m.fallbackReason(), detail));
            candidates.add(new Candidate(n.ssid(), n.bssid(), m.pluginId(), effective, m.priority(), m.authMethod(),
                    m.displayName() != null ? m.displayName() : n.ssid(), n.rssi(), demotion.isPresent()));
        }
        candidates.sort(Comparator.comparingInt(Candidate::priority)
                .thenComparing(c -> c.rssi() == null ? Integer.MIN_VALUE : c.rssi(), Comparator.reverseOrder())
                .thenComparing(Candidate::bssid));
        return new Result(candidates, decisions, plugins, hosts, degraded, available);
    }

    private static Decision unmatched(PluginHostDtos.Network n, boolean hostDown, List<String> quarantined,
            List<String> unanswered, List<HostReport> hosts) {
        if (!quarantined.isEmpty()) {
            return new Decision(n.ssid(), n.bssid(), false, QUARANTINED_PLUGIN, null, null, null, null, null,
                    "not identified; quarantined: " + String.join(", ", quarantined));
        }
        if (hostDown || !unanswered.isEmpty()) {
            List<String> why = new ArrayList<>(unanswered);
            hosts.stream().filter(h -> !HostAnswer.ANSWERED.equals(h.outcome()))
                    .forEach(h -> why.add("host " + h.host() + " " + h.outcome()));
            return new Decision(n.ssid(), n.bssid(), false, PLUGIN_HOST_UNAVAILABLE, null, null, null, null, null,
                    "not identified; " + String.join(", ", why));
        }
        return new Decision(n.ssid(), n.bssid(), false, NO_PLUGIN_MATCH, null, null, null, null, null,
                "no plugin identified it");
    }

    /** BSSIDs compare lower-case. */
    public static String normalize(String bssid) {
        return bssid == null ? null : bssid.toLowerCase(java.util.Locale.ROOT);
    }
}
