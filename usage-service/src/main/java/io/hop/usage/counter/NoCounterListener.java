package io.hop.usage.counter;

import java.sql.Connection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** A {@link CounterListener} that raises nothing (the default when no alert engine is produced). */
@ApplicationScoped
@DefaultBean
public class NoCounterListener implements CounterListener {

    @Override
    public void countersChanged(Connection connection, List<CounterChange> changes) {
        // nothing to raise
    }
}
