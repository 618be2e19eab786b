package io.hop.readmodel.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatch;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.platform.tx.LocalTransactions;
import io.hop.readmodel.ConfigurationRevisions;
import io.hop.readmodel.EntityHandler;
import io.hop.readmodel.ProvisioningReadModel;
import io.hop.readmodel.devices.EffectiveAssignment.Outcome;
import io.hop.readmodel.plans.PlanDirectory;
import io.hop.readmodel.policies.SharingPolicyDirectory;
import io.hop.readmodel.profiles.HotspotProfileDirectory;
import io.hop.readmodel.testsupport.Provisioned;
import io.hop.readmodel.testsupport.TestDatabase;

/** A device's effective assignment from the read model, against the real database. */
class DeviceResolverTest {

    static TestDatabase db;
    static LocalTransactions tx;
    static Replica replica;

    /** What one service replica holds: its directories and its resolver (with its own in-memory groups). */
    record Replica(SharingPolicyDirectory policies, HotspotProfileDirectory profiles, PlanDirectory plans,
            DeviceGroupDirectory groups, DeviceDirectory devices, DeviceResolver resolver) {

        static Replica on(LocalTransactions tx, Set<String> kept) {
            SharingPolicyDirectory policies = new SharingPolicyDirectory(tx.dataSource(), tx);
            HotspotProfileDirectory profiles = new HotspotProfileDirectory(tx.dataSource(), tx);
            PlanDirectory plans = new PlanDirectory(tx.dataSource(), tx);
            DeviceGroupDirectory groups = new DeviceGroupDirectory(tx.dataSource(), tx);
            DeviceDirectory devices = new DeviceDirectory(tx.dataSource(), tx);
            ProvisioningReadModel readModel = ProvisioningReadModel.enabling(kept,
                    List.of(policies, profiles, plans, groups, devices));
            return new Replica(policies, profiles, plans, groups, devices,
                    new DeviceResolver(readModel, devices, groups, policies, plans, profiles));
        }

        <T> void apply(EntityHandler<T> handler, T change) {
            tx.required(() -> handler.apply(change));
        }

        void group(DeviceGroupChanged group) {
            apply(groups, group);
        }

        void device(String operatorId, String deviceId, String imsi) {
            apply(devices, Provisioned.device(operatorId, deviceId, imsi, 1));
        }
    }

    static final Set<String> ALL = Set.of(ProvisioningKeys.SHARING_POLICY, ProvisioningKeys.HOTSPOT_PROFILE,
            ProvisioningKeys.PLAN, ProvisioningKeys.DEVICE_GROUP, ProvisioningKeys.DEVICE);

