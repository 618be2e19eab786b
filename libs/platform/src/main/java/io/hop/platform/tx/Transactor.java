package io.hop.platform.tx;

/**
 * Transaction boundaries for the platform's plain-JDBC core classes.
 *
 * <p>The core classes (outbox, inbox, timers) take a {@link javax.sql.DataSource} and a
 * {@code Transactor}, and get their connection from the data source <em>inside</em> a transaction started or joined
 * here: the data source must then hand out the connection of that transaction. In a Quarkus service that is JTA with
 * Agroal ({@link JtaTransactor}), so platform rows commit or roll back together with the service's own Hibernate or
 * JDBC work; in plain tests it is {@link LocalTransactions}.
 *
 * <p>Work that throws rolls the transaction back (a joined transaction is marked rollback-only) and the exception
 * propagates; a {@link java.sql.SQLException} propagates as {@link DataAccessException}.
 */
public interface Transactor {

    /** Runs {@code work} in the caller's transaction, or in a new one committed when the work returns. */
    <T> T required(SqlWork<T> work);

    /** Runs {@code work} in a new transaction of its own (the caller's, if any, is suspended meanwhile). */
    <T> T requiresNew(SqlWork<T> work);

    /** Whether the calling thread has an active transaction. */
    boolean isActive();

    /** Runs {@code action} right after the caller's transaction commits (never when it rolls back). */
    void afterCommit(Runnable action);

    /** Throws unless the calling thread has an active transaction. */
    default void requireActive(String operation) {
        if (!isActive()) {
            throw new IllegalStateException(operation + " must be called inside a transaction (@Transactional)");
        }
    }
}
