package io.hop.platform.messaging;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether a failure while handling an event is worth retrying. Decided on the whole cause chain, so that a
 * PostgreSQL error wrapped by JTA, Hibernate or {@link io.hop.platform.tx.DataAccessException} is still recognised.
 */
public final class Failures {

    /** What to do about a failure. */
    public enum Kind {
        /** The event itself is bad: dead-letter it and go on. */
        PERMANENT,
        /** The environment failed (database down, deadlock, timeout): retry the same event with backoff, forever. */
        TRANSIENT,
        /** Neither recognisably: retry a bounded number of times, then dead-letter (a bug must not stop the channel). */
        UNKNOWN
    }

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Kind found = Kind.UNKNOWN;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isTransient(t)) {
                // a transient cause wins over a wrapper that looks permanent (e.g. an IllegalStateException from JTA)
                return Kind.TRANSIENT;
            }
            if (t instanceof InvalidEventException && found == Kind.UNKNOWN) {
                found = Kind.PERMANENT;
            }
        }
        return found;
    }

    private static boolean isTransient(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof ConnectException || t instanceof SocketTimeoutException
                || t instanceof TimeoutException || t instanceof RetriableException
                || t instanceof DeadLetters.DeadLetterFailedException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state == null) {
                // Agroal's "acquisition timeout" and the driver's I/O errors carry no SQLState
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                return message.contains("acquisition timeout") || message.contains("i/o error")
                        || message.contains("connection");
            }
            return TRANSIENT_STATES.containsKey(state) || TRANSIENT_CLASSES.containsKey(state.substring(0, 2));
        }
        return false;
    }

    /** SQLState classes: 08 connection exception, 53 insufficient resources, 57 operator intervention, 58 system error. */
    private static final Map<String, Boolean> TRANSIENT_CLASSES = Map.of("08", true, "53", true, "57", true,
            "58", true);

    /** Serialization failure, deadlock, lock not available, statement timeout/cancel, too many connections. */
    private static final Map<String, Boolean> TRANSIENT_STATES = Map.of("40001", true, "40P01", true,
            "55P03", true, "57014", true, "40003", true);
}
