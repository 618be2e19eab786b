package io.hop.provisioning.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** An operator changed by someone else after it was read cannot be overwritten with the stale copy. */
@QuarkusTest
class OperatorOptimisticLockTest {

    @Inject
    OperatorService operators;

    @Inject
    EntityManager entities;

    @Test
    void anUpdateOfAStaleCopyFailsAndTheOtherChangeIsKept() {
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        operators.create(id, "Start");

        assertThrows(OptimisticLockException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Operator stale = entities.find(Operator.class, id); // read at version 1
            // Meanwhile another request changes it and commits.
            QuarkusTransaction.requiringNew().run(() -> operators.change(id, 1, "Theirs", null));
            stale.change("Mine", null, Instant.now());
            entities.flush();
        }));

        Operator kept = operators.find(id).orElseThrow();
        assertEquals("Theirs", kept.name());
        assertEquals(2, kept.version());
    }
}
