package io.hop.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.platform.tx.LocalTransactions;
import io.hop.readmodel.devices.DeviceDirectory;
import io.hop.readmodel.devices.DeviceGroupDirectory;
import io.hop.readmodel.plans.PlanDirectory;
import io.hop.readmodel.policies.SharingPolicyDirectory;
import io.hop.readmodel.profiles.HotspotProfileDirectory;
import io.hop.readmodel.testsupport.Provisioned;
import io.hop.readmodel.testsupport.TestDatabase;

/**
 * Each of provisioning's configuration entity types in its table, against the real database: a newer version replaces
 * the held state, an older or equal one changes nothing, a tombstone (by its key, as the topic carries it) deletes.
 */
class ProvisioningDirectoriesTest {

    static TestDatabase db;
    static LocalTransactions tx;
    static SharingPolicyDirectory policies;
    static HotspotProfileDirectory profiles;
    static PlanDirectory plans;
    static DeviceGroupDirectory groups;
    static DeviceDirectory devices;
    static ProvisioningReadModel readModel;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("readmodel-directories");
        tx = db.transactions();
        policies = new SharingPolicyDirectory(tx.dataSource(), tx);
        profiles = new HotspotProfileDirectory(tx.dataSource(), tx);
        plans = new PlanDirectory(tx.dataSource(), tx);
        groups = new DeviceGroupDirectory(tx.dataSource(), tx);
        devices = new DeviceDirectory(tx.dataSource(), tx);
        readModel = new ProvisioningReadModel(List.of(policies, profiles, plans, groups, devices));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    /**
     * One entity type as a test drives it.
     *
     * @param state    the state of entity {@code id} of an operator at a version (different for each version)
     * @param find     the held state of (operator, id)
     * @param entityId the id in the topic's key of (operator, id)
     */
    record Type<T>(String name, EntityHandler<T> handler, State<T> state, BiFunction<String, String, Optional<T>> find,
            Function<String, List<T>> listByOperator, BiFunction<String, String, String> entityId) {

        interface State<T> {
            T of(String operatorId, String id, long version, String label);
        }

        T of(String operatorId, String id, long version) {
            return state.of(operatorId, id, version, "");
        }

        boolean apply(T change) {
            return tx.required(() -> handler.apply(change));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Type<?>> types() {
        BiFunction<String, String, String> sameId = (operatorId, id) -> id;
        return Stream.of(
                new Type<>(ProvisioningKeys.SHARING_POLICY, policies,
                        (op, id, v, label) -> Provisioned.policy(op, id, "Policy v" + v + label, v), (op, id) -> policies.find(id),
                        policies::listByOperator, sameId),
                new Type<>(ProvisioningKeys.HOTSPOT_PROFILE, profiles,
                        (op, id, v, label) -> Provisioned.profile(op, id, "Profile v" + v + label, v), (op, id) -> profiles.find(id),
                        profiles::listByOperator, sameId),
                new Type<>(ProvisioningKeys.PLAN, plans, (op, id, v, label) -> Provisioned.plan(op, id, "Plan v" + v + label, v),
                        (op, id) -> plans.find(id), plans::listByOperator, sameId),
                new Type<>(ProvisioningKeys.DEVICE_GROUP, groups,
                        (op, id, v, label) -> Provisioned.group(op, id, (int) v, Provisioned.imsiPrefixes("00101" + label), v),
                        (op, id) -> groups.find(id), groups::listByOperator, sameId),
                new Type<>(ProvisioningKeys.DEVICE, devices,
                        (op, id, v, label) -> Provisioned.device(op, id, "00101000000000" + v + label, v), devices::find,
                        op -> devices.listByOperator(op, null, 100), ProvisioningKeys::deviceEntityId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void aNewerVersionReplacesTheHeldStateAndAnOlderOrEqualOneChangesNothing(Type<T> type) {
        String operatorId = newId("op");
        String id = newId(type.name());

        assertTrue(type.apply(type.of(operatorId, id, 2)));
        assertFalse(type.apply(type.of(operatorId, id, 1)), "older");
        assertFalse(type.apply(type.state().of(operatorId, id, 2, "9")), "equal");
        assertEquals(Optional.of(type.of(operatorId, id, 2)), type.find().apply(operatorId, id),
                "the full state, as the event carried it");

        assertTrue(type.apply(type.of(operatorId, id, 5)), "newer, even with a gap");
        assertEquals(Optional.of(type.of(operatorId, id, 5)), type.find().apply(operatorId, id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void aTombstoneDeletesTheEntityItsKeyNamesAndARepeatedOneChangesNothing(Type<T> type) {
        String operatorId = newId("op");
        String id = newId(type.name());
        String kept = newId(type.name());
        type.apply(type.of(operatorId, id, 1));
        type.apply(type.of(operatorId, kept, 1));
        String key = ProvisioningKeys.of(type.name(), type.entityId().apply(operatorId, id));

        assertTrue(tx.required(() -> readModel.applyTombstone(key)));
        assertEquals(Optional.empty(), type.find().apply(operatorId, id));
        assertTrue(type.find().apply(operatorId, kept).isPresent(), "another entity of the type stays");
        assertFalse(tx.required(() -> readModel.applyTombstone(key)), "a repeated tombstone");

        assertTrue(type.apply(type.of(operatorId, id, 1)), "a deleted entity may come again");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void listingByOperatorGivesThatOperatorsEntitiesOnlyInIdOrder(Type<T> type) {
        String acme = newId("acme");
        String globex = newId("globex");
        String first = "a-" + newId(type.name());
        String second = "b-" + newId(type.name());
        type.apply(type.of(acme, second, 1));
        type.apply(type.of(acme, first, 1));
        type.apply(type.of(globex, newId(type.name()), 1));

        assertEquals(List.of(type.of(acme, first, 1), type.of(acme, second, 1)),
                type.listByOperator().apply(acme));
        assertEquals(List.of(), type.listByOperator().apply(newId("nobody")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void changingOutsideATransactionIsRefused(Type<T> type) {
        T change = type.of(newId("op"), newId(type.name()), 1);
        assertThrows(IllegalStateException.class, () -> type.handler().apply(change));
        assertThrows(IllegalStateException.class, () -> type.handler().delete(type.entityId().apply("op", "x")));
    }

    @Test
    void entitiesOfEveryTypeWithTheSameIdLiveSideBySide() {
        String operatorId = newId("op");
        String id = newId("basic");
        List<Type<?>> all = types().toList();
        all.forEach(type -> applyVersion1(type, operatorId, id));

        tx.required(() -> readModel.applyTombstone(ProvisioningKeys.plan(id)));

        Set<String> left = all.stream().filter(type -> type.find().apply(operatorId, id).isPresent()).map(Type::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of(ProvisioningKeys.SHARING_POLICY, ProvisioningKeys.HOTSPOT_PROFILE,
                ProvisioningKeys.DEVICE_GROUP, ProvisioningKeys.DEVICE), left);
    }

    private static <T> void applyVersion1(Type<T> type, String operatorId, String id) {
        assertTrue(type.apply(type.of(operatorId, id, 1)), type.name());
    }

    @Test
    void devicesWithTheSameIdAtTwoOperatorsAreTwoDevicesAndADeviceIdMayContainTheSeparator() {
        String acme = newId("acme");
        String globex = newId("globex");
        String deviceId = "imei:" + newId("35");
        tx.required(() -> devices.apply(Provisioned.device(acme, deviceId, "001010000000001", 1)));
        tx.required(() -> devices.apply(Provisioned.device(globex, deviceId, "001010000000002", 1)));

        assertTrue(tx.required(() -> readModel.applyTombstone(ProvisioningKeys.device(acme, deviceId))));
        assertEquals(Optional.empty(), devices.find(acme, deviceId));
        assertEquals("001010000000002", devices.find(globex, deviceId).orElseThrow().imsi());
    }

    @Test
    void anOperatorsDevicesAreListedInPagesInDeviceIdOrder() {
        String operatorId = newId("op");
        for (String deviceId : List.of("d3", "d1", "d5", "d2", "d4")) {
            tx.required(() -> devices.apply(Provisioned.device(operatorId, deviceId, "001010000000001", 1)));
        }

        assertEquals(List.of("d1", "d2"), deviceIds(devices.listByOperator(operatorId, null, 2)));
        assertEquals(List.of("d3", "d4"), deviceIds(devices.listByOperator(operatorId, "d2", 2)));
        assertEquals(List.of("d5"), deviceIds(devices.listByOperator(operatorId, "d4", 2)));
        assertEquals(List.of(), deviceIds(devices.listByOperator(operatorId, "d5", 2)));
    }

    @Test
    void aDeviceIsFoundByItsImsiWithinItsOperatorOnly() {
        String acme = "acme-imsi";
        String globex = "globex-imsi";
        tx.required(() -> devices.apply(Provisioned.device(acme, "d2", "001010000000042", 1)));
        tx.required(() -> devices.apply(Provisioned.device(acme, "d1", "001010000000042", 1)));
        tx.required(() -> devices.apply(Provisioned.device(acme, "d3", "001010000000043", 1)));
        tx.required(() -> devices.apply(Provisioned.device(globex, "g1", "001010000000044", 1)));

        assertEquals(List.of("d3"), devices.deviceIdsByImsi(acme, "001010000000043", 2));
        assertEquals(List.of("d1", "d2"), devices.deviceIdsByImsi(acme, "001010000000042", 2));
        assertEquals(List.of("d1"), devices.deviceIdsByImsi(acme, "001010000000042", 1));
        assertEquals(List.of(), devices.deviceIdsByImsi(acme, "001010000000044", 2));
        assertEquals(List.of("g1"), devices.deviceIdsByImsi(globex, "001010000000044", 2));
    }

    @Test
    void aDeviceTombstoneWhoseIdNamesNoOperatorIsRefused() {
        assertThrows(InvalidEventException.class, () -> tx.required(() -> readModel.applyTombstone("device:dev-1")));
        assertThrows(InvalidEventException.class, () -> tx.required(() -> readModel.applyTombstone("device:acme:")));
    }

    @Test
    void changesWithoutTheIdsTheTablesNeedAreRefused() {
        DeviceGroupChanged noMatch = new DeviceGroupChanged("acme", "g", "G", 1, null, null, List.of(), null, 1, null);
        assertThrows(InvalidEventException.class, () -> tx.required(() -> groups.apply(noMatch)));
        DeviceChanged noOperator = new DeviceChanged(null, "d", null, null, null, null, 1, null);
        assertThrows(InvalidEventException.class, () -> tx.required(() -> devices.apply(noOperator)));
        assertThrows(InvalidEventException.class,
                () -> tx.required(() -> plans.apply(Provisioned.plan("acme", "", "No id", 1))));
    }

    private static List<String> deviceIds(List<DeviceChanged> page) {
        return page.stream().map(DeviceChanged::deviceId).toList();
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
