package io.hop.usage.counter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The seam for alerts: called by {@link CounterStore#changed} with every counter a batch changed, inside the batch's
 * transaction and on its connection, right after the counters were written. The alert engine
 * ({@code io.hop.usage.alert.AlertEngine}, produced as a bean, so it replaces {@link NoCounterListener}) writes its
 * alert state and outbox rows in the same transaction, so alerts are exactly once together with the counters.
 */
public interface CounterListener {

    /**
     * @param connection the batch's connection (its transaction)
     * @param changes    the counters changed, with their totals before and after the batch
     */
    void countersChanged(Connection connection, List<CounterChange> changes) throws SQLException;
}
