package io.hop.usage.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.readmodel.devices.DeviceResolver;
import io.hop.readmodel.devices.EffectiveAssignment;
import io.hop.contracts.provisioning.BillingPeriods;
import io.hop.usage.usage.UsageReader;

/**
 * {@code GET /v1/devices/{deviceId}/usage/tethered-clients}: what each tethered client of the device used in the
 * current billing period (from the usage records) and how it was connected (from {@code sharing.sessions.v1}:
 * transport, sessions, first join, last leave, whether it is connected now). A client seen by only one of the two
 * sources is listed too (with zero bytes, or without session data). Device token for itself, operator token for its
 * operator's devices (another operator's device is a 404), admin with {@code ?operatorId=}.
 */
@Path("/v1/devices/{deviceId}/usage/tethered-clients")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
public class TetheredClientsResource {

    /** The device's tethered clients in the period, most bytes first. */
    public record TetheredClients(String operatorId, String deviceId, Instant periodStart, Instant periodEnd,
            Long tetheringAllowanceBytes, long tetheredBytes, List<Client> clients) {
    }

    /** One client. */
    public record Client(String clientId, long bytesUp, long bytesDown, long bytesTotal, String transport,
            int sessions, Instant firstJoinedAt, Instant lastLeftAt, boolean connected) {
    }

    private final Caller caller;
    private final DeviceResolver resolver;
    private final UsageReader reader;
    private final DataSource dataSource;

    TetheredClientsResource(Caller caller, DeviceResolver resolver, UsageReader reader, DataSource dataSource) {
        this.caller = caller;
        this.resolver = resolver;
        this.reader = reader;
        this.dataSource = dataSource;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TetheredClients clients(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId)
            throws SQLException {
        String operator = caller.isAdmin() ? operatorId : caller.operatorId().orElse(null);
        if (operator == null) {
            throw ValidationProblem.of("operatorId", "is required for an admin token");
        }
        caller.requireDevice(deviceId, operator);
        EffectiveAssignment assignment = resolver.resolve(operator, deviceId);
        if (assignment.outcome() == EffectiveAssignment.Outcome.UNKNOWN_DEVICE
                && !reader.hasCounters(operator, deviceId)) {
            throw ProblemException.notFound("no device " + deviceId);
        }
        Optional<PlanChanged> plan = assignment.plan();
        BillingPeriods.Period period = BillingPeriods.periodOf(plan.map(PlanChanged::validity).orElse(null),
                Instant.now());
        List<Client> clients = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection
                .prepareStatement("""
                        with bytes as (
                            select client_id, bytes_up, bytes_down from usage_client_counter
                            where operator_id = ? and device_id = ? and period_start = ?),
                        sessions as (
                            select client_id, (array_agg(transport order by joined_at desc))[1] as transport,
                                count(distinct session_id) as sessions, min(joined_at) as first_joined,
                                max(left_at) as last_left, bool_or(left_at is null) as connected
                            from usage_sharing_client
                            where operator_id = ? and device_id = ? and (left_at is null or left_at >= ?)
                                and joined_at < ?
                            group by client_id)
                        select coalesce(b.client_id, s.client_id), coalesce(b.bytes_up, 0), coalesce(b.bytes_down, 0),
                            s.transport, coalesce(s.sessions, 0), s.first_joined, s.last_left,
                            coalesce(s.connected, false)
                        from bytes b full join sessions s on b.client_id = s.client_id
                        order by coalesce(b.bytes_up + b.bytes_down, 0) desc, 1""")) {
            statement.setString(1, operator);
            statement.setString(2, deviceId);
            statement.setTimestamp(3, Timestamp.from(period.start()));
            statement.setString(4, operator);
            statement.setString(5, deviceId);
            statement.setTimestamp(6, Timestamp.from(period.start()));
            statement.setTimestamp(7, Timestamp.from(period.end()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp joined = rows.getTimestamp(6);
                    Timestamp left = rows.getTimestamp(7);
                    clients.add(new Client(rows.getString(1), rows.getLong(2), rows.getLong(3),
                            rows.getLong(2) + rows.getLong(3), rows.getString(4), rows.getInt(5),
                            joined == null ? null : joined.toInstant(), left == null ? null : left.toInstant(),
                            rows.getBoolean(8)));
                }
            }
        }
        return new TetheredClients(operator, deviceId, period.start(), period.end(),
                plan.map(PlanChanged::tetheringAllowanceBytes).orElse(null),
                clients.stream().mapToLong(Client::bytesTotal).sum(), clients);
    }
}
