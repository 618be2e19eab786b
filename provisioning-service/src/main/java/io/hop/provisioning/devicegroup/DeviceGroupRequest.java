package io.hop.provisioning.devicegroup;

import java.util.List;

/**
 * Body of {@code POST} and {@code PUT /v1/operators/{operatorId}/device-groups[/{groupId}]}. Checked by
 * {@link DeviceGroupValidation} (every violation at once); the references by {@link DeviceGroupService}.
 *
 * @param version on replace, the version the client read (a stale one answers 409); ignored on create
 */
public record DeviceGroupRequest(String name, Integer precedence, Match match, String sharingPolicyId,
        List<String> hotspotProfileIds, String planId, Long version) {
    /** This request expecting {@code version} (from {@code If-Match}, see {@code ExpectedVersion}). */
    public DeviceGroupRequest withVersion(Long version) {
        return new DeviceGroupRequest(name, precedence, match, sharingPolicyId, hotspotProfileIds, planId, version);
    }


    /** The hardware ids the group matches; see {@link io.hop.contracts.provisioning.DeviceMatch}. */
    public record Match(List<String> imsiPrefixes, List<IccidRange> iccidRanges, List<String> providerIds,
            List<String> providerNames) {
    }

    /** An inclusive ICCID range. */
    public record IccidRange(String from, String to) {
    }
}
