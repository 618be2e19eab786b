package io.hop.usage.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageEvents;
import io.hop.platform.outbox.Outbox;
import io.hop.usage.counter.CounterChange;
import io.hop.usage.counter.CounterListener;
import io.hop.usage.ingest.PlanLookup;

/**
 * Raises usage alerts for the counters a batch changed, in the batch's transaction: loads the operators' thresholds
 * (one query), keeps the changes that may raise anything ({@link AlertRules#mayRaise}), loads those devices' alert
 * state (one query each for the periods and the thresholds), evaluates them ({@link AlertRules#evaluate}), writes the
 * state back (one upsert each) and the alerts into the outbox ({@link Outbox#publishAll}: two statements). A batch
 * that is rolled back takes its alerts with it; a redelivered one finds them in the state and raises nothing. A
 * threshold held back by its snooze is looked at again when the snooze ends ({@link SnoozeTimers}).
 */
public final class AlertEngine implements CounterListener {

    /** Schedules the re-evaluation of a device's thresholds when a snooze ends (a durable timer). */
    @FunctionalInterface
    public interface SnoozeScheduler {
        void schedule(String operatorId, String deviceId, String thresholdId, Instant until);
    }

    private final PlanLookup plans;
    private final Outbox outbox;
    private final SnoozeScheduler snoozes;
    private final Clock clock;

    public AlertEngine(PlanLookup plans, Outbox outbox, SnoozeScheduler snoozes, Clock clock) {
        this.plans = plans;
        this.outbox = outbox;
        this.snoozes = snoozes;
        this.clock = clock;
    }

    @Override
    public void countersChanged(Connection connection, List<CounterChange> changes) throws SQLException {
        raise(connection, changes, true);
    }

    /**
     * Raises what {@code changes} call for and returns it.
     *
     * @param onlyCrossings look only at the changes that crossed something (the batch path; counters only grow);
     *                      false to evaluate every change against its state (billing snapshots, snooze ends)
     */
    public List<UsageAlertRaised> raise(Connection connection, List<CounterChange> changes, boolean onlyCrossings)
            throws SQLException {
        if (changes.isEmpty()) {
            return List.of();
        }
        Set<String> operators = changes.stream().map(CounterChange::operatorId).collect(Collectors.toSet());
        Map<String, List<Threshold>> thresholds = AlertStore.thresholds(connection, operators);
        Map<AlertStore.Key, AlertRules.Device> devices = new HashMap<>();
        Map<AlertStore.Key, AlertRules.Usage> usages = new HashMap<>();
        for (CounterChange change : changes) {
            Optional<PlanChanged> plan = plans.planOf(change.operatorId(), change.deviceId());
            AlertRules.Device device = new AlertRules.Device(change.operatorId(), change.deviceId(),
                    plan.map(PlanChanged::planId).orElse(null), plan.map(PlanChanged::dataLimitBytes).orElse(null),
                    plan.map(PlanChanged::tetheringAllowanceBytes).orElse(null), change.periodStart());
            AlertRules.Usage after = usage(change.after());
            List<Threshold> own = thresholds.getOrDefault(change.operatorId(), List.of());
            if (!onlyCrossings || AlertRules.mayRaise(device, usage(change.before()), after, own)) {
                AlertStore.Key key = new AlertStore.Key(change.operatorId(), change.deviceId(), change.periodStart());
                devices.put(key, device);
                usages.put(key, after);
            }
        }
        if (devices.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<AlertStore.Key, AlertState> states = AlertStore.load(connection, devices.keySet());
        List<UsageAlertRaised> alerts = new ArrayList<>();
        List<AlertStore.Key> ordered = devices.keySet().stream().sorted(AlertStore.KEY_ORDER).toList();
        for (AlertStore.Key key : ordered) {
            AlertRules.Result result = AlertRules.evaluate(devices.get(key), usages.get(key), states.get(key),
                    thresholds.getOrDefault(key.operatorId(), List.of()), now);
            alerts.addAll(result.alerts());
            for (AlertRules.Snoozed snoozed : result.snoozed()) {
                snoozes.schedule(key.operatorId(), key.deviceId(), snoozed.thresholdId(), snoozed.until());
            }
        }
        AlertStore.save(connection, states, now);
        outbox.publishAll(Channels.USAGE_ALERTS, UsageEvents.ALERT_RAISED,
                alerts.stream().map(a -> new Outbox.Keyed<>(a.deviceId(), a)).toList());
        return alerts;
    }

    private static AlertRules.Usage usage(CounterChange.Totals totals) {
        return new AlertRules.Usage(totals.total(), totals.tethered(), totals.roaming());
    }

    /** A device's counter of one period as an unchanged {@link CounterChange}, or empty when it has none. */
    public static Optional<CounterChange> current(Connection connection, String operatorId, String deviceId,
            Instant periodStart) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select period_end, bytes_up + bytes_down + adjust_bytes, tethered_up + tethered_down,
                    roaming_up + roaming_down
                from usage_counter where operator_id = ? and device_id = ? and period_start = ?""")) {
            statement.setString(1, operatorId);
            statement.setString(2, deviceId);
            statement.setTimestamp(3, Timestamp.from(periodStart));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                CounterChange.Totals totals = new CounterChange.Totals(rows.getLong(2), rows.getLong(3),
                        rows.getLong(4));
                return Optional.of(new CounterChange(operatorId, deviceId, periodStart,
                        rows.getTimestamp(1).toInstant(), totals, totals));
            }
        }
    }
}
