package io.hop.usage.ingest;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.platform.tx.Transactor;
import io.hop.usage.counter.CounterListener;
import io.hop.usage.counter.CounterStore;
import io.hop.usage.counter.UsageRollup;

/** Wires the plain-Java ingest pipeline and roll-up into the service. */
@ApplicationScoped
public class UsageBeans {

    @Produces
    @ApplicationScoped
    UsageIngestion ingestion(DataSource dataSource, DevicePlans plans, CounterListener listener) {
        return new UsageIngestion(dataSource, plans, new CounterStore(listener), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    UsageRollup rollup(DataSource dataSource, Transactor transactor, CounterListener listener,
            @ConfigProperty(name = "hop.usage.rollup.max-rows", defaultValue = "50000") int maxRows) {
        return new UsageRollup(dataSource, transactor, new CounterStore(listener), Clock.systemUTC(), maxRows);
    }
}
