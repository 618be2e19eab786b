package io.hop.testing.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.testing.kafka.TestEvents;

/**
 * A service that keeps a read model of operators from {@code provisioning.changes.v1}: the change arrives over the
 * real broker, keyed as provisioning keys it ({@code operator:<id>}), and neither a redelivered event nor an older
 * version changes what the service holds. Extend it in a {@code @QuarkusTest} of a service that enables the
 * {@code operator} entity type of hop-readmodel.
 */
public abstract class OperatorReadModelContract {

    private static final String TOPIC = "provisioning.changes.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The operator as the service's own read model holds it now. */
    protected abstract Optional<OperatorChanged> knownOperator(String operatorId);

    @Test
    void operatorPublishedByProvisioningIsRecorded() {
        OperatorChanged change = change(newId(), "Acme Mobile", 1);
        send(change);

        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(Optional.of(change), knownOperator(change.operatorId())));
    }

    @Test
    void redeliveredEventChangesNothing() {
        String operatorId = newId();
        OperatorChanged first = change(operatorId, "First name", 1);
        String eventId = send(first);
        await().atMost(PATIENCE).until(() -> knownOperator(operatorId).isPresent());

        // Same CloudEvent id again, with a body that would change the model if it were applied.
        TestEvents.send(TOPIC, ProvisioningKeys.operator(operatorId), eventId, ProvisioningEvents.OPERATOR_CHANGED,
                change(operatorId, "Tampered", 5));
        OperatorChanged marker = change(operatorId, "Second name", 2);
        send(marker);

        // The marker sits behind the redelivery on the same partition: once it is applied, the redelivery was seen.
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(Optional.of(marker), knownOperator(operatorId)));
    }

    @Test
    void olderVersionDoesNotOverwriteNewer() {
        String operatorId = newId();
        OperatorChanged newer = change(operatorId, "Newer", 7);
        send(newer);
        send(change(operatorId, "Older", 6));
        OperatorChanged newest = change(operatorId, "Newest", 8);
        send(newest);

        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(Optional.of(newest), knownOperator(operatorId)));
    }

    @Test
    void aTombstoneDeletesTheOperator() {
        String operatorId = newId();
        send(change(operatorId, "Short-lived", 1));
        await().atMost(PATIENCE).until(() -> knownOperator(operatorId).isPresent());

        TestEvents.sendRaw(TOPIC, ProvisioningKeys.operator(operatorId), null);

        await().atMost(PATIENCE).until(() -> knownOperator(operatorId).isEmpty());
    }

    @Test
    void aMalformedRecordBetweenTwoGoodOnesStopsNothing() {
        OperatorChanged before = change(newId(), "Before", 1);
        send(before);
        // Same partition as the next good one (same key): the channel must get past it to apply that one.
        String key = ProvisioningKeys.operator(newId());
        TestEvents.sendRaw(TOPIC, key, "{not json", "ce_id", UUID.randomUUID().toString(),
                "ce_type", ProvisioningEvents.OPERATOR_CHANGED.name(), "ce_specversion", "1.0", "ce_source", "/test");
        OperatorChanged after = change(ProvisioningKeys.parse(key).id(), "After", 1);
        send(after);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertEquals(Optional.of(before), knownOperator(before.operatorId()));
            assertEquals(Optional.of(after), knownOperator(after.operatorId()));
        });
    }

    /** Sends the change as provisioning-service publishes it: keyed by the entity, {@code operator:<id>}. */
    private static String send(OperatorChanged change) {
        return TestEvents.send(TOPIC, ProvisioningKeys.operator(change.operatorId()), ProvisioningEvents.OPERATOR_CHANGED,
                change);
    }

    private static String newId() {
        return "op-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static OperatorChanged change(String operatorId, String name, long version) {
        // Microsecond precision: what PostgreSQL keeps of an instant.
        return new OperatorChanged(operatorId, name, "ACTIVE", version, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
