package io.hop.offload.connection;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * Connections: {@code GET /v1/connections/{id}}, the device's reports {@code POST /v1/connections/{id}/events}
 * ({@code {"type": "CONNECTED"|"CONNECT_FAILED"|"DISCONNECTED"}}). A connection is visible
 * to its device's token, its operator's tokens and admins; to anyone else it does not exist (404).
 */
@Path("/v1/connections/{connectionId}")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConnectionResource {

    /** A device's report. */
    public record EventRequest(String type) {
    }

    /** What a report did: {@code applied} false when it changed nothing (late, duplicate or out of place). */
    public record EventResult(boolean applied, String ignoredBecause, ConnectionView connection) {
    }

    private final Caller caller;
    private final ConnectionRepository connections;
    private final ConnectionService service;

    ConnectionResource(Caller caller, ConnectionRepository connections, ConnectionService service) {
        this.caller = caller;
        this.connections = connections;
        this.service = service;
    }

    @GET
    public ConnectionView get(@PathParam("connectionId") String connectionId) {
        ConnectionRow row = visible(connectionId);
        return ConnectionView.of(row, connections.transitions(row.connectionId()), Instant.now());
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public EventResult event(@PathParam("connectionId") String connectionId, EventRequest body) {
        ConnectionRow row = visible(connectionId);
        LifecycleInput.DeviceEventType type = null;
        if (body == null || body.type() == null) {
            throw ValidationProblem.of("type", "is required");
        }
        try {
            type = LifecycleInput.DeviceEventType.valueOf(body.type());
        } catch (IllegalArgumentException e) {
            throw ValidationProblem.of("type", "must be one of " + Arrays.toString(LifecycleInput.DeviceEventType.values()));
        }
        ConnectionService.Result result = service.onDeviceEvent(row.connectionId(), type);
        return new EventResult(result.applied(), result.ignoredBecause(), ConnectionView.of(result.connection(),
                connections.transitions(row.connectionId()), Instant.now()));
    }

    private ConnectionRow visible(String connectionId) {
        UUID id;
        try {
            id = UUID.fromString(connectionId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no connection " + connectionId);
        }
        ConnectionRow row = connections.find(id).orElseThrow(() -> ProblemException.notFound("no connection " + connectionId));
        caller.requireDevice(row.deviceId(), row.operatorId());
        return row;
    }
}
