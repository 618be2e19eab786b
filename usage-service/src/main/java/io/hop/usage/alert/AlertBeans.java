package io.hop.usage.alert;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.hop.platform.outbox.Outbox;
import io.hop.platform.timer.Timers;
import io.hop.usage.ingest.DevicePlans;

/** Wires the plain-Java alert engine into the service as the counters' {@code CounterListener}. */
@ApplicationScoped
public class AlertBeans {

    @Produces
    @Singleton
    AlertEngine alertEngine(DevicePlans plans, Outbox outbox, Timers timers) {
        return new AlertEngine(plans, outbox, (operatorId, deviceId, thresholdId, until) -> timers.schedule(
                SnoozeTimers.key(operatorId, deviceId, thresholdId), SnoozeTimers.TYPE, until,
                SnoozeTimers.payload(operatorId, deviceId)), Clock.systemUTC());
    }
}
