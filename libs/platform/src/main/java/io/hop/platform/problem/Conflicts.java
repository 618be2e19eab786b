package io.hop.platform.problem;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.hibernate.dialect.lock.OptimisticEntityLockException;

/**
 * Recognises the database's refusals that are the client's conflict, not our fault, wherever they are in an
 * exception's cause chain (Hibernate and the transaction manager wrap them, e.g. when the violation surfaces at
 * commit): a unique-key violation (PostgreSQL SQLState {@value #UNIQUE_VIOLATION}, e.g. two concurrent creates of one
 * id) and an optimistic-lock failure ({@code @Version}: the row changed since it was read). Both answer 409.
 */
public final class Conflicts {

    /** PostgreSQL's {@code unique_violation}. */
    public static final String UNIQUE_VIOLATION = "23505";

    static final String DUPLICATE_DETAIL = "A resource with the same identity already exists.";
    static final String STALE_DETAIL = "The resource was changed by another request meanwhile; read it again and retry.";

    private Conflicts() {
    }

    /** The 409 detail for {@code failure}, or empty when it is not a conflict. */
    public static Optional<String> detailOf(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = failure; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (e instanceof OptimisticLockException || e instanceof StaleStateException
                    || e instanceof OptimisticEntityLockException) {
                return Optional.of(STALE_DETAIL);
            }
            if (e instanceof JDBCException jdbc && UNIQUE_VIOLATION.equals(jdbc.getSQLState())) {
                return Optional.of(DUPLICATE_DETAIL);
            }
            if (e instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return Optional.of(DUPLICATE_DETAIL);
                    }
                    if (next.getNextException() == next) {
                        break;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
