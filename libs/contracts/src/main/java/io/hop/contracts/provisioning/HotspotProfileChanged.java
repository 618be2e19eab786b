package io.hop.contracts.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * The full state of a hotspot offload profile at {@code version} (key {@link ProvisioningKeys#hotspotProfile(String)}):
 * which networks it recognizes, how a device authenticates there, and how much it prefers them to cellular.
 *
 * @param operatorId           the owning operator
 * @param profileId            the profile's id (unique across operators)
 * @param displayName          the name shown to the user
 * @param ssids                SSIDs (1-32 bytes in UTF-8)
 * @param naiRealms            NAI realms, e.g. {@code wlan.mnc001.mcc001.3gppnetwork.org}
 * @param plmnIds              PLMN ids: MCC (3 digits) + MNC (2 or 3 digits), e.g. {@code 310410}
 * @param roamingConsortiumOis roaming-consortium OIs, 3 or 5 octets in upper-case hex, e.g. {@code 5A03BA}
 * @param relation             {@code HOME} or {@code ROAMING_PARTNER}
 * @param authMethod           {@code OPEN}, {@code WISPR}, {@code EAP_SIM}, {@code EAP_AKA} or {@code EAP_AKA_PRIME}
 * @param wispr                WISPr login settings when {@code authMethod} is {@code WISPR}, else null
 * @param preference           {@code PREFERRED_OVER_CELLULAR} or {@code FALLBACK_ONLY} (only when cellular is not
 *                             available)
 * @param priority             lower = tried first
 * @param version              increases by one with every change of the profile
 * @param changedAt            when provisioning-service committed the change
 */
public record HotspotProfileChanged(String operatorId, String profileId, String displayName, List<String> ssids,
        List<String> naiRealms, List<String> plmnIds, List<String> roamingConsortiumOis, String relation,
        String authMethod, WisprSettings wispr, String preference, int priority, long version, Instant changedAt) {

    public HotspotProfileChanged {
        ssids = ssids == null ? List.of() : List.copyOf(ssids);
        naiRealms = naiRealms == null ? List.of() : List.copyOf(naiRealms);
        plmnIds = plmnIds == null ? List.of() : List.copyOf(plmnIds);
        roamingConsortiumOis = roamingConsortiumOis == null ? List.of() : List.copyOf(roamingConsortiumOis);
    }

    /**
     * WISPr login of a hotspot profile.
     *
     * @param credentials         {@code STATIC} (the username and password below) or {@code PLUGIN} (a plugin generates
     *                            them at connection time)
     * @param username            the static username, or null
     * @param encryptedPassword   the static password sealed with the platform's secret key (AES-GCM, see
     *                            {@code io.hop.platform.crypto.SecretBox}); never the plain text. Null when none.
     * @param trustedLoginDomains the domains a WISPr login URL may be on (HTTPS only)
     * @param loginUrl            the WISPr login URL when the operator fixes one (HTTPS, on a trusted login domain),
     *                            or null when the hotspot's WISPr redirect gives it
     */
    public record WisprSettings(String credentials, String username, String encryptedPassword,
            List<String> trustedLoginDomains, String loginUrl) {

        public WisprSettings {
            trustedLoginDomains = trustedLoginDomains == null ? List.of() : List.copyOf(trustedLoginDomains);
        }

        /** Settings without a fixed login URL. */
        public WisprSettings(String credentials, String username, String encryptedPassword,
                List<String> trustedLoginDomains) {
            this(credentials, username, encryptedPassword, trustedLoginDomains, null);
        }
    }
}
