package io.hop.usage.counter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The seam for alerts: called by {@link CounterStore#add} with every counter a batch changed, inside the batch's
 * transaction and on its connection, right after the counters were written. An alert evaluator (5 % steps,
 * thresholds, tethering allowance, roaming started) implements it as an {@code @ApplicationScoped} bean (it then
 * replaces {@link NoCounterListener}) and writes its alert state and outbox rows in the same transaction, so alerts
 * are exactly once together with the counters. Nothing implements it yet: no alerts are raised.
 */
public interface CounterListener {

    /**
     * @param connection the batch's connection (its transaction)
     * @param changes    the counters changed, with their totals before and after the batch
     */
    void countersChanged(Connection connection, List<CounterChange> changes) throws SQLException;
}
