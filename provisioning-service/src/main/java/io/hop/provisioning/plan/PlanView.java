package io.hop.provisioning.plan;

import java.time.Instant;

import io.hop.contracts.provisioning.PlanChanged;

/** A plan as the API answers it: its state without the sealed APN password, which shows only as {@code passwordSet}. */
public record PlanView(String id, String operatorId, String name, Long dataLimitBytes, boolean unlimited,
        boolean metered, PlanChanged.Validity validity, Long tetheringAllowanceBytes, Integer maxSharingDevices,
        ApnView apn, long version, Instant changedAt) {

    /** The APN; its password is never returned, only whether one is set. */
    public record ApnView(String accessPointName, String pdpType, String username, boolean passwordSet) {
    }

    static PlanView of(PlanChanged plan) {
        PlanChanged.Apn a = plan.apn();
        ApnView apn = a == null ? null
                : new ApnView(a.accessPointName(), a.pdpType(), a.username(), a.encryptedPassword() != null);
        return new PlanView(plan.planId(), plan.operatorId(), plan.name(), plan.dataLimitBytes(),
                plan.dataLimitBytes() == null, plan.metered(), plan.validity(), plan.tetheringAllowanceBytes(),
                plan.maxSharingDevices(), apn, plan.version(), plan.changedAt());
    }
}
