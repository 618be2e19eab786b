package io.hop.usage.counter;

import java.sql.Connection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** The {@link CounterListener} until alerts exist: does nothing. */
@ApplicationScoped
@DefaultBean
public class NoCounterListener implements CounterListener {

    @Override
    public void countersChanged(Connection connection, List<CounterChange> changes) {
        // no alerts yet (issue 9, second part)
    }
}
