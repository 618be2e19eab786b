package io.hop.usage.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageEvents;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.timer.FiredTimer;
import io.hop.platform.timer.TimerHandler;
import io.hop.platform.timer.Timers;
import io.hop.platform.tx.DataAccessException;

/**
 * {@code PLAN_EXPIRED}: a durable timer per plan at its {@code validUntil}, scheduled (or moved, or cancelled) in the
 * transaction that applies the plan's change to the read model. When it fires it raises one alert per device that
 * used the plan before it ended (devices known by their counters' {@code plan_id}), at most
 * {@code hop.usage.plan-expiry-chunk} devices per transaction: a larger plan reschedules the timer at once for the
 * rest. {@code usage_plan_expiry_alert} remembers which device was alerted for which end of validity, so the alert is
 * raised once per device even if the timer's transaction is retried; a plan whose {@code validUntil} moves expires
 * anew at the new time.
 */
@ApplicationScoped
public class PlanExpiry implements TimerHandler {

    static final String TYPE = "usage-plan-expired";

    private final DataSource dataSource;
    private final Timers timers;
    private final Outbox outbox;
    private final int chunk;
    private final Clock clock = Clock.systemUTC();

    @Inject
    PlanExpiry(DataSource dataSource, Timers timers, Outbox outbox,
            @ConfigProperty(name = "hop.usage.plan-expiry-chunk", defaultValue = "5000") int chunk) {
        this.dataSource = dataSource;
        this.timers = timers;
        this.outbox = outbox;
        this.chunk = chunk;
    }

    static String key(String planId) {
        return TYPE + ":" + planId;
    }

    /** In the caller's transaction: the plan's expiry timer follows its {@code validUntil}. */
    public void planChanged(PlanChanged plan) {
        Instant validUntil = plan.validity() == null ? null : plan.validity().validUntil();
        if (validUntil == null) {
            timers.cancel(key(plan.planId()));
        } else {
            timers.schedule(key(plan.planId()), TYPE, validUntil,
                    String.join("\u001f", plan.operatorId(), plan.planId(), validUntil.toString()));
        }
    }

    /** In the caller's transaction: a deleted plan does not expire. */
    public void planDeleted(String planId) {
        timers.cancel(key(planId));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void onTimer(FiredTimer timer) {
        String[] parts = timer.payload().split("\u001f", 3);
        String operatorId = parts[0];
        String planId = parts[1];
        Instant validUntil = Instant.parse(parts[2]);
        Instant now = clock.instant();
        List<UsageAlertRaised> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection
                .prepareStatement("""
                        with devices as (
                            select distinct on (device_id) device_id, period_start, bytes_up + bytes_down + adjust_bytes
                                as used
                            from usage_counter
                            where operator_id = ? and plan_id = ? and period_start < ?
                                and period_end > ?::timestamptz - interval '400 days'
                                and not exists (select 1 from usage_plan_expiry_alert a where a.operator_id =
                                    usage_counter.operator_id and a.plan_id = usage_counter.plan_id
                                    and a.valid_until = ? and a.device_id = usage_counter.device_id)
                            order by device_id, period_start desc
                            limit ?),
                        alerted as (
                            insert into usage_plan_expiry_alert (operator_id, device_id, plan_id, valid_until, raised_at)
                            select ?, device_id, ?, ?, ? from devices
                            on conflict do nothing
                            returning device_id)
                        select d.device_id, d.period_start, d.used from devices d join alerted a using (device_id)""")) {
            Timestamp until = Timestamp.from(validUntil);
            statement.setString(1, operatorId);
            statement.setString(2, planId);
            statement.setTimestamp(3, until);
            statement.setTimestamp(4, until);
            statement.setTimestamp(5, until);
            statement.setInt(6, chunk);
            statement.setString(7, operatorId);
            statement.setString(8, planId);
            statement.setTimestamp(9, until);
            statement.setTimestamp(10, Timestamp.from(now));
            int found = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found++;
                    String deviceId = rows.getString(1);
                    Instant periodStart = rows.getTimestamp(2).toInstant();
                    alerts.add(new UsageAlertRaised(AlertRules.alertId(operatorId, deviceId, periodStart,
                            UsageAlertRaised.Kind.PLAN_EXPIRED, planId + "@" + validUntil), operatorId, deviceId,
                            UsageAlertRaised.Kind.PLAN_EXPIRED.name(), planId, null, null, rows.getLong(3), null,
                            periodStart, now));
                }
            }
            outbox.publishAll(Channels.USAGE_ALERTS, UsageEvents.ALERT_RAISED,
                    alerts.stream().map(a -> new Outbox.Keyed<>(a.deviceId(), a)).toList());
            if (found >= chunk) {
                timers.schedule(timer.key(), TYPE, now, timer.payload()); // the rest, in a transaction of its own
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot raise the expiry of plan " + planId, e);
        }
    }
}
