package io.hop.usage.alert;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.platform.timer.FiredTimer;
import io.hop.platform.timer.TimerHandler;
import io.hop.platform.tx.DataAccessException;
import io.hop.usage.ingest.DevicePlans;
import io.hop.contracts.provisioning.BillingPeriods;

/**
 * When a threshold's snooze ends for a device (a durable timer scheduled by {@link AlertEngine}), looks at the
 * device's current counter again: a threshold reached during the snooze and not yet alerted in the current period is
 * alerted now, even if no record arrives any more. Runs in the timer's transaction, so it fires once.
 */
@ApplicationScoped
public class SnoozeTimers implements TimerHandler {

    static final String TYPE = "usage-threshold-snooze";

    private final DataSource dataSource;
    private final DevicePlans plans;
    private final AlertEngine engine;

    SnoozeTimers(DataSource dataSource, DevicePlans plans, AlertEngine engine) {
        this.dataSource = dataSource;
        this.plans = plans;
        this.engine = engine;
    }

    static String key(String operatorId, String deviceId, String thresholdId) {
        return TYPE + ":" + operatorId + ":" + deviceId + ":" + thresholdId;
    }

    static String payload(String operatorId, String deviceId) {
        return operatorId + "\u001f" + deviceId;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void onTimer(FiredTimer timer) {
        String[] parts = timer.payload().split("\u001f", 2);
        String operatorId = parts[0];
        String deviceId = parts[1];
        Instant periodStart = BillingPeriods.periodOf(
                plans.planOf(operatorId, deviceId).map(PlanChanged::validity).orElse(null), Instant.now()).start();
        try (Connection connection = dataSource.getConnection()) {
            var current = AlertEngine.current(connection, operatorId, deviceId, periodStart);
            if (current.isPresent()) {
                engine.raise(connection, List.of(current.get()), false);
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot re-evaluate the thresholds of " + deviceId, e);
        }
    }
}
