package io.hop.readmodel.testsupport;

import java.time.Instant;
import java.util.List;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatch;
import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;

/** Provisioning's entity events as the tests need them: full states, a name that shows the version, changedAt from it. */
public final class Provisioned {

    private Provisioned() {
    }

    public static Instant changedAt(long version) {
        return Instant.parse("2025-01-01T00:00:00Z").plusSeconds(version);
    }

    public static SharingPolicyChanged policy(String operatorId, String policyId, String name, long version) {
        return new SharingPolicyChanged(operatorId, policyId, name, new SharingPolicySettings(true, true, "acme-dll",
                3600, 8, 7, 5, 20, "+15550100", "https://acme.example/info", null, null, List.of("LTE"), null),
                version, changedAt(version));
    }

    public static HotspotProfileChanged profile(String operatorId, String profileId, String name, long version) {
        return new HotspotProfileChanged(operatorId, profileId, name, List.of("AcmeWiFi"),
                List.of("wlan.mnc001.mcc001.3gppnetwork.org"), List.of("001001"), List.of("5A03BA"), "HOME", "WISPR",
                new HotspotProfileChanged.WisprSettings("STATIC", "user", "sealed-secret", List.of("login.acme.example")),
                "PREFERRED_OVER_CELLULAR", 10, version, changedAt(version));
    }

    public static PlanChanged plan(String operatorId, String planId, String name, long version) {
        return new PlanChanged(operatorId, planId, name, 5_000_000_000L, true,
                new PlanChanged.Validity("MONTHLY", 1, null, null), 1_000_000_000L, 4,
                new PlanChanged.Apn("internet.acme.example", "IPV4V6", null, null), version, changedAt(version));
    }

    /** A group that assigns nothing (see {@link #group(String, String, int, DeviceMatch, String, List, String, long)}). */
    public static DeviceGroupChanged group(String operatorId, String groupId, int precedence, DeviceMatch match,
            long version) {
        return group(operatorId, groupId, precedence, match, null, List.of(), null, version);
    }

    public static DeviceGroupChanged group(String operatorId, String groupId, int precedence, DeviceMatch match,
            String policyId, List<String> profileIds, String planId, long version) {
        return new DeviceGroupChanged(operatorId, groupId, "Group " + groupId + " v" + version, precedence, match,
                policyId, profileIds, planId, version, changedAt(version));
    }

    /** Matches devices whose IMSI starts with one of {@code prefixes}. */
    public static DeviceMatch imsiPrefixes(String... prefixes) {
        return new DeviceMatch(List.of(prefixes), null, null, null);
    }

    /** Matches every device of the operator. */
    public static DeviceMatch everyDevice() {
        return new DeviceMatch(null, null, null, null);
    }

    public static DeviceChanged device(String operatorId, String deviceId, String imsi, long version) {
        return new DeviceChanged(operatorId, deviceId, imsi, "8901260000000000001", "prov-1", "Acme Mobile", version,
                changedAt(version));
    }
}
