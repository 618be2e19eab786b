package io.hop.entitlement;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatch;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.readmodel.devices.DeviceDirectory;
import io.hop.readmodel.devices.DeviceGroupDirectory;
import io.hop.readmodel.plans.PlanDirectory;
import io.hop.readmodel.policies.SharingPolicyDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Puts operators' devices, groups, sharing policies and plans into the read model, as provisioning's events would. */
@ApplicationScoped
public class EntitlementFixtures {

    @Inject
    SharingPolicyDirectory policies;
    @Inject
    DeviceGroupDirectory groups;
    @Inject
    DeviceDirectory devices;
    @Inject
    PlanDirectory plans;

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Settings: enabled, entitlement required with {@code provider}, interval 0, 2 Wi-Fi and 1 Bluetooth client. */
    public static SharingPolicySettings settings(String provider) {
        return new SharingPolicySettings(true, true, provider, 0, 2, 1, 1, 1, "+1 555 0100", "https://help.example/tether",
                null, null, List.of(), null);
    }

    /** A new operator whose every device of IMSI prefix 001 gets a policy with {@code settings}; returns the policy. */
    public SharingPolicyChanged operatorWithPolicy(String operatorId, SharingPolicySettings settings) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SharingPolicyChanged policy = new SharingPolicyChanged(operatorId, newId("policy"), "Sharing", settings, 1, now);
        DeviceGroupChanged group = new DeviceGroupChanged(operatorId, newId("group"), "All", 10,
                new DeviceMatch(List.of("001"), null, null, null),
                policy.policyId(), List.of(), null, 1, now);
        QuarkusTransaction.requiringNew().run(() -> {
            policies.apply(policy);
            groups.apply(group);
        });
        return policy;
    }

    /** A sharing policy of the operator, assigned to no group yet. */
    public SharingPolicyChanged policy(String operatorId, SharingPolicySettings settings) {
        SharingPolicyChanged policy = new SharingPolicyChanged(operatorId, newId("policy"), "Sharing", settings, 1,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusTransaction.requiringNew().run(() -> policies.apply(policy));
        return policy;
    }

    /** A group of devices of IMSI prefix {@code imsiPrefix} with the policy {@code policyId} (null: none). */
    public DeviceGroupChanged group(String operatorId, String imsiPrefix, String policyId) {
        return group(operatorId, imsiPrefix, policyId, null);
    }

    /** A group of devices of IMSI prefix {@code imsiPrefix} with the policy and the plan (null: none). */
    public DeviceGroupChanged group(String operatorId, String imsiPrefix, String policyId, String planId) {
        DeviceGroupChanged group = new DeviceGroupChanged(operatorId, newId("group"), "Group " + imsiPrefix, 5,
                new DeviceMatch(List.of(imsiPrefix), null, null, null), policyId, List.of(), planId, 1,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusTransaction.requiringNew().run(() -> groups.apply(group));
        return group;
    }

    public void device(String operatorId, String deviceId, String imsi) {
        QuarkusTransaction.requiringNew().run(() -> devices.apply(new DeviceChanged(operatorId, deviceId, imsi, null,
                null, null, 1, Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }

    /** A new version of the policy with other settings. */
    public SharingPolicyChanged change(SharingPolicyChanged policy, SharingPolicySettings settings) {
        SharingPolicyChanged next = new SharingPolicyChanged(policy.operatorId(), policy.policyId(), policy.name(),
                settings, policy.version() + 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusTransaction.requiringNew().run(() -> policies.apply(next));
        return next;
    }

    /** A plan of the operator whose billing periods follow {@code validity}, assigned to no group yet. */
    public PlanChanged plan(String operatorId, PlanChanged.Validity validity) {
        PlanChanged plan = new PlanChanged(operatorId, newId("plan"), "Plan", null, true, validity, 1_000_000L, null,
                null, 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusTransaction.requiringNew().run(() -> plans.apply(plan));
        return plan;
    }

    /** A new version of the plan with another validity. */
    public PlanChanged change(PlanChanged plan, PlanChanged.Validity validity) {
        PlanChanged next = new PlanChanged(plan.operatorId(), plan.planId(), plan.name(), plan.dataLimitBytes(),
                plan.metered(), validity, plan.tetheringAllowanceBytes(), plan.maxSharingDevices(), plan.apn(),
                plan.version() + 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusTransaction.requiringNew().run(() -> plans.apply(next));
        return next;
    }
}
