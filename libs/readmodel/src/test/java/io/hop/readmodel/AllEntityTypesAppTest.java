package io.hop.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.readmodel.devices.DeviceDirectory;
import io.hop.readmodel.devices.DeviceGroupDirectory;
import io.hop.readmodel.devices.DeviceResolver;
import io.hop.readmodel.devices.EffectiveAssignment;
import io.hop.readmodel.operators.OperatorDirectory;
import io.hop.readmodel.plans.PlanDirectory;
import io.hop.readmodel.policies.SharingPolicyDirectory;
import io.hop.readmodel.profiles.HotspotProfileDirectory;
import io.hop.readmodel.testsupport.Provisioned;
import io.hop.testing.infra.HopInfraResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The library in a Quarkus application, as a service uses it, with {@code hop.readmodel.entities} naming every entity
 * type: the read model keeps them all, a change of each reaches its table through the JTA transaction, and the
 * {@link DeviceResolver} bean resolves a device from them.
 */
@QuarkusTest
@WithTestResource(HopInfraResource.class)
class AllEntityTypesAppTest {

    @Inject
    ProvisioningReadModel readModel;

    @Inject
    OperatorDirectory operators;

    @Inject
    SharingPolicyDirectory policies;

    @Inject
    HotspotProfileDirectory profiles;

    @Inject
    PlanDirectory plans;

    @Inject
    DeviceGroupDirectory groups;

    @Inject
    DeviceDirectory devices;

    @Inject
    DeviceResolver resolver;

    @Test
    void everyEntityTypeCanBeEnabled() {
        assertEquals(Set.of("operator", "sharing-policy", "hotspot-profile", "plan", "device-group", "device"),
                readModel.entityTypes());
    }

    @Test
    void aChangeOfEachTypeReachesItsTableAndTheResolverAssignsTheDeviceFromThem() {
        String op = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        apply(ProvisioningEvents.OPERATOR_CHANGED, ProvisioningKeys.operator(op),
                new OperatorChanged(op, "Acme", "ACTIVE", 1, Provisioned.changedAt(1)));
        apply(ProvisioningEvents.SHARING_POLICY_CHANGED, ProvisioningKeys.sharingPolicy(op + "-policy"),
                Provisioned.policy(op, op + "-policy", "Policy", 1));
        apply(ProvisioningEvents.HOTSPOT_PROFILE_CHANGED, ProvisioningKeys.hotspotProfile(op + "-home"),
                Provisioned.profile(op, op + "-home", "Home", 1));
        apply(ProvisioningEvents.PLAN_CHANGED, ProvisioningKeys.plan(op + "-plan"),
                Provisioned.plan(op, op + "-plan", "Plan", 1));
        apply(ProvisioningEvents.DEVICE_GROUP_CHANGED, ProvisioningKeys.deviceGroup(op + "-all"),
                Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), op + "-policy", List.of(op + "-home"),
                        op + "-plan", 1));
        apply(ProvisioningEvents.DEVICE_CHANGED, ProvisioningKeys.device(op, "dev-1"),
                Provisioned.device(op, "dev-1", "001010123456789", 1));

        assertTrue(operators.find(op).isPresent());
        assertEquals(1, policies.listByOperator(op).size());
        assertEquals(1, profiles.listByOperator(op).size());
        assertEquals(1, plans.listByOperator(op).size());
        assertEquals(1, groups.listByOperator(op).size());
        assertEquals(1, devices.listByOperator(op, null, 10).size());

        EffectiveAssignment assignment = resolver.resolve(op, "dev-1");
        assertEquals(EffectiveAssignment.Outcome.ASSIGNED, assignment.outcome());
        assertEquals(policies.find(op + "-policy"), assignment.sharingPolicy());
        assertEquals(plans.find(op + "-plan"), assignment.plan());
        assertEquals(List.of(profiles.find(op + "-home").orElseThrow()), assignment.hotspotProfiles());

        QuarkusTransaction.requiringNew().run(() -> readModel.applyTombstone(ProvisioningKeys.deviceGroup(op + "-all")));
        assertEquals(EffectiveAssignment.Outcome.NO_GROUP_MATCHES, resolver.resolve(op, "dev-1").outcome(),
                "the deleted group is no longer used");
        QuarkusTransaction.requiringNew().run(() -> readModel.applyTombstone(ProvisioningKeys.device(op, "dev-1")));
        assertEquals(Optional.empty(), devices.find(op, "dev-1"));
    }

    /** As a service's consumer hands a record over: in a transaction, as an {@link IncomingEvent}. */
    private <T> void apply(EventType<T> type, String key, T data) {
        String json;
        try {
            json = PlatformJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(), type.name(), "/hop/test", Instant.now(),
                key, key, json);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> readModel.apply(event)), key);
    }
}
