package io.hop.provisioning.profile;

import java.time.Instant;
import java.util.List;

import io.hop.contracts.provisioning.HotspotProfileChanged;

/**
 * A hotspot profile as the API answers it: its state without the sealed password, which shows only as
 * {@code passwordSet}.
 */
public record HotspotProfileView(String id, String operatorId, String displayName, List<String> ssids,
        List<String> naiRealms, List<String> plmnIds, List<String> roamingConsortiumOis, String relation,
        String authMethod, WisprView wispr, String preference, int priority, long version, Instant changedAt) {

    /** WISPr settings; the password is never returned, only whether one is set. */
    public record WisprView(String credentials, String username, boolean passwordSet,
            List<String> trustedLoginDomains, String loginUrl) {
    }

    static HotspotProfileView of(HotspotProfileChanged state) {
        HotspotProfileChanged.WisprSettings w = state.wispr();
        WisprView wispr = w == null ? null
                : new WisprView(w.credentials(), w.username(), w.encryptedPassword() != null, w.trustedLoginDomains(),
                        w.loginUrl());
        return new HotspotProfileView(state.profileId(), state.operatorId(), state.displayName(), state.ssids(),
                state.naiRealms(), state.plmnIds(), state.roamingConsortiumOis(), state.relation(), state.authMethod(),
                wispr, state.preference(), state.priority(), state.version(), state.changedAt());
    }
}
