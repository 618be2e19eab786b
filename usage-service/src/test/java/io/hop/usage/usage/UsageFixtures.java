package io.hop.usage.usage;

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
import io.hop.readmodel.devices.DeviceDirectory;
import io.hop.readmodel.devices.DeviceGroupDirectory;
import io.hop.readmodel.plans.PlanDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Puts devices, a group and a plan into the read model as provisioning's events would. */
@ApplicationScoped
public class UsageFixtures {

    @Inject
    PlanDirectory plans;
    @Inject
    DeviceGroupDirectory groups;
    @Inject
    DeviceDirectory devices;

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A plan of {@code limit} bytes (null: unlimited) that the operator's group of IMSI prefix 001 assigns. */
    public PlanChanged planForImsi001(String operatorId, Long limit, PlanChanged.Validity validity) {
        return planForImsi001(operatorId, limit, null, validity);
    }

    /** A plan of {@code limit} bytes and a tethering allowance that the operator's group of IMSI prefix 001 assigns. */
    public PlanChanged planForImsi001(String operatorId, Long limit, Long tetheringAllowance,
            PlanChanged.Validity validity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PlanChanged plan = new PlanChanged(operatorId, newId("plan"), "Gold", limit, true, validity,
                tetheringAllowance, null, null, 1, now);
        DeviceGroupChanged group = new DeviceGroupChanged(operatorId, newId("group"), "All", 10,
                new DeviceMatch(List.of("001"), null, null, null), null, List.of(), plan.planId(), 1, now);
        QuarkusTransaction.requiringNew().run(() -> {
            plans.apply(plan);
            groups.apply(group);
        });
        return plan;
    }

    public void device(String operatorId, String deviceId, String imsi) {
        QuarkusTransaction.requiringNew().run(() -> devices.apply(new DeviceChanged(operatorId, deviceId, imsi, null,
                null, null, 1, Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }
}
