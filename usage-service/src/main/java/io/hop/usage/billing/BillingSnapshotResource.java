package io.hop.usage.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.readmodel.devices.DeviceResolver;
import io.hop.readmodel.devices.EffectiveAssignment;
import io.hop.usage.alert.AlertEngine;
import io.hop.usage.counter.CounterChange;
import io.hop.contracts.provisioning.BillingPeriods;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * {@code POST /v1/devices/{deviceId}/usage/billing-snapshots}: the operator's authoritative figure of a device's usage
 * in the current billing period at {@code takenAt}. The estimate becomes {@code bytesUsed} plus the usage counted
 * after the snapshot ({@link BillingReconciliation}); records counted later add on top. Alerts follow the new
 * estimate: steps and thresholds it reaches are raised, those already raised are not raised again. Idempotent by
 * {@code snapshotId}: the same snapshot posted again changes nothing (200 with what it did the first time).
 * Operator token of the device's operator (another operator's device is a 404), or admin with {@code ?operatorId=}.
 */
@Path("/v1/devices/{deviceId}/usage/billing-snapshots")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class BillingSnapshotResource {

    /** What a snapshot did. */
    public record Snapshot(String snapshotId, String operatorId, String deviceId, Instant periodStart, Instant takenAt,
            long bytesUsed, long usageAfterSnapshot, long estimateBefore, long estimateAfter, List<String> alertsRaised) {
    }

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Caller caller;
    private final DeviceResolver resolver;
    private final DataSource dataSource;
    private final AlertEngine alerts;

    BillingSnapshotResource(Caller caller, DeviceResolver resolver, DataSource dataSource, AlertEngine alerts) {
        this.caller = caller;
        this.resolver = resolver;
        this.dataSource = dataSource;
        this.alerts = alerts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            JsonNode body) {
        String operator = caller.isAdmin() ? operatorId : caller.operatorId().orElse(null);
        if (operator == null) {
            throw ValidationProblem.of("operatorId", "is required for an admin token");
        }
        caller.requireDevice(deviceId, operator);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (body == null || !body.isObject()) {
            throw ValidationProblem.of("body", "must be a JSON object with snapshotId, takenAt and bytesUsed");
        }
        String snapshotId = body.path("snapshotId").isTextual() ? body.get("snapshotId").asText() : null;
        problems.addIf(snapshotId == null || snapshotId.isBlank() || snapshotId.length() > 200, "snapshotId",
                "is required: the operator's id of this snapshot, at most 200 characters");
        Instant takenAt = null;
        try {
            takenAt = body.path("takenAt").isTextual() ? Instant.parse(body.get("takenAt").asText()) : null;
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (takenAt == null) {
            problems.add("takenAt", "is required: an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        } else if (takenAt.isAfter(now.plus(CLOCK_SKEW))) {
            problems.add("takenAt", "must not be in the future");
        }
        JsonNode bytes = body.get("bytesUsed");
        boolean bytesValid = bytes != null && bytes.isIntegralNumber() && bytes.canConvertToLong() && bytes.asLong() >= 0;
        problems.addIf(!bytesValid, "bytesUsed", "is required: a whole number of bytes, not negative");
        problems.throwIfAny();

        EffectiveAssignment assignment = resolver.resolve(operator, deviceId);
        if (assignment.outcome() == EffectiveAssignment.Outcome.UNKNOWN_DEVICE) {
            throw ProblemException.notFound("no device " + deviceId);
        }
        Optional<PlanChanged> plan = assignment.plan();
        BillingPeriods.Period period = BillingPeriods.periodOf(plan.map(PlanChanged::validity).orElse(null), now);
        if (takenAt.isBefore(period.start())) {
            throw ValidationProblem.of("takenAt", "must be in the current billing period (from " + period.start() + ")");
        }
        Instant taken = takenAt;
        long billed = bytes.asLong();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                Optional<Snapshot> existing = find(connection, operator, deviceId, snapshotId);
                if (existing.isPresent()) {
                    return Response.ok(existing.get()).build();
                }
                return Response.status(Response.Status.CREATED)
                        .entity(apply(connection, operator, deviceId, snapshotId, period, taken, billed, now)).build();
            }
        });
    }

    private Snapshot apply(Connection connection, String operator, String deviceId, String snapshotId,
            BillingPeriods.Period period, Instant takenAt, long billed, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into usage_counter (operator_id, device_id, period_start, period_end, updated_at)
                values (?, ?, ?, ?, ?) on conflict do nothing""")) {
            statement.setString(1, operator);
            statement.setString(2, deviceId);
            statement.setTimestamp(3, Timestamp.from(period.start()));
            statement.setTimestamp(4, Timestamp.from(period.end()));
            statement.setTimestamp(5, Timestamp.from(now));
            statement.executeUpdate();
        }
        long counted;
        long adjust;
        long tethered;
        long roaming;
        try (PreparedStatement statement = connection.prepareStatement("""
                select bytes_up + bytes_down, adjust_bytes, tethered_up + tethered_down, roaming_up + roaming_down
                from usage_counter where operator_id = ? and device_id = ? and period_start = ? for update""")) {
            statement.setString(1, operator);
            statement.setString(2, deviceId);
            statement.setTimestamp(3, Timestamp.from(period.start()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                counted = rows.getLong(1);
                adjust = rows.getLong(2);
                tethered = rows.getLong(3);
                roaming = rows.getLong(4);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                select max(taken_at) from usage_billing_snapshot
                where operator_id = ? and device_id = ? and period_start = ?""")) {
            statement.setString(1, operator);
            statement.setString(2, deviceId);
            statement.setTimestamp(3, Timestamp.from(period.start()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Timestamp latest = rows.getTimestamp(1);
                if (latest != null && takenAt.isBefore(latest.toInstant())) {
                    throw ValidationProblem.of("takenAt", "must not be before the latest snapshot of the period ("
                            + latest.toInstant() + ")");
                }
            }
        }
        long after;
        try (PreparedStatement statement = connection.prepareStatement("""
                select coalesce(sum(bytes_up + bytes_down), 0) from usage_hourly
                where operator_id = ? and device_id = ? and period_start = ? and hour >= ?""")) {
            statement.setString(1, operator);
            statement.setString(2, deviceId);
            statement.setTimestamp(3, Timestamp.from(period.start()));
            statement.setTimestamp(4, Timestamp.from(BillingReconciliation.afterSnapshotFrom(takenAt)));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                after = rows.getLong(1);
            }
        }
        long estimateBefore = counted + adjust;
        long estimate = BillingReconciliation.estimate(billed, after);
        try (PreparedStatement statement = connection.prepareStatement("""
                update usage_counter set adjust_bytes = ?, updated_at = ?
                where operator_id = ? and device_id = ? and period_start = ?""")) {
            statement.setLong(1, BillingReconciliation.adjustment(estimate, counted));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setString(3, operator);
            statement.setString(4, deviceId);
            statement.setTimestamp(5, Timestamp.from(period.start()));
            statement.executeUpdate();
        }
        List<UsageAlertRaised> raised = alerts.raise(connection, List.of(new CounterChange(operator, deviceId,
                period.start(), period.end(), new CounterChange.Totals(estimateBefore, tethered, roaming),
                new CounterChange.Totals(estimate, tethered, roaming))), false);
        List<String> raisedIds = raised.stream().map(UsageAlertRaised::alertId).toList();
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into usage_billing_snapshot (operator_id, device_id, snapshot_id, period_start, taken_at,
                    bytes_used, counted_before, counted_after, created_at, usage_after, alerts_raised)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            statement.setString(1, operator);
            statement.setString(2, deviceId);
            statement.setString(3, snapshotId);
            statement.setTimestamp(4, Timestamp.from(period.start()));
            statement.setTimestamp(5, Timestamp.from(takenAt));
            statement.setLong(6, billed);
            statement.setLong(7, estimateBefore);
            statement.setLong(8, estimate);
            statement.setTimestamp(9, Timestamp.from(now));
            statement.setLong(10, after);
            statement.setArray(11, connection.createArrayOf("text", raisedIds.toArray()));
            statement.executeUpdate();
        }
        return new Snapshot(snapshotId, operator, deviceId, period.start(), takenAt, billed, after, estimateBefore,
                estimate, raisedIds);
    }

    private static Optional<Snapshot> find(Connection connection, String operator, String deviceId, String snapshotId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select period_start, taken_at, bytes_used, usage_after, counted_before, counted_after, alerts_raised
                from usage_billing_snapshot where operator_id = ? and device_id = ? and snapshot_id = ?""")) {
            statement.setString(1, operator);
            statement.setString(2, deviceId);
            statement.setString(3, snapshotId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Snapshot(snapshotId, operator, deviceId, rows.getTimestamp(1).toInstant(),
                        rows.getTimestamp(2).toInstant(), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                        rows.getLong(6), List.of((String[]) rows.getArray(7).getArray())));
            }
        }
    }
}
