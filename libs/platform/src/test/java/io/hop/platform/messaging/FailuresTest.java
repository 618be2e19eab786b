package io.hop.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.hop.platform.tx.DataAccessException;

/** Which failures a consumer retries and which it dead-letters, whatever wraps them. */
class FailuresTest {

    @Test
    void anOutageADeadlockOrASerializationFailureIsTransientEvenWhenWrapped() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P03", "53300", "40001", "40P01", "55P03"}) {
            assertEquals(Failures.Kind.TRANSIENT, Failures.classify(
                    new IllegalStateException("rolled back", new DataAccessException(new SQLException("x", state)))),
                    state);
        }
        assertEquals(Failures.Kind.TRANSIENT, Failures.classify(new RuntimeException(new ConnectException("refused"))));
        assertEquals(Failures.Kind.TRANSIENT,
                Failures.classify(new SQLException("Sorry, acquisition timeout!")), "Agroal pool exhausted");
    }

    @Test
    void invalidDataIsPermanentAndABugIsNeither() {
        assertEquals(Failures.Kind.PERMANENT, Failures.classify(new InvalidEventException("bad data")));
        assertEquals(Failures.Kind.PERMANENT,
                Failures.classify(new IllegalStateException(new InvalidEventException("wrapped by a handler"))));
        assertEquals(Failures.Kind.UNKNOWN, Failures.classify(new NullPointerException()));
        assertEquals(Failures.Kind.UNKNOWN, Failures.classify(new DataAccessException(
                new SQLException("duplicate key", "23505"))), "a constraint violation is not an outage");
    }
}
