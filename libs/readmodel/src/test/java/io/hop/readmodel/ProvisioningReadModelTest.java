package io.hop.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.tx.LocalTransactions;
import io.hop.readmodel.operators.KnownOperator;
import io.hop.readmodel.operators.OperatorDirectory;
import io.hop.readmodel.testsupport.TestDatabase;
import io.hop.readmodel.testsupport.TestPlans;
import io.hop.readmodel.testsupport.TestPlans.PlanChanged;

/** One code path from the topic's records to each entity type's table, against the real database. */
class ProvisioningReadModelTest {

    static TestDatabase db;
    static LocalTransactions tx;
    static OperatorDirectory operators;
    static TestPlans plans;
    static ProvisioningReadModel both;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("readmodel-dispatch");
        tx = db.transactions();
        operators = new OperatorDirectory(tx.dataSource(), tx);
        plans = new TestPlans(db);
        both = ProvisioningReadModel.enabling(Set.of(ProvisioningKeys.OPERATOR, TestPlans.ENTITY_TYPE),
                List.of(operators, plans));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void eachChangeReachesTheTableOfItsTypeAndAPlanDoesNotTouchTheOperatorWithItsId() {
        String id = newId();
        assertTrue(apply(both, operatorEvent(id, "Acme", 3)));
        assertTrue(apply(both, planEvent(id, "Basic", 1)));

        assertEquals(Optional.of(new KnownOperator(id, "Acme", "ACTIVE", 3, changedAt(3))), operators.find(id));
        assertEquals(Optional.of(new PlanChanged(id, "Basic", 1)), plans.find(id));
        assertFalse(apply(both, operatorEvent(id, "Acme (stale)", 2)), "versions still rule");
    }

    @Test
    void aTombstoneDeletesOnlyTheEntityItsKeyNames() {
        String id = newId();
        apply(both, operatorEvent(id, "Acme", 1));
        apply(both, planEvent(id, "Basic", 1));

        assertTrue(tx.required(() -> both.applyTombstone(ProvisioningKeys.of(TestPlans.ENTITY_TYPE, id))));
        assertEquals(Optional.empty(), plans.find(id));
        assertTrue(operators.find(id).isPresent(), "the operator with the same id stays");

        // As a consumer hands it over: an event whose data is null is the tombstone of its key.
        assertTrue(apply(both, tombstone(ProvisioningKeys.operator(id))));
        assertEquals(Optional.empty(), operators.find(id));
        assertFalse(apply(both, tombstone(ProvisioningKeys.operator(id))), "a repeated tombstone changes nothing");
    }

    @Test
    void changesAndTombstonesOfTypesTheServiceDidNotEnableChangeNothing() {
        ProvisioningReadModel operatorsOnly = ProvisioningReadModel.enabling(Set.of(ProvisioningKeys.OPERATOR),
                List.of(operators, plans));
        assertEquals(Set.of(ProvisioningKeys.OPERATOR), operatorsOnly.entityTypes());
        String id = newId();
        apply(both, planEvent(id, "Basic", 1));

        assertFalse(apply(operatorsOnly, planEvent(id, "Premium", 2)));
        assertFalse(tx.required(() -> operatorsOnly.applyTombstone(ProvisioningKeys.of(TestPlans.ENTITY_TYPE, id))));
        assertFalse(apply(operatorsOnly, event("provisioning.device-changed.v1", "device:" + id, "{\"deviceId\":\"d\"}")),
                "a type provisioning added later");
        assertEquals(Optional.of(new PlanChanged(id, "Basic", 1)), plans.find(id));
    }

    @Test
    void aTombstoneWhoseKeyNamesNoEntityIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> tx.required(() -> both.applyTombstone("acme")));
        assertTrue(refused.getMessage().contains("<type>:<id>"), refused.getMessage());
    }

    @Test
    void dataThatDoesNotFitItsTypeIsRefusedAndChangesNothing() {
        String id = newId();
        IncomingEvent broken = event(ProvisioningEvents.OPERATOR_CHANGED.name(), ProvisioningKeys.operator(id),
                "{\"operatorId\": \"" + id + "\", \"version\": \"not a number\"}");
        assertThrows(IllegalArgumentException.class, () -> apply(both, broken));
        assertEquals(Optional.empty(), operators.find(id));
    }

    @Test
    void enablingATypeWithoutHandlerFailsNamingTheKnownTypes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ProvisioningReadModel.enabling(Set.of("operator", "polcy"), List.of(operators, plans)));
        assertTrue(refused.getMessage().contains("[polcy]"), refused.getMessage());
        assertTrue(refused.getMessage().contains("[operator, test-plan]"), refused.getMessage());
    }

    @Test
    void twoHandlersForOneTypeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ProvisioningReadModel(List.of(operators, operators)));
    }

    private static boolean apply(ProvisioningReadModel readModel, IncomingEvent event) {
        return tx.required(() -> readModel.apply(event));
    }

    private static IncomingEvent operatorEvent(String id, String name, long version) {
        return event(ProvisioningEvents.OPERATOR_CHANGED, ProvisioningKeys.operator(id),
                new OperatorChanged(id, name, "ACTIVE", version, changedAt(version)));
    }

    private static IncomingEvent planEvent(String id, String name, long version) {
        return event(TestPlans.CHANGED, ProvisioningKeys.of(TestPlans.ENTITY_TYPE, id), new PlanChanged(id, name, version));
    }

    private static <T> IncomingEvent event(EventType<T> type, String key, T data) {
        try {
            return event(type.name(), key, PlatformJson.mapper().writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IncomingEvent event(String type, String key, String data) {
        return new IncomingEvent(UUID.randomUUID().toString(), type, "/hop/test", Instant.now(), key, key, data);
    }

    private static IncomingEvent tombstone(String key) {
        return event(ProvisioningEvents.OPERATOR_CHANGED.name(), key, null);
    }

    private static Instant changedAt(long version) {
        return Instant.parse("2025-01-01T00:00:00Z").plusSeconds(version);
    }

    private static String newId() {
        return "id-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
