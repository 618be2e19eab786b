package io.hop.plugins.provisioned;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.hop.plugin.api.HotspotProfile;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;

/**
 * Which of an operator's hotspot profiles a visible network belongs to. A profile matches a network when:
 * <ul>
 * <li>one of its SSIDs is the network's SSID, or</li>
 * <li>the network's ANQP data (Passpoint) names one of its roaming-consortium OIs, or its NAI realm or PLMN id; where
 * the profile names both PLMN ids and NAI realms, both a PLMN id and a realm must match.</li>
 * </ul>
 * Of several matching profiles a {@code HOME} profile beats a {@code ROAMING_PARTNER}'s, then the lower priority wins
 * (then the profile id, so the answer never depends on order). The identification is offered only as a fallback when
 * the profile is {@code FALLBACK_ONLY} or the access point's WAN metrics say its link is down or at capacity.
 */
public final class ProfileMatcher {

    private static final Comparator<HotspotProfile> PREFERENCE = Comparator
            .comparingInt((HotspotProfile p) -> HotspotProfile.HOME.equals(p.relation()) ? 0 : 1)
            .thenComparingInt(HotspotProfile::priority).thenComparing(HotspotProfile::profileId);

    private ProfileMatcher() {
    }

    /** One identification per network some profile matches, in the order of {@code networks}. */
    public static List<Identification> identify(List<HotspotProfile> profiles, List<Network> networks) {
        List<Identification> out = new ArrayList<>();
        for (Network n : networks) {
            best(profiles, n).ifPresent(p -> out.add(new Identification(n.bssid(), n.ssid(), p.priority(),
                    p.authMethod(), p.displayName(), fallbackReason(p, n))));
        }
        return out;
    }

    /** The profile that owns {@code network}, if any. */
    public static Optional<HotspotProfile> best(List<HotspotProfile> profiles, Network network) {
        return profiles.stream().filter(p -> matches(p, network)).min(PREFERENCE);
    }

    static boolean matches(HotspotProfile p, Network n) {
        if (n.ssid() != null && p.ssids().contains(n.ssid())) {
            return true;
        }
        Network.Anqp anqp = n.anqp();
        if (anqp == null) {
            return false;
        }
        if (intersects(p.roamingConsortiumOis(), anqp.roamingConsortiumOis())) {
            return true;
        }
        boolean realms = !p.naiRealms().isEmpty();
        boolean plmns = !p.plmnIds().isEmpty();
        boolean realm = realms && intersects(p.naiRealms(), anqp.naiRealms());
        boolean plmn = plmns && intersects(p.plmnIds(), anqp.plmnIds());
        return realms && plmns ? realm && plmn : realm || plmn;
    }

    static String fallbackReason(HotspotProfile p, Network n) {
        if (HotspotProfile.FALLBACK_ONLY.equals(p.preference())) {
            return Identification.FALLBACK_ONLY_PROFILE;
        }
        Network.WanMetrics wan = n.anqp() == null ? null : n.anqp().wanMetrics();
        if (wan != null && "DOWN".equalsIgnoreCase(wan.linkStatus())) {
            return Identification.WAN_LINK_DOWN;
        }
        if (wan != null && wan.atCapacity()) {
            return Identification.WAN_AT_CAPACITY;
        }
        return null;
    }

    /** Realms, OIs and PLMN ids compare without regard to case (realms are DNS names, OIs hex). */
    private static boolean intersects(List<String> wanted, List<String> seen) {
        for (String w : wanted) {
            for (String s : seen) {
                if (w.toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
