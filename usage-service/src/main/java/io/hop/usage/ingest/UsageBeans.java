package io.hop.usage.ingest;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.hop.usage.counter.CounterListener;
import io.hop.usage.counter.CounterStore;

/** Wires the plain-Java ingest pipeline into the service. */
@ApplicationScoped
public class UsageBeans {

    @Produces
    @ApplicationScoped
    UsageIngestion ingestion(DataSource dataSource, DevicePlans plans, CounterListener listener) {
        return new UsageIngestion(dataSource, plans, new CounterStore(listener), Clock.systemUTC());
    }
}
