package io.hop.provisioning.plan;

import java.time.Instant;

/**
 * A plan as an operator writes it (body of POST and PUT, and what a CarrierProvisioning {@code Plan} becomes),
 * checked by {@link PlanValidation}.
 *
 * @param dataLimitBytes the data limit; required unless {@code unlimited} is true, and then absent
 * @param unlimited      true for a plan without data limit
 * @param validity       absent: {@code NONE} from always to never
 * @param version        the version the client read: required on PUT (a stale one answers 409), ignored on POST
 */
public record PlanRequest(String name, Long dataLimitBytes, Boolean unlimited, Boolean metered, Validity validity,
        Long tetheringAllowanceBytes, Integer maxSharingDevices, Apn apn, Long version) {
    /** This request expecting {@code version} (from {@code If-Match}, see {@code ExpectedVersion}). */
    public PlanRequest withVersion(Long version) {
        return new PlanRequest(name, dataLimitBytes, unlimited, metered, validity, tetheringAllowanceBytes, maxSharingDevices, apn, version);
    }


    /** Billing cycle and validity, as in {@link io.hop.contracts.provisioning.PlanChanged.Validity}. */
    public record Validity(String billingCycle, Integer billingDay, Instant validFrom, Instant validUntil) {
    }

    /**
     * The cellular data context.
     *
     * @param pdpType  {@code IPV4}, {@code IPV6} or {@code IPV4V6} (absent: {@code IPV4V6})
     * @param password in plain text: sealed before it is stored, never returned or logged. On PUT, absent keeps the
     *                 password already set.
     */
    public record Apn(String accessPointName, String pdpType, String username, String password) {

        /** Never the password: requests may end up in logs and exception messages. */
        @Override
        public String toString() {
            return "Apn[accessPointName=" + accessPointName + ", pdpType=" + pdpType + ", username=" + username
                    + ", password=" + (password == null ? "null" : "***") + "]";
        }
    }
}
