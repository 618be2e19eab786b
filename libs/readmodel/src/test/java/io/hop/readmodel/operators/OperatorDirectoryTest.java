package io.hop.readmodel.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.platform.tx.LocalTransactions;
import io.hop.readmodel.testsupport.TestDatabase;

class OperatorDirectoryTest {

    static TestDatabase db;
    static LocalTransactions tx;
    static OperatorDirectory directory;

    @BeforeAll
    static void database() {
        db = TestDatabase.create("readmodel-operators");
        tx = db.transactions();
        directory = new OperatorDirectory(tx.dataSource(), tx);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private static boolean apply(OperatorChanged change) {
        return tx.required(() -> directory.apply(change));
    }

    private static OperatorChanged v(String operatorId, long version, String name, String status) {
        return new OperatorChanged(operatorId, name, status, version,
                Instant.parse("2025-01-01T00:00:00Z").plusSeconds(version));
    }

    @Test
    void olderOrEqualVersionsDoNotOverwriteANewerOne() {
        assertTrue(apply(v("op-7", 2, "Seven", "ACTIVE")));
        assertFalse(apply(v("op-7", 1, "Seven (stale)", "SUSPENDED")), "older");
        assertFalse(apply(v("op-7", 2, "Seven (redelivered)", "SUSPENDED")), "equal");
        assertEquals(Optional.of(new KnownOperator("op-7", "Seven", "ACTIVE", 2,
                Instant.parse("2025-01-01T00:00:02Z"))), directory.find("op-7"));

        assertTrue(apply(v("op-7", 5, "Seven", "SUSPENDED")), "newer, even with a gap");
        assertEquals("SUSPENDED", directory.find("op-7").orElseThrow().status());
        assertEquals(5, directory.find("op-7").orElseThrow().version());
    }

    @Test
    void aDeletedOperatorIsForgottenAndDeletingItAgainChangesNothing() {
        apply(v("op-8", 1, "Eight", "ACTIVE"));

        assertTrue(tx.required(() -> directory.delete("op-8")));
        assertEquals(Optional.empty(), directory.find("op-8"));
        assertFalse(tx.required(() -> directory.delete("op-8")), "a repeated tombstone");
    }

    @Test
    void unknownOperatorsAreNotFound() {
        assertEquals(Optional.empty(), directory.find("op-nobody"));
    }

    @Test
    void changingOutsideATransactionIsRefused() {
        assertThrows(IllegalStateException.class, () -> directory.apply(v("op-9", 9, "x", "ACTIVE")));
        assertThrows(IllegalStateException.class, () -> directory.delete("op-9"));
    }
}
