package io.hop.plugins.provisioned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.HotspotProfile;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;

class ProfileMatcherTest {

    private static final String REALM = "wlan.mnc001.mcc001.3gppnetwork.org";

    static HotspotProfile profile(String id, List<String> ssids, List<String> realms, List<String> plmns,
            List<String> ois, String relation, String preference, int priority) {
        return new HotspotProfile("acme", id, id + " name", ssids, realms, plmns, ois, relation, AuthMethod.EAP_AKA,
                null, preference, priority, 1);
    }

    static HotspotProfile home(String id, List<String> ssids, List<String> realms, List<String> plmns) {
        return profile(id, ssids, realms, plmns, List.of(), HotspotProfile.HOME, HotspotProfile.PREFERRED_OVER_CELLULAR, 1);
    }

    static Network net(String ssid, Network.Anqp anqp) {
        return new Network(ssid, "aa:bb:cc:dd:ee:01", "WPA2-EAP", -60, anqp);
    }

    static Network.Anqp anqp(List<String> realms, List<String> plmns, List<String> ois, Network.WanMetrics wan) {
        return new Network.Anqp(realms, plmns, ois, wan);
    }

    @Test
    void anSsidOfAProfileIdentifiesTheNetworkWithTheProfilesMethodPriorityAndName() {
        List<Identification> ids = ProfileMatcher.identify(List.of(home("p1", List.of("Acme WiFi"), List.of(), List.of())),
                List.of(net("Acme WiFi", null), net("Other", null)));
        assertEquals(1, ids.size());
        Identification id = ids.get(0);
        assertEquals("Acme WiFi", id.ssid());
        assertEquals(AuthMethod.EAP_AKA, id.authMethod());
        assertEquals(1, id.priority());
        assertEquals("p1 name", id.displayMask());
        assertNull(id.fallbackReason());
    }

    @Test
    void aNaiRealmOrAPlmnIdOrARoamingConsortiumOiInTheAnqpDataIdentifiesTheNetwork() {
        var byRealm = home("r", List.of(), List.of(REALM), List.of());
        var byPlmn = home("p", List.of(), List.of(), List.of("001001"));
        var byOi = profile("o", List.of(), List.of(), List.of(), List.of("5A03BA"), HotspotProfile.HOME,
                HotspotProfile.PREFERRED_OVER_CELLULAR, 1);
        assertTrue(ProfileMatcher.matches(byRealm, net("x", anqp(List.of(REALM.toUpperCase()), null, null, null))));
        assertTrue(ProfileMatcher.matches(byPlmn, net("x", anqp(null, List.of("001001"), null, null))));
        assertTrue(ProfileMatcher.matches(byOi, net("x", anqp(null, null, List.of("5a03ba"), null))));
        assertTrue(!ProfileMatcher.matches(byOi, net("x", anqp(null, null, List.of("001BC5"), null))));
    }

    @Test
    void aProfileNamingBothPlmnAndRealmNeedsBothToMatch() {
        var both = home("b", List.of(), List.of(REALM), List.of("001001"));
        assertTrue(!ProfileMatcher.matches(both, net("x", anqp(List.of(REALM), List.of("999999"), null, null))));
        assertTrue(!ProfileMatcher.matches(both, net("x", anqp(List.of("other.org"), List.of("001001"), null, null))));
        assertTrue(ProfileMatcher.matches(both, net("x", anqp(List.of(REALM), List.of("001001"), null, null))));
    }

    @Test
    void aHomeProfileBeatsARoamingPartnersEvenWithAWorsePriority() {
        var roaming = profile("roam", List.of(), List.of(REALM), List.of(), List.of(), HotspotProfile.ROAMING_PARTNER,
                HotspotProfile.PREFERRED_OVER_CELLULAR, 1);
        var home = profile("home", List.of(), List.of(REALM), List.of(), List.of(), HotspotProfile.HOME,
                HotspotProfile.PREFERRED_OVER_CELLULAR, 7);
        var ids = ProfileMatcher.identify(List.of(roaming, home), List.of(net("x", anqp(List.of(REALM), null, null, null))));
        assertEquals("home name", ids.get(0).displayMask());
        assertEquals(7, ids.get(0).priority());
    }

    @Test
    void amongEqualRelationsTheLowerPriorityWins() {
        var a = profile("a", List.of("S"), List.of(), List.of(), List.of(), HotspotProfile.HOME,
                HotspotProfile.PREFERRED_OVER_CELLULAR, 3);
        var b = profile("b", List.of("S"), List.of(), List.of(), List.of(), HotspotProfile.HOME,
                HotspotProfile.PREFERRED_OVER_CELLULAR, 2);
        assertEquals("b", ProfileMatcher.best(List.of(a, b), net("S", null)).orElseThrow().profileId());
    }

    @Test
    void aFallbackOnlyProfileIsOfferedOnlyAsAFallback() {
        var fallback = profile("f", List.of("S"), List.of(), List.of(), List.of(), HotspotProfile.HOME,
                HotspotProfile.FALLBACK_ONLY, 1);
        var ids = ProfileMatcher.identify(List.of(fallback), List.of(net("S", null)));
        assertEquals(Identification.FALLBACK_ONLY_PROFILE, ids.get(0).fallbackReason());
        assertTrue(ids.get(0).fallbackOnly());
    }

    @Test
    void aWanLinkDownOrAtCapacityMakesTheNetworkAFallback() {
        var p = home("p", List.of("S"), List.of(), List.of());
        var down = ProfileMatcher.identify(List.of(p),
                List.of(net("S", anqp(null, null, null, new Network.WanMetrics("DOWN", false, 0, 0)))));
        var full = ProfileMatcher.identify(List.of(p),
                List.of(net("S", anqp(null, null, null, new Network.WanMetrics("UP", true, 1000, 100)))));
        var fine = ProfileMatcher.identify(List.of(p),
                List.of(net("S", anqp(null, null, null, new Network.WanMetrics("UP", false, 1000, 100)))));
        assertEquals(Identification.WAN_LINK_DOWN, down.get(0).fallbackReason());
        assertEquals(Identification.WAN_AT_CAPACITY, full.get(0).fallbackReason());
        assertNull(fine.get(0).fallbackReason());
    }

    @Test
    void noProfileNoIdentification() {
        assertTrue(ProfileMatcher.identify(List.of(), List.of(net("S", null))).isEmpty());
    }
}
