package io.hop.platform.tx;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * {@link Transactor} on the service's JTA transaction manager: with it, connections from the Agroal data source are
 * enlisted in the current transaction, so platform rows commit atomically with the service's own changes.
 */
@ApplicationScoped
public class JtaTransactor implements Transactor {

    private final TransactionSynchronizationRegistry registry;

    @Inject
    public JtaTransactor(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> T required(SqlWork<T> work) {
        return QuarkusTransaction.joiningExisting().call(() -> unchecked(work));
    }

    @Override
    public <T> T requiresNew(SqlWork<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> unchecked(work));
    }

    @Override
    public boolean isActive() {
        return registry.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }

    @Override
    public void afterCommit(Runnable action) {
        requireActive("afterCommit");
        // Interposed: runs after the resources (the database) have completed, so the committed rows are visible.
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    private static <T> T unchecked(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
