package io.hop.contracts.provisioning;

import java.time.Instant;

/**
 * The full state of a data plan at {@code version} (key {@link ProvisioningKeys#plan(String)}).
 *
 * @param operatorId               the owning operator
 * @param planId                   the plan's id (unique across operators)
 * @param name                     display name
 * @param dataLimitBytes           the data limit in bytes, or null for unlimited
 * @param metered                  whether usage is charged (devices save data on metered plans)
 * @param validity                 billing cycle and validity
 * @param tetheringAllowanceBytes  bytes that may be shared with tethered clients per billing period, or null for no
 *                                 separate allowance
 * @param maxSharingDevices        most devices that may share the connection at once, or null for the policy's limit
 * @param apn                      the cellular data context (APN / PDP context), or null
 * @param version                  increases by one with every change of the plan
 * @param changedAt                when provisioning-service committed the change
 */
public record PlanChanged(String operatorId, String planId, String name, Long dataLimitBytes, boolean metered,
        Validity validity, Long tetheringAllowanceBytes, Integer maxSharingDevices, Apn apn, long version,
        Instant changedAt) {

    /**
     * When usage counts against the plan.
     *
     * @param billingCycle {@code MONTHLY}, {@code WEEKLY}, {@code DAILY} (counters reset each period) or {@code NONE}
     *                     (one period from {@code validFrom} to {@code validUntil}, e.g. a fixed 500 MB pass)
     * @param billingDay   first day of a monthly period (1..28) or of a weekly one (1 = Monday .. 7), else null
     * @param validFrom    start of validity, or null for always
     * @param validUntil   end of validity (the plan expires), or null for never
     */
    public record Validity(String billingCycle, Integer billingDay, Instant validFrom, Instant validUntil) {
    }

    /**
     * The cellular data context of a plan.
     *
     * @param accessPointName   the APN, e.g. {@code internet.contoso.com}
     * @param pdpType           {@code IPV4}, {@code IPV6} or {@code IPV4V6}
     * @param username          the APN username, or null
     * @param encryptedPassword the APN password sealed with the platform's secret key, or null
     */
    public record Apn(String accessPointName, String pdpType, String username, String encryptedPassword) {
    }
}
