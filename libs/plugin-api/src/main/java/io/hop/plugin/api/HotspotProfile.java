package io.hop.plugin.api;

import java.util.List;

/**
 * An operator's hotspot offload profile as provisioning-service published it, handed to plugins by the host
 * ({@link PluginContext#hotspotProfiles(String)}): plugins cannot see the platform's event contracts, so the host
 * copies each profile into this plain record.
 *
 * @param operatorId           the owning operator
 * @param profileId            the profile's id
 * @param displayName          the name shown to the user
 * @param ssids                SSIDs it recognizes
 * @param naiRealms            NAI realms
 * @param plmnIds              3GPP PLMN ids (MCC+MNC)
 * @param roamingConsortiumOis roaming-consortium OIs, upper-case hex
 * @param relation             {@code HOME} or {@code ROAMING_PARTNER}
 * @param authMethod           how a device authenticates there
 * @param wispr                WISPr login settings when {@code authMethod} is {@link AuthMethod#WISPR}, else null
 * @param preference           {@code PREFERRED_OVER_CELLULAR} or {@code FALLBACK_ONLY}
 * @param priority             lower = tried first
 * @param version              the profile's version
 */
public record HotspotProfile(String operatorId, String profileId, String displayName, List<String> ssids,
        List<String> naiRealms, List<String> plmnIds, List<String> roamingConsortiumOis, String relation,
        AuthMethod authMethod, Wispr wispr, String preference, int priority, long version) {

    public static final String HOME = "HOME";
    public static final String ROAMING_PARTNER = "ROAMING_PARTNER";
    public static final String FALLBACK_ONLY = "FALLBACK_ONLY";
    public static final String PREFERRED_OVER_CELLULAR = "PREFERRED_OVER_CELLULAR";

    public HotspotProfile {
        ssids = ssids == null ? List.of() : List.copyOf(ssids);
        naiRealms = naiRealms == null ? List.of() : List.copyOf(naiRealms);
        plmnIds = plmnIds == null ? List.of() : List.copyOf(plmnIds);
        roamingConsortiumOis = roamingConsortiumOis == null ? List.of() : List.copyOf(roamingConsortiumOis);
    }

    /**
     * WISPr login settings of a profile.
     *
     * @param credentials         {@code STATIC} (username and sealed password below) or {@code PLUGIN} (generated per
     *                            connection)
     * @param username            the static username, or null
     * @param sealedPassword      the static password sealed by the platform (open it with
     *                            {@link PluginContext#openSealed(String)}), or null
     * @param trustedLoginDomains the domains a login URL may be on (HTTPS only)
     * @param loginUrl            a fixed login URL, or null when the hotspot's WISPr redirect gives it
     */
    public record Wispr(String credentials, String username, String sealedPassword, List<String> trustedLoginDomains,
            String loginUrl) {

        public static final String STATIC = "STATIC";
        public static final String PLUGIN = "PLUGIN";

        public Wispr {
            trustedLoginDomains = trustedLoginDomains == null ? List.of() : List.copyOf(trustedLoginDomains);
        }

        @Override
        public String toString() {
            return "Wispr[credentials=" + credentials + ", username=" + username + ", sealedPassword=***"
                    + ", trustedLoginDomains=" + trustedLoginDomains + ", loginUrl=" + loginUrl + "]";
        }
    }
}
