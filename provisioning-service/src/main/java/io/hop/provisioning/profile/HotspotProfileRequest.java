package io.hop.provisioning.profile;

import java.util.List;

/**
 * A hotspot offload profile as an operator writes it (body of POST and PUT, and what a CarrierProvisioning
 * {@code WLANProfile} becomes). Checked by {@link HotspotProfileValidation}; no bean-validation annotations, so that
 * every violated rule is reported at once together with the cross-field ones.
 *
 * @param version the version the client read: required on PUT (a stale one answers 409), ignored on POST
 */
public record HotspotProfileRequest(String displayName, List<String> ssids, List<String> naiRealms,
        List<String> plmnIds, List<String> roamingConsortiumOis, String relation, String authMethod, Wispr wispr,
        String preference, Integer priority, Long version) {
    /** This request expecting {@code version} (from {@code If-Match}, see {@code ExpectedVersion}). */
    public HotspotProfileRequest withVersion(Long version) {
        return new HotspotProfileRequest(displayName, ssids, naiRealms, plmnIds, roamingConsortiumOis, relation, authMethod, wispr, preference, priority, version);
    }


    public HotspotProfileRequest {
        ssids = ssids == null ? List.of() : ssids;
        naiRealms = naiRealms == null ? List.of() : naiRealms;
        plmnIds = plmnIds == null ? List.of() : plmnIds;
        roamingConsortiumOis = roamingConsortiumOis == null ? List.of() : roamingConsortiumOis;
    }

    /**
     * WISPr login settings.
     *
     * @param credentials {@code STATIC} or {@code PLUGIN}
     * @param password    the static password in plain text: sealed before it is stored, never returned or logged. On
     *                    PUT, absent keeps the password already set.
     * @param loginUrl    optional fixed login URL: HTTPS on one of {@code trustedLoginDomains}
     */
    public record Wispr(String credentials, String username, String password, List<String> trustedLoginDomains,
            String loginUrl) {

        public Wispr {
            trustedLoginDomains = trustedLoginDomains == null ? List.of() : trustedLoginDomains;
        }

        /** Never the password: requests may end up in logs and exception messages. */
        @Override
        public String toString() {
            return "Wispr[credentials=" + credentials + ", username=" + username + ", password="
                    + (password == null ? "null" : "***") + ", trustedLoginDomains=" + trustedLoginDomains
                    + ", loginUrl=" + loginUrl + "]";
        }
    }
}
