package io.hop.usage.threshold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.hop.platform.problem.ProblemException;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;

/**
 * An operator's usage thresholds, {@code /v1/operators/{operatorId}/usage-thresholds[/{thresholdId}]}: {@code PUT}
 * creates (201) or replaces (200) one, {@code GET} reads one or all, {@code DELETE} removes one (204). A threshold
 * fires a {@code THRESHOLD} alert per device at most once per billing period (io.hop.usage.alert). Operator token of
 * that operator or admin; another operator's threshold is a 404, its collection a 403.
 */
@Path("/v1/operators/{operatorId}/usage-thresholds")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
@Produces(MediaType.APPLICATION_JSON)
public class ThresholdResource {

    /** A threshold as the API shows it; {@code snooze} is an ISO-8601 duration. */
    public record ThresholdView(String operatorId, String thresholdId, String planId, Integer percent, Long bytes,
            String snooze, Instant createdAt, Instant updatedAt) {
    }

    private static final String COLUMNS = "operator_id, threshold_id, plan_id, percent, bytes, snooze_seconds, "
            + "created_at, updated_at";

    private final DataSource dataSource;
    private final Caller caller;

    ThresholdResource(DataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @GET
    public List<ThresholdView> list(@PathParam("operatorId") String operatorId) throws SQLException {
        caller.requireOperatorCollection(operatorId);
        List<ThresholdView> all = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection
                .prepareStatement("select " + COLUMNS + " from usage_threshold where operator_id = ? order by threshold_id")) {
            statement.setString(1, operatorId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    all.add(view(rows));
                }
            }
        }
        return all;
    }

    @GET
    @Path("{thresholdId}")
    public ThresholdView get(@PathParam("operatorId") String operatorId, @PathParam("thresholdId") String thresholdId)
            throws SQLException {
        caller.requireOperator(operatorId);
        return find(operatorId, thresholdId).orElseThrow(() -> ProblemException.notFound("no threshold " + thresholdId));
    }

    @PUT
    @Path("{thresholdId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response put(@PathParam("operatorId") String operatorId, @PathParam("thresholdId") String thresholdId,
            JsonNode body) throws SQLException {
        caller.requireOperatorCollection(operatorId);
        ThresholdValidation.Request request = ThresholdValidation.parse(thresholdId, body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean created;
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection
                .prepareStatement("""
                        insert into usage_threshold (operator_id, threshold_id, plan_id, percent, bytes,
                            snooze_seconds, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (operator_id, threshold_id) do update set plan_id = excluded.plan_id,
                            percent = excluded.percent, bytes = excluded.bytes,
                            snooze_seconds = excluded.snooze_seconds, updated_at = excluded.updated_at
                        returning (xmax = 0)""")) {
            statement.setString(1, operatorId);
            statement.setString(2, thresholdId);
            statement.setString(3, request.planId());
            statement.setObject(4, request.percent());
            statement.setObject(5, request.bytes());
            statement.setLong(6, request.snooze().toSeconds());
            statement.setTimestamp(7, Timestamp.from(now));
            statement.setTimestamp(8, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                created = rows.getBoolean(1);
            }
        }
        ThresholdView view = find(operatorId, thresholdId).orElseThrow();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(view).build();
    }

    @DELETE
    @Path("{thresholdId}")
    @Transactional
    public Response delete(@PathParam("operatorId") String operatorId, @PathParam("thresholdId") String thresholdId)
            throws SQLException {
        caller.requireOperator(operatorId);
        try (Connection connection = dataSource.getConnection()) {
            int deleted;
            try (PreparedStatement statement = connection
                    .prepareStatement("delete from usage_threshold where operator_id = ? and threshold_id = ?")) {
                statement.setString(1, operatorId);
                statement.setString(2, thresholdId);
                deleted = statement.executeUpdate();
            }
            if (deleted == 0) {
                throw ProblemException.notFound("no threshold " + thresholdId);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "delete from usage_threshold_state where operator_id = ? and threshold_id = ?")) {
                statement.setString(1, operatorId);
                statement.setString(2, thresholdId);
                statement.executeUpdate();
            }
        }
        return Response.noContent().build();
    }

    private Optional<ThresholdView> find(String operatorId, String thresholdId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection
                .prepareStatement("select " + COLUMNS + " from usage_threshold where operator_id = ? and threshold_id = ?")) {
            statement.setString(1, operatorId);
            statement.setString(2, thresholdId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(view(rows)) : Optional.empty();
            }
        }
    }

    private static ThresholdView view(ResultSet rows) throws SQLException {
        return new ThresholdView(rows.getString(1), rows.getString(2), rows.getString(3), (Integer) rows.getObject(4),
                (Long) rows.getObject(5), Duration.ofSeconds(rows.getLong(6)).toString(),
                rows.getTimestamp(7).toInstant(), rows.getTimestamp(8).toInstant());
    }
}