    @BeforeAll
    static void database() {
        db = TestDatabase.create("readmodel-resolver");
        tx = db.transactions();
        replica = Replica.on(tx, ALL);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aDeviceGetsThePolicyPlanAndProfilesOfItsMatchingGroupOfLowestPrecedence() {
        String op = newId("op");
        replica.apply(replica.policies(), Provisioned.policy(op, op + "-strict", "Strict", 1));
        replica.apply(replica.policies(), Provisioned.policy(op, op + "-open", "Open", 1));
        replica.apply(replica.plans(), Provisioned.plan(op, op + "-5gb", "5 GB", 1));
        replica.apply(replica.profiles(), Provisioned.profile(op, op + "-home", "Home", 1));
        replica.apply(replica.profiles(), Provisioned.profile(op, op + "-partner", "Partner", 1));
        replica.group(Provisioned.group(op, op + "-catch-all", 100, Provisioned.everyDevice(), op + "-open", List.of(),
                null, 1));
        replica.group(Provisioned.group(op, op + "-mcc001", 20, Provisioned.imsiPrefixes("00101"), op + "-strict",
                List.of(op + "-partner", op + "-missing", op + "-home"), op + "-5gb", 1));
        replica.group(Provisioned.group(op, op + "-other-network", 10, Provisioned.imsiPrefixes("00102"), 1));
        replica.device(op, "dev-1", "001010123456789");

        EffectiveAssignment assignment = replica.resolver().resolve(op, "dev-1");

        assertEquals(Outcome.ASSIGNED, assignment.outcome());
        assertEquals(op + "-mcc001", assignment.group().orElseThrow().groupId(), "the matching group of lowest precedence");
        assertEquals(replica.devices().find(op, "dev-1"), assignment.device());
        assertEquals(replica.policies().find(op + "-strict"), assignment.sharingPolicy());
        assertEquals(replica.plans().find(op + "-5gb"), assignment.plan());
        assertEquals(List.of(op + "-partner", op + "-home"),
                assignment.hotspotProfiles().stream().map(p -> p.profileId()).toList(),
                "the group's order; a profile not held is left out");
    }

    @Test
    void theResolverPicksTheGroupThatDeviceMatchingPicks() {
        String op = newId("op");
        DeviceGroupChanged byImsi = Provisioned.group(op, op + "-b", 5, Provisioned.imsiPrefixes("00101"), 1);
        DeviceGroupChanged byProvider = Provisioned.group(op, op + "-a", 5,
                new DeviceMatch(null, null, null, List.of("ACME MOBILE")), 1);
        replica.group(byImsi);
        replica.group(byProvider);
        replica.device(op, "dev-1", "001010123456789");

        assertEquals(op + "-a", replica.resolver().resolve(op, "dev-1").group().orElseThrow().groupId(),
                "equal precedence: the lower group id, as DeviceMatching decides");
    }

    @Test
    void aKnownDeviceThatNoGroupMatchesSaysSo() {
        String op = newId("op");
        replica.group(Provisioned.group(op, op + "-mcc001", 1, Provisioned.imsiPrefixes("00101"), 1));
        replica.device(op, "dev-9", "999990123456789");

        EffectiveAssignment assignment = replica.resolver().resolve(op, "dev-9");

        assertEquals(Outcome.NO_GROUP_MATCHES, assignment.outcome());
        assertEquals("dev-9", assignment.device().orElseThrow().deviceId());
        assertEquals(Optional.empty(), assignment.group());
        assertEquals(Outcome.NO_GROUP_MATCHES, replica.resolver().resolve(newOperatorWith("dev-9"), "dev-9").outcome(),
                "an operator without any group");
    }

    @Test
    void aDeviceThatIsNotHeldIsUnknownAlsoAtAnotherOperator() {
        String op = newId("op");
        replica.group(Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), 1));
        replica.device(op, "dev-1", "001010123456789");

