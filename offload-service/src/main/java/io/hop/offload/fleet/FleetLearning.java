package io.hop.offload.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fleet learning, plain Java: from an operator's post-connect outcomes in the sliding window (failures and timeouts
 * against all outcomes), per BSSID and per SSID, which hotspots perform so badly that their priority is lowered for
 * all the operator's devices. A hotspot recovers by itself: as failures age out of the window (or successes come in)
 * its rate falls under the threshold. This answers hotspots that "connect but have no internet".
 */
public final class FleetLearning {

    /** Outcomes of one (SSID, BSSID) in the window. */
    public record Counts(String ssid, String bssid, long failures, long total) {
    }

    /**
     * Thresholds.
     *
     * @param failureRate a hotspot is demoted when failures / total exceeds this
     * @param minSamples  outcomes needed before a rate counts
     * @param demotion    added to a demoted hotspot's priority
     */
    public record Rules(double failureRate, int minSamples, int demotion) {
    }

    /** A hotspot's statistics: {@code scope} {@code BSSID} or {@code SSID}. */
    public record HotspotStats(String scope, String ssid, String bssid, long failures, long total, double failureRate,
            boolean demoted) {
    }

    /** Why a network's priority is lowered. */
    public record Demotion(HotspotStats because, int by) {
    }

    private final Rules rules;
    private final Map<String, HotspotStats> byBssid = new HashMap<>();
    private final Map<String, HotspotStats> bySsid = new HashMap<>();

    public FleetLearning(Rules rules, List<Counts> counts) {
        this.rules = rules;
        Map<String, long[]> ssidTotals = new HashMap<>();
        for (Counts c : counts) {
            if (c.bssid() != null) {
                byBssid.merge(c.bssid(), stats("BSSID", c.ssid(), c.bssid(), c.failures(), c.total()),
                        (a, b) -> stats("BSSID", a.ssid(), a.bssid(), a.failures() + b.failures(), a.total() + b.total()));
            }
            long[] t = ssidTotals.computeIfAbsent(c.ssid(), k -> new long[2]);
            t[0] += c.failures();
            t[1] += c.total();
        }
        ssidTotals.forEach((ssid, t) -> bySsid.put(ssid, stats("SSID", ssid, null, t[0], t[1])));
    }

    private HotspotStats stats(String scope, String ssid, String bssid, long failures, long total) {
        double rate = total == 0 ? 0 : (double) failures / total;
        return new HotspotStats(scope, ssid, bssid, failures, total, rate,
                total >= rules.minSamples() && rate > rules.failureRate());
    }

    /** Whether (and why) the network's priority is lowered: its access point first, then its SSID. */
    public Optional<Demotion> demotion(String ssid, String bssid) {
        HotspotStats ap = bssid == null ? null : byBssid.get(bssid);
        if (ap != null && ap.demoted()) {
            return Optional.of(new Demotion(ap, rules.demotion()));
        }
        HotspotStats net = ssid == null ? null : bySsid.get(ssid);
        if (net != null && net.demoted()) {
            return Optional.of(new Demotion(net, rules.demotion()));
        }
        return Optional.empty();
    }

    /** Every hotspot with outcomes in the window, demoted ones first, then by failure rate. */
    public List<HotspotStats> all() {
        List<HotspotStats> list = new ArrayList<>(bySsid.values());
        list.addAll(byBssid.values());
        list.sort(Comparator.comparing(HotspotStats::demoted).reversed()
                .thenComparing(Comparator.comparingDouble(HotspotStats::failureRate).reversed())
                .thenComparing(HotspotStats::scope).thenComparing(HotspotStats::ssid)
                .thenComparing(s -> s.bssid() == null ? "" : s.bssid()));
        return list;
    }
}