        assertEquals(EffectiveAssignment.unknownDevice(), replica.resolver().resolve(op, "dev-2"));
        assertEquals(Outcome.UNKNOWN_DEVICE, replica.resolver().resolve(newId("globex"), "dev-1").outcome());
    }

    @Test
    void aGroupChangeOrDeletionAppliedInThisJvmIsSeenByTheNextResolution() {
        String op = newId("op");
        replica.group(Provisioned.group(op, op + "-first", 1, Provisioned.imsiPrefixes("00101"), 1));
        replica.group(Provisioned.group(op, op + "-second", 2, Provisioned.imsiPrefixes("00101"), 1));
        replica.device(op, "dev-1", "001010123456789");
        assertEquals(op + "-first", groupOf(replica, op, "dev-1"));

        replica.group(Provisioned.group(op, op + "-first", 3, Provisioned.imsiPrefixes("00101"), 2));
        assertEquals(op + "-second", groupOf(replica, op, "dev-1"), "a changed precedence");

        tx.required(() -> replica.groups().delete(op + "-second"));
        assertEquals(op + "-first", groupOf(replica, op, "dev-1"), "a deleted group");

        tx.required(() -> replica.groups().delete(op + "-first"));
        assertEquals(Outcome.NO_GROUP_MATCHES, replica.resolver().resolve(op, "dev-1").outcome(), "the last one deleted");
    }

    @Test
    void aGroupChangeAppliedByAnotherReplicaOnTheSameDatabaseIsSeenByTheNextResolution() {
        String op = newId("op");
        Replica other = Replica.on(tx, ALL);
        replica.group(Provisioned.group(op, op + "-first", 1, Provisioned.imsiPrefixes("00101"), 1));
        replica.group(Provisioned.group(op, op + "-second", 2, Provisioned.imsiPrefixes("00101"), 1));
        replica.device(op, "dev-1", "001010123456789");
        assertEquals(op + "-first", groupOf(replica, op, "dev-1"));

        other.group(Provisioned.group(op, op + "-first", 3, Provisioned.imsiPrefixes("00101"), 2));
        assertEquals(op + "-second", groupOf(replica, op, "dev-1"));

        tx.required(() -> other.groups().delete(op + "-second"));
        assertEquals(op + "-first", groupOf(replica, op, "dev-1"));
    }

    @Test
    void aRolledBackGroupChangeIsNotKeptEvenWhenItWasResolvedWithInsideItsTransaction() {
        String op = newId("op");
        replica.group(Provisioned.group(op, op + "-first", 1, Provisioned.imsiPrefixes("00101"), 1));
        replica.group(Provisioned.group(op, op + "-second", 2, Provisioned.imsiPrefixes("00101"), 1));
        replica.device(op, "dev-1", "001010123456789");
        assertEquals(op + "-first", groupOf(replica, op, "dev-1"));

        assertThrows(IllegalStateException.class, () -> tx.required(() -> {
            replica.groups().apply(Provisioned.group(op, op + "-first", 3, Provisioned.imsiPrefixes("00101"), 2));
            assertEquals(op + "-second", groupOf(replica, op, "dev-1"), "its own transaction sees the change");
            throw new IllegalStateException("roll back");
        }));

        assertEquals(op + "-first", groupOf(replica, op, "dev-1"), "the change never happened");
    }

    @Test
    void anOperatorsGroupsAreReadOnceForAllItsDevicesUntilOneChanges() {
        String op = newId("op");
        Replica fresh = Replica.on(tx, ALL);
        fresh.group(Provisioned.group(op, op + "-mcc001", 1, Provisioned.imsiPrefixes("00101"), 1));
        fresh.group(Provisioned.group(op, op + "-all", 9, Provisioned.everyDevice(), 1));
        for (int i = 0; i < 50; i++) {
            fresh.device(op, "dev-" + i, (i % 2 == 0 ? "00101" : "00199") + "0123456789");
        }

        for (int i = 0; i < 50; i++) {
            assertEquals(i % 2 == 0 ? op + "-mcc001" : op + "-all", groupOf(fresh, op, "dev-" + i));
        }
        assertEquals(1, fresh.resolver().groupReads());

        fresh.group(Provisioned.group(op, op + "-mcc001", 10, Provisioned.imsiPrefixes("00101"), 2));
        for (int i = 0; i < 50; i++) {
            assertEquals(op + "-all", groupOf(fresh, op, "dev-" + i));
        }
        assertEquals(2, fresh.resolver().groupReads());
    }

    @Test
    void aPolicyPlanOrProfileChangeAppliedByAnotherReplicaOnTheSameDatabaseIsSeenByTheNextResolution() {
        String op = newId("op");
        Replica other = Replica.on(tx, ALL);
        replica.apply(replica.policies(), Provisioned.policy(op, op + "-policy", "Policy v1", 1));
        replica.apply(replica.plans(), Provisioned.plan(op, op + "-plan", "Plan v1", 1));
        replica.apply(replica.profiles(), Provisioned.profile(op, op + "-profile", "Profile v1", 1));
        replica.group(Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), op + "-policy",
                List.of(op + "-profile"), op + "-plan", 1));
        replica.device(op, "dev-1", "001010123456789");
        assertEquals(List.of("Policy v1", "Plan v1", "Profile v1"), names(replica.resolver().resolve(op, "dev-1")));

        other.apply(other.policies(), Provisioned.policy(op, op + "-policy", "Policy v2", 2));
        assertEquals(List.of("Policy v2", "Plan v1", "Profile v1"), names(replica.resolver().resolve(op, "dev-1")));
        other.apply(other.plans(), Provisioned.plan(op, op + "-plan", "Plan v2", 2));
        assertEquals(List.of("Policy v2", "Plan v2", "Profile v1"), names(replica.resolver().resolve(op, "dev-1")));
        other.apply(other.profiles(), Provisioned.profile(op, op + "-profile", "Profile v2", 2));
        assertEquals(List.of("Policy v2", "Plan v2", "Profile v2"), names(replica.resolver().resolve(op, "dev-1")));

        tx.required(() -> other.policies().delete(op + "-policy"));
        tx.required(() -> other.plans().delete(op + "-plan"));
        tx.required(() -> other.profiles().delete(op + "-profile"));
        EffectiveAssignment deleted = replica.resolver().resolve(op, "dev-1");
        assertEquals(Optional.empty(), deleted.sharingPolicy());
        assertEquals(Optional.empty(), deleted.plan());
        assertEquals(List.of(), deleted.hotspotProfiles());
    }

    @Test
    void anOperatorsPoliciesPlansAndProfilesAreReadOnceForAllItsDevicesUntilOneChanges() {
        String op = newId("op");
        String globex = newId("globex");
        Replica fresh = Replica.on(tx, ALL);
        fresh.apply(fresh.policies(), Provisioned.policy(op, op + "-policy", "Policy v1", 1));
        fresh.apply(fresh.plans(), Provisioned.plan(op, op + "-plan", "Plan v1", 1));
        fresh.group(Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), op + "-policy", List.of(),
                op + "-plan", 1));
        for (int i = 0; i < 20; i++) {
            fresh.device(op, "dev-" + i, "001010123456789");
        }

        for (int i = 0; i < 20; i++) {
            assertEquals(List.of("Policy v1", "Plan v1"), names(fresh.resolver().resolve(op, "dev-" + i)));
        }
        assertEquals(1, fresh.resolver().configurationReads());

        fresh.apply(fresh.policies(), Provisioned.policy(op, op + "-policy", "Policy v0", 1));
        fresh.apply(fresh.policies(), Provisioned.policy(globex, globex + "-policy", "Theirs", 1));
        fresh.resolver().resolve(op, "dev-0");
        assertEquals(1, fresh.resolver().configurationReads(),
                "a change that is not newer, or another operator's, keeps this operator's copy");

        fresh.apply(fresh.plans(), Provisioned.plan(op, op + "-plan", "Plan v2", 2));
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of("Policy v1", "Plan v2"), names(fresh.resolver().resolve(op, "dev-" + i)));
        }
        assertEquals(2, fresh.resolver().configurationReads());
    }

    @Test
    void aRolledBackPolicyChangeIsNotKeptEvenWhenItWasResolvedWithInsideItsTransaction() {
        String op = newId("op");
        replica.apply(replica.policies(), Provisioned.policy(op, op + "-policy", "Policy v1", 1));
        replica.group(Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), op + "-policy", List.of(),
                null, 1));
        replica.device(op, "dev-1", "001010123456789");
        assertEquals(List.of("Policy v1"), names(replica.resolver().resolve(op, "dev-1")));

        assertThrows(IllegalStateException.class, () -> tx.required(() -> {
            replica.policies().apply(Provisioned.policy(op, op + "-policy", "Policy v2", 2));
            assertEquals(List.of("Policy v2"), names(replica.resolver().resolve(op, "dev-1")),
                    "its own transaction sees the change");
            throw new IllegalStateException("roll back");
        }));

        assertEquals(List.of("Policy v1"), names(replica.resolver().resolve(op, "dev-1")), "the change never happened");
    }

    @Test
    void theConfigurationRevisionReadWithTheDeviceChangesWithAServicesOwnConfigurationChange() {
        String op = newId("op");
        replica.group(Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), 1));
        replica.device(op, "dev-1", "001010123456789");
        ConfigurationRevisions revisions = new ConfigurationRevisions(tx.dataSource(), tx);
        long before = replica.resolver().resolveWithRevision(op, "dev-1").configurationRevision();
        assertEquals(before, replica.resolver().resolveWithRevision(op, "dev-1").configurationRevision());

        tx.required(() -> {
            revisions.changed(op);
            return null;
        });

        long after = replica.resolver().resolveWithRevision(op, "dev-1").configurationRevision();
        assertTrue(after != before, before + " -> " + after);
        tx.required(() -> {
            revisions.changed(newId("globex"));
            return null;
        });
        assertEquals(after, replica.resolver().resolveWithRevision(op, "dev-1").configurationRevision(),
                "another operator's change");
        assertEquals(DeviceResolver.Resolution.NO_REVISION,
                replica.resolver().resolveWithRevision(op, "dev-2").configurationRevision(), "an unknown device");
    }

    @Test
    void aGroupNeverHandsADeviceAnotherOperatorsPolicyOrPlan() {
        String op = newId("op");
        String globex = newId("globex");
        replica.apply(replica.policies(), Provisioned.policy(globex, globex + "-policy", "Theirs", 1));
        replica.apply(replica.plans(), Provisioned.plan(globex, globex + "-plan", "Theirs", 1));
        replica.apply(replica.profiles(), Provisioned.profile(globex, globex + "-profile", "Theirs", 1));
        replica.group(Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), globex + "-policy",
                List.of(globex + "-profile"), globex + "-plan", 1));
        replica.device(op, "dev-1", "001010123456789");

        EffectiveAssignment assignment = replica.resolver().resolve(op, "dev-1");

        assertTrue(assignment.assigned());
        assertEquals(Optional.empty(), assignment.sharingPolicy());
        assertEquals(Optional.empty(), assignment.plan());
        assertEquals(List.of(), assignment.hotspotProfiles());
    }

    @Test
    void aServiceThatKeepsOnlyPlansGetsThePlanAlone() {
        Replica usage = Replica.on(tx, Set.of(ProvisioningKeys.DEVICE, ProvisioningKeys.DEVICE_GROUP,
                ProvisioningKeys.PLAN));
        String op = newId("op");
        replica.apply(replica.policies(), Provisioned.policy(op, op + "-policy", "Policy", 1));
        replica.apply(replica.plans(), Provisioned.plan(op, op + "-plan", "Plan", 1));
        replica.group(Provisioned.group(op, op + "-all", 1, Provisioned.everyDevice(), op + "-policy", List.of(),
                op + "-plan", 1));
        replica.device(op, "dev-1", "001010123456789");

        EffectiveAssignment assignment = usage.resolver().resolve(op, "dev-1");

        assertEquals(op + "-plan", assignment.plan().orElseThrow().planId());
        assertEquals(Optional.empty(), assignment.sharingPolicy(), "not kept by this service");
        assertEquals(op + "-policy", assignment.group().orElseThrow().sharingPolicyId(), "the group still names it");
    }

    @Test
    void aResolverNeedsDevicesAndDeviceGroupsInTheReadModel() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Replica.on(tx, Set.of(ProvisioningKeys.DEVICE, ProvisioningKeys.PLAN)));
        assertTrue(refused.getMessage().contains("[device-group]"), refused.getMessage());
    }

    /** The names of the assignment's policy, plan and profiles, in that order. */
    private static List<String> names(EffectiveAssignment assignment) {
        List<String> names = new java.util.ArrayList<>();
        assignment.sharingPolicy().map(SharingPolicyChanged::name).ifPresent(names::add);
        assignment.plan().map(p -> p.name()).ifPresent(names::add);
        assignment.hotspotProfiles().forEach(p -> names.add(p.displayName()));
        return names;
    }

    private static String groupOf(Replica replica, String operatorId, String deviceId) {
        return replica.resolver().resolve(operatorId, deviceId).group().map(DeviceGroupChanged::groupId).orElse(null);
    }

    private static String newOperatorWith(String deviceId) {
        String op = newId("lonely");
        replica.device(op, deviceId, "001010123456789");
        return op;
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
